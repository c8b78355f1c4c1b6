/**
 * A counter in one table row, shared by every instance: read, then written back with the ETag read, and
 * tried again when another instance wrote in between.
 */
import type { TableClient } from '@azure/data-tables';
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
  for (let conflict = 0; conflict < MAX_CONFLICTS; conflict++) {
    try {
      const row = await readCounter(table, key.partitionKey, key.rowKey);
      const used = row?.used ?? 0;
      if (used + amount > limit) return false;
      if (!row) await table.createEntity<CounterEntity>({ ...key, used: amount });
      else await table.updateEntity<CounterEntity>({ ...key, used: used + amount }, 'Replace', { etag: row.etag });
      return true;
    } catch (error) {
      if (isStatus(error, 409) || isStatus(error, 412)) continue;
      throw toStorageError(error, operation);
    }
  }
  throw toStorageError(new Error('too many concurrent writers'), operation);
}
