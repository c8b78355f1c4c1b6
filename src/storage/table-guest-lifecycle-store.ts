/**
 * GuestLifecycleStore on Azure Table Storage: table `guestlifecycle`, PartitionKey = tenant id, one row per guest
 * (RowKey = the normalised address, as in `invitations`) and one row for the tenant's round state.
 */
import type { TableClient, TableEntityResult } from '@azure/data-tables';
import type { GuestLifecycle, LifecycleCheckpoint } from '../domain/lifecycle/lifecycle-rules.js';
import type { GuestLifecycleStore } from '../domain/ports/guest-lifecycle-store.js';
import type { Versioned, VersionedRecord } from '../domain/ports/versioned.js';
import { rowKeyFor } from './table-invitation-store.js';
import { VersionedTable } from './versioned-table.js';

/** `%` alone is never produced by encodeURIComponent, so no address has this RowKey. */
const ROUND_ROW = '%round';

type CareEntity = { partitionKey: string; rowKey: string; email: string; asked?: string; kept?: string; blocked?: string };
type RoundEntity = { partitionKey: string; rowKey: string; ranAt?: string; reviewedAt?: string; unlicensedReportedAt?: string; policiesReported?: string };

export class TableGuestLifecycleStore implements GuestLifecycleStore {
  private readonly guests: VersionedTable<GuestLifecycle, CareEntity>;
  private readonly rounds: VersionedTable<LifecycleCheckpoint, RoundEntity>;

  constructor(table: TableClient, ready: () => Promise<void> = () => Promise.resolve()) {
    this.guests = new VersionedTable(table, { toEntity: careEntity, fromEntity: careOf }, 'guest lifecycle state', ready);
    this.rounds = new VersionedTable(table, { toEntity: roundEntity, fromEntity: roundOf }, 'lifecycle round', ready);
  }

  get(tenantId: string, email: string): Promise<Versioned<GuestLifecycle> | undefined> {
    return this.guests.get(tenantId, rowKeyFor(email));
  }

  create(care: GuestLifecycle): Promise<Versioned<GuestLifecycle>> {
    return this.guests.create(care);
  }

  replace(care: GuestLifecycle, etag: string): Promise<Versioned<GuestLifecycle>> {
    return this.guests.replace(care, etag);
  }

  list(tenantId: string): Promise<Versioned<GuestLifecycle>[]> {
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

function careEntity(care: GuestLifecycle): CareEntity {
  return {
    partitionKey: care.tenantId,
    rowKey: rowKeyFor(care.email),
    email: care.email,
    ...(care.asked ? { asked: JSON.stringify(care.asked) } : {}),
    ...(care.kept ? { kept: JSON.stringify(care.kept) } : {}),
    ...(care.blocked ? { blocked: JSON.stringify(care.blocked) } : {}),
  };
}

function careOf(entity: TableEntityResult<CareEntity>): GuestLifecycle {
  return {
    tenantId: entity.partitionKey ?? '',
    email: entity.email,
    ...(entity.asked ? { asked: JSON.parse(entity.asked) as NonNullable<GuestLifecycle['asked']> } : {}),
    ...(entity.kept ? { kept: JSON.parse(entity.kept) as NonNullable<GuestLifecycle['kept']> } : {}),
    ...(entity.blocked ? { blocked: JSON.parse(entity.blocked) as NonNullable<GuestLifecycle['blocked']> } : {}),
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
