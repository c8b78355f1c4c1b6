/** Each invited guest's lifecycle state (questions to sponsors, blocks) and the tenant's round state. */
import type { GuestLifecycle, LifecycleCheckpoint } from '../lifecycle/lifecycle-rules.js';
import type { Versioned, VersionedRecord } from './versioned.js';

export interface GuestLifecycleStore {
  get(tenantId: string, email: string): Promise<Versioned<GuestLifecycle> | undefined>;
  /** Fails with `StaleWriteError` when the guest already has a row. */
  create(care: GuestLifecycle): Promise<Versioned<GuestLifecycle>>;
  /** Fails with `StaleWriteError` when someone else changed the row since `etag`. */
  replace(care: GuestLifecycle, etag: string): Promise<Versioned<GuestLifecycle>>;
  list(tenantId: string): Promise<Versioned<GuestLifecycle>[]>;
  /** The tenant's round state, to update with `updateVersioned`. */
  checkpoint(tenantId: string): VersionedRecord<LifecycleCheckpoint>;
}

/** One guest's row as a record to update with `updateVersioned` (created when missing). */
export function storedLifecycle(store: GuestLifecycleStore, key: Pick<GuestLifecycle, 'tenantId' | 'email'>): VersionedRecord<GuestLifecycle> {
  return { read: () => store.get(key.tenantId, key.email), replace: (care, etag) => store.replace(care, etag), create: (care) => store.create(care) };
}
