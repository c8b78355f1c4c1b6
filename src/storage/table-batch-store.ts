/**
 * BatchStore on Azure Table Storage: table `batches`, PartitionKey = tenant id, RowKey = batch id.
 * Entries and results are JSON split across properties, because one string property holds at most
 * 64 KiB (32K UTF-16 characters) and a 1,000-address batch needs more.
 */
import type { TableClient, TableEntityResult } from '@azure/data-tables';
import { odata } from '@azure/data-tables';
import { conversationIdOf, type InviteBatch } from '../domain/invitations/batch.js';
import type { BatchFilter, BatchStore } from '../domain/ports/batch-store.js';
import type { Versioned } from '../domain/ports/versioned.js';
import { VersionedTable } from './versioned-table.js';

const CHUNK_CHARACTERS = 30_000;

/** `state` and `cardConversationId` are kept as columns of their own so batches can be found by them. */
type BatchEntity = { partitionKey: string; rowKey: string; state: string; cardConversationId?: string; chunks: number } & Record<string, unknown>;

export class TableBatchStore implements BatchStore {
  private readonly rows: VersionedTable<InviteBatch, BatchEntity>;

  constructor(table: TableClient, ready: () => Promise<void> = () => Promise.resolve()) {
    this.rows = new VersionedTable(table, { toEntity, fromEntity }, 'batch', ready);
  }

  get(tenantId: string, batchId: string): Promise<Versioned<InviteBatch> | undefined> {
    return this.rows.get(tenantId, batchId);
  }

  create(batch: InviteBatch): Promise<Versioned<InviteBatch>> {
    return this.rows.create(batch);
  }

  replace(batch: InviteBatch, etag: string): Promise<Versioned<InviteBatch>> {
    return this.rows.replace(batch, etag);
  }

  list(tenantId: string, filter: BatchFilter): Promise<Versioned<InviteBatch>[]> {
    return 'state' in filter ? this.rows.list(tenantId, odata`state eq ${filter.state}`) : this.rows.list(tenantId, odata`cardConversationId eq ${filter.cardConversationId}`);
  }
}

function toEntity(batch: InviteBatch): BatchEntity {
  const json = JSON.stringify(batch);
  const cardConversationId = batch.statusCard ? conversationIdOf(batch.statusCard.conversation) : undefined;
  const entity: BatchEntity = { partitionKey: batch.tenantId, rowKey: batch.batchId, state: batch.state, ...(cardConversationId ? { cardConversationId } : {}), chunks: 0 };
  for (let offset = 0; offset < json.length; offset += CHUNK_CHARACTERS) {
    entity[`json${entity.chunks++}`] = json.slice(offset, offset + CHUNK_CHARACTERS);
  }
  return entity;
}

function fromEntity(entity: TableEntityResult<BatchEntity>): InviteBatch {
  let json = '';
  for (let index = 0; index < entity.chunks; index++) json += (entity[`json${index}`] as string | undefined) ?? '';
  return JSON.parse(json) as InviteBatch;
}
