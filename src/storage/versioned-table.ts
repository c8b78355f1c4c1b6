/**
 * One Azure table of records with ETag concurrency: read by key, create-if-absent, replace-if-unchanged.
 * The stores only say how a record maps to an entity.
 */
import type { TableClient, TableEntity, TableEntityResult } from '@azure/data-tables';
import type { Versioned } from '../domain/ports/versioned.js';
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
    await this.ready();
    const rows: Versioned<T>[] = [];
    try {
      const filter = `PartitionKey eq '${partitionKey.replace(/'/g, "''")}'${where ? ` and ${where}` : ''}`;
      for await (const entity of this.table.listEntities<E>({ queryOptions: { filter } })) {
        rows.push({ value: this.mapping.fromEntity(entity), etag: entity.etag });
      }
    } catch (error) {
      throw toStorageError(error, `list ${this.noun}s`);
    }
    return rows;
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
