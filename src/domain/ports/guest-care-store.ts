/** Each invited guest's lifecycle state (questions to sponsors, blocks) and the tenant's round state. */
import type { GuestCare, LifecycleCheckpoint } from '../lifecycle/guest-care.js';
import type { Versioned, VersionedRecord } from './versioned.js';

export interface GuestCareStore {
  get(tenantId: string, email: string): Promise<Versioned<GuestCare> | undefined>;
  /** Fails with `StaleWriteError` when the guest already has a row. */
  create(care: GuestCare): Promise<Versioned<GuestCare>>;
  /** Fails with `StaleWriteError` when someone else changed the row since `etag`. */
  replace(care: GuestCare, etag: string): Promise<Versioned<GuestCare>>;
  list(tenantId: string): Promise<Versioned<GuestCare>[]>;
  /** The tenant's round state, to update with `updateVersioned`. */
  checkpoint(tenantId: string): VersionedRecord<LifecycleCheckpoint>;
}

/** One guest's row as a record to update with `updateVersioned` (created when missing). */
export function storedCare(store: GuestCareStore, key: Pick<GuestCare, 'tenantId' | 'email'>): VersionedRecord<GuestCare> {
  return { read: () => store.get(key.tenantId, key.email), replace: (care, etag) => store.replace(care, etag), create: (care) => store.create(care) };
}
