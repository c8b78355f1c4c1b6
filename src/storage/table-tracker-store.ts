/** TrackerStore on Azure Table Storage: table `tracker`, one row per tenant (delta link and lease), ETag writes. */
import type { TableClient, TableEntityResult } from '@azure/data-tables';
import type { TrackerCheckpoint, TrackerStore } from '../domain/ports/tracker-store.js';
import type { Versioned } from '../domain/ports/versioned.js';
import { VersionedTable } from './versioned-table.js';

type TrackerEntity = {
  partitionKey: string;
  rowKey: string;
  deltaLink?: string;
  owner?: string;
  leaseUntil?: string;
  lastRoundAt?: string;
  placementsCheckedAt?: string;
  subscriptionId?: string;
  subscriptionExpiresAt?: string;
};

const ROW = 'users';

export class TableTrackerStore implements TrackerStore {
  private readonly rows: VersionedTable<TrackerCheckpoint, TrackerEntity>;

  constructor(table: TableClient, ready: () => Promise<void> = () => Promise.resolve()) {
    this.rows = new VersionedTable(table, { toEntity, fromEntity }, 'tracking checkpoint', ready);
  }

  get(tenantId: string): Promise<Versioned<TrackerCheckpoint> | undefined> {
    return this.rows.get(tenantId, ROW);
  }

  create(checkpoint: TrackerCheckpoint): Promise<Versioned<TrackerCheckpoint>> {
    return this.rows.create(checkpoint);
  }

  replace(checkpoint: TrackerCheckpoint, etag: string): Promise<Versioned<TrackerCheckpoint>> {
    return this.rows.replace(checkpoint, etag);
  }
}

function toEntity(checkpoint: TrackerCheckpoint): TrackerEntity {
  const { tenantId, subscription, ...rest } = checkpoint;
  return {
    partitionKey: tenantId,
    rowKey: ROW,
    ...Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined)),
    ...(subscription ? { subscriptionId: subscription.id, subscriptionExpiresAt: subscription.expiresAt } : {}),
  };
}

function fromEntity(entity: TableEntityResult<TrackerEntity>): TrackerCheckpoint {
  return {
    tenantId: entity.partitionKey ?? '',
    ...(entity.deltaLink ? { deltaLink: entity.deltaLink } : {}),
    ...(entity.owner ? { owner: entity.owner } : {}),
    ...(entity.leaseUntil ? { leaseUntil: entity.leaseUntil } : {}),
    ...(entity.lastRoundAt ? { lastRoundAt: entity.lastRoundAt } : {}),
    ...(entity.placementsCheckedAt ? { placementsCheckedAt: entity.placementsCheckedAt } : {}),
    ...(entity.subscriptionId && entity.subscriptionExpiresAt ? { subscription: { id: entity.subscriptionId, expiresAt: entity.subscriptionExpiresAt } } : {}),
  };
}
