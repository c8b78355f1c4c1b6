/**
 * One Azure table of records with ETag concurrency: read by key, create-if-absent, replace-if-unchanged.
 * The stores only say how a record maps to an entity.
 */
import { odata, type TableClient, type TableEntity, type TableEntityResult } from '@azure/data-tables';
import type { Versioned } from '../domain/ports/versioned.js';
import { mapWithConcurrency } from '../domain/use-cases/review-invitees.js';
import { isStatus, toStorageError } from './table-errors.js';

export interface EntityMapping<T, E extends TableEntity> {
  toEntity(value: T): E;
  fromEntity(entity: TableEntityResult<E>): T;
}

export class VersionedTable<T, E extends TableEntity> {
  constructor(
    private readonly table: TableClient,
    private readonly mapping: EntityMapping<T, E>,
    /** For error messages: "invitation", "batch". */
    private readonly noun: string,
    private readonly ready: () => Promise<void>,
  ) {}

  async get(partitionKey: string, rowKey: string): Promise<Versioned<T> | undefined> {
    await this.ready();
    try {
      const entity = await this.table.getEntity<E>(partitionKey, rowKey);
      return { value: this.mapping.fromEntity(entity), etag: entity.etag };
    } catch (error) {
      if (isStatus(error, 404)) return undefined;
      throw toStorageError(error, `read ${this.noun}`);
    }
  }

  /** The partition's rows, those matching `where` (an OData condition built with `odata`) when given. */
  async list(partitionKey: string, where?: string): Promise<Versioned<T>[]> {
    const rows: Versioned<T>[] = [];
    await this.query(`${partitionFilter(partitionKey)}${where ? ` and ${where}` : ''}`, (row) => rows.push(row));
    return rows;
  }

  /**
   * The partition's rows with these RowKeys, keyed by RowKey: one query per group of keys, a few at a time,
   * rather than one read per key. Table storage allows at most 15 comparisons in a filter, the partition's
   * one included.
   */
  async getMany(partitionKey: string, rowKeys: readonly string[]): Promise<Map<string, Versioned<T>>> {
    const found = new Map<string, Versioned<T>>();
    const groups: string[][] = [];
    for (let start = 0; start < rowKeys.length; start += ROW_KEYS_PER_QUERY) groups.push(rowKeys.slice(start, start + ROW_KEYS_PER_QUERY));
    await mapWithConcurrency(groups, QUERIES_AT_ONCE, (group) =>
      this.query(`${partitionFilter(partitionKey)} and (${group.map((rowKey) => odata`RowKey eq ${rowKey}`).join(' or ')})`, (row, rowKey) =>
        found.set(rowKey, row),
      ),
    );
    return found;
  }

  private async query(filter: string, take: (row: Versioned<T>, rowKey: string) => void): Promise<void> {
    await this.ready();
    try {
      for await (const entity of this.table.listEntities<E>({ queryOptions: { filter } })) {
        take({ value: this.mapping.fromEntity(entity), etag: entity.etag }, entity.rowKey ?? '');
      }
    } catch (error) {
      throw toStorageError(error, `list ${this.noun}s`);
    }
  }

  async create(value: T): Promise<Versioned<T>> {
    await this.ready();
    try {
      const response = await this.table.createEntity(this.mapping.toEntity(value));
      return { value, etag: response.etag ?? '' };
    } catch (error) {
      throw toStorageError(error, `create ${this.noun}`);
    }
  }

  async replace(value: T, etag: string): Promise<Versioned<T>> {
    await this.ready();
    try {
      const response = await this.table.updateEntity(this.mapping.toEntity(value), 'Replace', { etag });
      return { value, etag: response.etag ?? '' };
    } catch (error) {
      throw toStorageError(error, `update ${this.noun}`);
    }
  }
}

/** Table storage's limit of 15 comparisons per filter, less the PartitionKey's. */
const ROW_KEYS_PER_QUERY = 14;
/** Queries of one getMany in flight at once: 1,000 keys are 72 queries, not 72 sockets. */
const QUERIES_AT_ONCE = 8;

function partitionFilter(partitionKey: string): string {
  return odata`PartitionKey eq ${partitionKey}`;
}
