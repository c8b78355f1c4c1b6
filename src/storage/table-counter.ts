/**
 * A counter in one table row, shared by every instance: read, then written back with the ETag read, and
 * tried again when another instance wrote in between.
 */
import type { TableClient } from '@azure/data-tables';
import { StaleWriteError, updateVersioned, WriteConflictError, type Versioned, type VersionedRecord } from '../domain/ports/versioned.js';
import { isStatus, toStorageError } from './table-errors.js';

type CounterEntity = { partitionKey: string; rowKey: string; used: number };

/** Conflicting writers retry this often before the write is reported as a storage failure. */
const MAX_CONFLICTS = 20;

export async function readCounter(table: TableClient, partitionKey: string, rowKey: string): Promise<{ used: number; etag: string } | undefined> {
  try {
    const entity = await table.getEntity<CounterEntity>(partitionKey, rowKey);
    return { used: entity.used, etag: entity.etag };
  } catch (error) {
    if (isStatus(error, 404)) return undefined;
    throw error;
  }
}

/** Adds `amount` unless the sum would pass `limit`; says whether it did. */
export async function addToCounter(
  table: TableClient,
  key: { readonly partitionKey: string; readonly rowKey: string },
  amount: number,
  limit: number,
  operation: string,
): Promise<boolean> {
  const counter: VersionedRecord<number> = {
    read: async () => {
      const row = await readCounter(table, key.partitionKey, key.rowKey);
      return row && { value: row.used, etag: row.etag };
    },
    replace: (used, etag) => conflictsAsStale(table.updateEntity<CounterEntity>({ ...key, used }, 'Replace', { etag }), used),
    create: (used) => conflictsAsStale(table.createEntity<CounterEntity>({ ...key, used }), used),
  };
  try {
    const update = await updateVersioned(counter, (used = 0) => (used + amount > limit ? undefined : used + amount), { what: operation, attempts: MAX_CONFLICTS });
    return update.kind === 'written';
  } catch (error) {
    throw toStorageError(error instanceof WriteConflictError ? new Error('too many concurrent writers') : error, operation);
  }
}

async function conflictsAsStale(write: Promise<{ etag?: string }>, used: number): Promise<Versioned<number>> {
  try {
    return { value: used, etag: (await write).etag ?? '' };
  } catch (error) {
    if (isStatus(error, 409) || isStatus(error, 412)) throw new StaleWriteError('counter changed by another writer');
    throw error;
  }
}
