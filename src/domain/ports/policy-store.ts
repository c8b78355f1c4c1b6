/** The policy in force as last recorded, to notice changes. */
import type { Versioned } from './versioned.js';

/** The bot's policy as last recorded (who may invite, thresholds, domain lists), setting by setting. */
export type RecordedPolicy = Readonly<Record<string, string>>;

export interface PolicyStore {
  get(tenantId: string): Promise<Versioned<RecordedPolicy> | undefined>;
  /** Stale etag → StaleWriteError (another instance recorded it first). */
  put(tenantId: string, policy: RecordedPolicy, etag?: string): Promise<void>;
}
