/**
 * The tenant's invitation pace (domain/invitations/invitation-pace.ts) in one row of table `quotas`, so
 * every instance draws its request start times from the same schedule and hears every 429: read, changed,
 * written back with the ETag read, and tried again when another instance wrote in between.
 */
import type { TableClient } from '@azure/data-tables';
import { initialPace, type PaceState, type RequestBudget } from '../domain/invitations/invitation-pace.js';
import type { PaceLedger } from '../domain/ports/invitation-pace.js';
import { isStatus, toStorageError } from './table-errors.js';

type PaceEntity = PaceState & { partitionKey: string; rowKey: string };

const ROW_KEY = 'invitation-pace';
/** Conflicting writers retry this often before the claim is reported as a storage failure. */
const MAX_CONFLICTS = 20;

export class TablePaceLedger implements PaceLedger {
  constructor(
    private readonly table: TableClient,
    private readonly tenantId: string,
    private readonly budget: RequestBudget,
    private readonly ready: () => Promise<void> = () => Promise.resolve(),
  ) {}

  async update<T>(change: (state: PaceState) => { readonly state: PaceState; readonly result: T }): Promise<T> {
    await this.ready();
    for (let conflict = 0; conflict < MAX_CONFLICTS; conflict++) {
      try {
        const row = await this.read();
        const { state, result } = change(row?.state ?? initialPace(this.budget));
        const entity: PaceEntity = { partitionKey: this.tenantId, rowKey: ROW_KEY, ...pick(state) };
        if (row) await this.table.updateEntity(entity, 'Replace', { etag: row.etag });
        else await this.table.createEntity(entity);
        return result;
      } catch (error) {
        if (isStatus(error, 409) || isStatus(error, 412)) continue;
        throw toStorageError(error, 'claim invitation slots');
      }
    }
    throw toStorageError(new Error('too many concurrent writers'), 'claim invitation slots');
  }

  private async read(): Promise<{ state: PaceState; etag: string } | undefined> {
    try {
      const entity = await this.table.getEntity<PaceEntity>(this.tenantId, ROW_KEY);
      return { state: pick(entity), etag: entity.etag };
    } catch (error) {
      if (isStatus(error, 404)) return undefined;
      throw error;
    }
  }
}

/** Only the record's own fields: neither the entity's keys and metadata nor anything a later version added. */
function pick(state: PaceState): PaceState {
  return {
    nextSlotAt: state.nextSlotAt,
    intervalMs: state.intervalMs,
    slowedAt: state.slowedAt,
    pausedUntil: state.pausedUntil,
    throttled: state.throttled,
  };
}
