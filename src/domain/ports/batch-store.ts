/** The submitted lists, from draft to done. */
import type { BatchState, InviteBatch } from '../invitations/batch.js';
import type { Versioned, VersionedRecord } from './versioned.js';

export interface BatchStore {
  get(tenantId: string, batchId: string): Promise<Versioned<InviteBatch> | undefined>;
  create(batch: InviteBatch): Promise<Versioned<InviteBatch>>;
  /** Fails with `StaleWriteError` when someone else changed the batch since `etag`. */
  replace(batch: InviteBatch, etag: string): Promise<Versioned<InviteBatch>>;
  /** The tenant's batches in a state, or whose card is in a conversation (its id without the `;messageid=` of a thread). */
  list(tenantId: string, filter: BatchFilter): Promise<Versioned<InviteBatch>[]>;
}

export type BatchFilter = { readonly state: BatchState } | { readonly cardConversationId: string };

/** One batch as a record to update with `updateVersioned`. */
export function storedBatch(batches: BatchStore, key: Pick<InviteBatch, 'tenantId' | 'batchId'>): VersionedRecord<InviteBatch> {
  return { read: () => batches.get(key.tenantId, key.batchId), replace: (batch, etag) => batches.replace(batch, etag) };
}
