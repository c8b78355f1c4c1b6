/**
 * BatchStore on Azure Table Storage: table `batches`, PartitionKey = tenant id, RowKey = batch id.
 * Entries and results are JSON split across properties, because one string property holds at most
 * 64 KiB (32K UTF-16 characters) and a 1,000-address batch needs more.
 */
import type { TableClient, TableEntityResult } from '@azure/data-tables';
import type { InviteBatch } from '../domain/invitations/batch.js';
import type { BatchStore, Versioned } from '../domain/ports.js';
import { isStatus, toStorageError } from './table-errors.js';

const CHUNK_CHARACTERS = 30_000;

type BatchEntity = { partitionKey: string; rowKey: string; state: string; chunks: number } & Record<string, unknown>;

export class TableBatchStore implements BatchStore {
  constructor(
    private readonly table: TableClient,
    private readonly ready: () => Promise<void> = async () => undefined,
  ) {}

  async get(tenantId: string, batchId: string): Promise<Versioned<InviteBatch> | undefined> {
    await this.ready();
    try {
      const entity = await this.table.getEntity<BatchEntity>(tenantId, batchId);
      return { value: fromEntity(entity), etag: entity.etag };
    } catch (error) {
      if (isStatus(error, 404)) return undefined;
      throw toStorageError(error, 'read batch');
    }
  }

  async create(batch: InviteBatch): Promise<Versioned<InviteBatch>> {
    await this.ready();
    try {
      const response = await this.table.createEntity(toEntity(batch));
      return { value: batch, etag: response.etag ?? '' };
    } catch (error) {
      throw toStorageError(error, 'create batch');
    }
  }

  async replace(batch: InviteBatch, etag: string): Promise<Versioned<InviteBatch>> {
    await this.ready();
    try {
      const response = await this.table.updateEntity(toEntity(batch), 'Replace', { etag });
      return { value: batch, etag: response.etag ?? '' };
    } catch (error) {
      throw toStorageError(error, 'update batch');
    }
  }
}

function toEntity(batch: InviteBatch): BatchEntity {
  const json = JSON.stringify(batch);
  const entity: BatchEntity = { partitionKey: batch.tenantId, rowKey: batch.batchId, state: batch.state, chunks: 0 };
  for (let offset = 0; offset < json.length; offset += CHUNK_CHARACTERS) {
    entity[`json${entity.chunks++}`] = json.slice(offset, offset + CHUNK_CHARACTERS);
  }
  return entity;
}

function fromEntity(entity: TableEntityResult<BatchEntity>): InviteBatch {
  let json = '';
  for (let index = 0; index < entity.chunks; index++) json += String(entity[`json${index}`] ?? '');
  return JSON.parse(json) as InviteBatch;
}
