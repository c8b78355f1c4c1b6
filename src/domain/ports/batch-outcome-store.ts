/** What each ready address of a batch came to. */
import type { EntryResult } from '../invitations/batch.js';

/** What one batch's ready addresses came to; one row per (batch, address), rewritten by a later round. */
export interface BatchOutcomeStore {
  /** Writes (or overwrites) the outcome of one address. */
  record(tenantId: string, batchId: string, result: EntryResult): Promise<void>;
  list(tenantId: string, batchId: string): Promise<EntryResult[]>;
}
