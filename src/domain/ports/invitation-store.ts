/** One record per invited (tenant, address): the idempotency key of sending. */
import type { InvitationRecord } from '../invitations/invitation.js';
import type { StaleWriteError, Versioned } from './versioned.js';

export interface InvitationStore {
  get(tenantId: string, email: string): Promise<Versioned<InvitationRecord> | undefined>;
  /** Fails with `StaleWriteError` when a record for the same (tenant, email) already exists. */
  create(record: InvitationRecord): Promise<Versioned<InvitationRecord>>;
  /** Fails with `StaleWriteError` when someone else changed the record since `etag`. */
  replace(record: InvitationRecord, etag: string): Promise<Versioned<InvitationRecord>>;
  /** Every invitation of the tenant (for reports; reads the whole partition). */
  list(tenantId: string): Promise<Versioned<InvitationRecord>[]>;
}
