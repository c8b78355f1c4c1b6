/** One record per invited (tenant, address): the idempotency key of sending. */
import type { InvitationRecord } from '../invitations/invitation.js';
import type { Versioned, VersionedRecord } from './versioned.js';

export interface InvitationStore {
  get(tenantId: string, email: string): Promise<Versioned<InvitationRecord> | undefined>;
  /** The records of many addresses, read in as few queries as the table allows; keyed by the address as given. */
  getMany(tenantId: string, emails: readonly string[]): Promise<ReadonlyMap<string, Versioned<InvitationRecord>>>;
  /** Fails with `StaleWriteError` when a record for the same (tenant, email) already exists. */
  create(record: InvitationRecord): Promise<Versioned<InvitationRecord>>;
  /** Fails with `StaleWriteError` when someone else changed the record since `etag`. */
  replace(record: InvitationRecord, etag: string): Promise<Versioned<InvitationRecord>>;
  /** Every invitation of the tenant (for reports; reads the whole partition). */
  list(tenantId: string): Promise<Versioned<InvitationRecord>[]>;
}

/** One invitation as a record to update with `updateVersioned`. */
export function storedInvitation(store: InvitationStore, key: Pick<InvitationRecord, 'tenantId' | 'email'>): VersionedRecord<InvitationRecord> {
  return { read: () => store.get(key.tenantId, key.email), replace: (record, etag) => store.replace(record, etag) };
}
