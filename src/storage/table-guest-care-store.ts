/**
 * GuestCareStore on Azure Table Storage: table `guestcare`, PartitionKey = tenant id, one row per guest
 * (RowKey = the normalised address, as in `invitations`) and one row for the tenant's round state.
 */
import type { TableClient, TableEntityResult } from '@azure/data-tables';
import type { GuestCare, LifecycleCheckpoint } from '../domain/lifecycle/guest-care.js';
import type { GuestCareStore } from '../domain/ports/guest-care-store.js';
import type { Versioned, VersionedRecord } from '../domain/ports/versioned.js';
import { rowKeyFor } from './table-invitation-store.js';
import { VersionedTable } from './versioned-table.js';

/** `%` alone is never produced by encodeURIComponent, so no address has this RowKey. */
const ROUND_ROW = '%round';

type CareEntity = { partitionKey: string; rowKey: string; email: string; asked?: string; kept?: string; blocked?: string };
type RoundEntity = { partitionKey: string; rowKey: string; ranAt?: string; reviewedAt?: string; unlicensedReportedAt?: string; policiesReported?: string };

export class TableGuestCareStore implements GuestCareStore {
  private readonly guests: VersionedTable<GuestCare, CareEntity>;
  private readonly rounds: VersionedTable<LifecycleCheckpoint, RoundEntity>;

  constructor(table: TableClient, ready: () => Promise<void> = () => Promise.resolve()) {
    this.guests = new VersionedTable(table, { toEntity: careEntity, fromEntity: careOf }, 'guest lifecycle state', ready);
    this.rounds = new VersionedTable(table, { toEntity: roundEntity, fromEntity: roundOf }, 'lifecycle round', ready);
  }

  get(tenantId: string, email: string): Promise<Versioned<GuestCare> | undefined> {
    return this.guests.get(tenantId, rowKeyFor(email));
  }

  create(care: GuestCare): Promise<Versioned<GuestCare>> {
    return this.guests.create(care);
  }

  replace(care: GuestCare, etag: string): Promise<Versioned<GuestCare>> {
    return this.guests.replace(care, etag);
  }

  list(tenantId: string): Promise<Versioned<GuestCare>[]> {
    return this.guests.list(tenantId, `RowKey ne '${ROUND_ROW}'`);
  }

  checkpoint(tenantId: string): VersionedRecord<LifecycleCheckpoint> {
    return {
      read: () => this.rounds.get(tenantId, ROUND_ROW),
      create: (value) => this.rounds.create(value),
      replace: (value, etag) => this.rounds.replace(value, etag),
    };
  }
}

function careEntity(care: GuestCare): CareEntity {
  return {
    partitionKey: care.tenantId,
    rowKey: rowKeyFor(care.email),
    email: care.email,
    ...(care.asked ? { asked: JSON.stringify(care.asked) } : {}),
    ...(care.kept ? { kept: JSON.stringify(care.kept) } : {}),
    ...(care.blocked ? { blocked: JSON.stringify(care.blocked) } : {}),
  };
}

function careOf(entity: TableEntityResult<CareEntity>): GuestCare {
  return {
    tenantId: entity.partitionKey ?? '',
    email: entity.email,
    ...(entity.asked ? { asked: JSON.parse(entity.asked) as NonNullable<GuestCare['asked']> } : {}),
    ...(entity.kept ? { kept: JSON.parse(entity.kept) as NonNullable<GuestCare['kept']> } : {}),
    ...(entity.blocked ? { blocked: JSON.parse(entity.blocked) as NonNullable<GuestCare['blocked']> } : {}),
  };
}

function roundEntity(checkpoint: LifecycleCheckpoint): RoundEntity {
  const { tenantId, ...rest } = checkpoint;
  return { partitionKey: tenantId, rowKey: ROUND_ROW, ...Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined)) };
}

function roundOf(entity: TableEntityResult<RoundEntity>): LifecycleCheckpoint {
  return {
    tenantId: entity.partitionKey ?? '',
    ...(entity.ranAt ? { ranAt: entity.ranAt } : {}),
    ...(entity.reviewedAt ? { reviewedAt: entity.reviewedAt } : {}),
    ...(entity.unlicensedReportedAt ? { unlicensedReportedAt: entity.unlicensedReportedAt } : {}),
    ...(entity.policiesReported !== undefined ? { policiesReported: entity.policiesReported } : {}),
  };
}
