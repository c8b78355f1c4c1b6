/**
 * BatchOutcomeStore on Azure Table Storage: table `batchoutcomes`, PartitionKey = tenant + batch,
 * RowKey = normalised address. One row per address, so workers on several instances record outcomes
 * of the same batch without contending for the batch's own row.
 */
import type { TableClient } from '@azure/data-tables';
import type { EntryOutcome, EntryResult } from '../domain/invitations/batch.js';
import type { KeptWords, Message } from '../domain/message.js';
import type { BatchOutcomeStore } from '../domain/ports/batch-outcome-store.js';
import { toStorageError } from './table-errors.js';
import { rowKeyFor } from './table-invitation-store.js';

type OutcomeEntity = {
  partitionKey: string;
  rowKey: string;
  address: string;
  outcome: EntryOutcome;
  round: number;
  /** The reason as a catalogue Message, JSON: said in each reader's language. */
  reasonMessage?: string;
  /** Rows written before reasons were kept as codes: the reason's English text, shown as it is. */
  reason?: string;
  code?: string;
  redeemUrl?: string;
  guest?: 'accepted' | 'removed';
};

export class TableOutcomeStore implements BatchOutcomeStore {
  constructor(
    private readonly table: TableClient,
    private readonly ready: () => Promise<void> = () => Promise.resolve(),
  ) {}

  async record(tenantId: string, batchId: string, result: EntryResult): Promise<void> {
    await this.ready();
    const entity: OutcomeEntity = {
      partitionKey: partitionOf(tenantId, batchId),
      rowKey: rowKeyFor(result.address),
      address: result.address,
      outcome: result.outcome,
      round: result.round,
      ...(result.reason ? keptReason(result.reason) : {}),
      ...(result.code ? { code: result.code } : {}),
      ...(result.redeemUrl ? { redeemUrl: result.redeemUrl } : {}),
      ...(result.guest ? { guest: result.guest } : {}),
    };
    try {
      await this.table.upsertEntity(entity, 'Replace');
    } catch (error) {
      throw toStorageError(error, 'record an invitation outcome');
    }
  }

  async list(tenantId: string, batchId: string): Promise<EntryResult[]> {
    await this.ready();
    const partition = partitionOf(tenantId, batchId).replace(/'/g, "''");
    const results: EntryResult[] = [];
    try {
      for await (const entity of this.table.listEntities<OutcomeEntity>({ queryOptions: { filter: `PartitionKey eq '${partition}'` } })) {
        results.push({
          address: entity.address,
          outcome: entity.outcome,
          round: entity.round,
          ...reasonOf(entity),
          ...(entity.code ? { code: entity.code } : {}),
          ...(entity.redeemUrl ? { redeemUrl: entity.redeemUrl } : {}),
          ...(entity.guest ? { guest: entity.guest } : {}),
        });
      }
    } catch (error) {
      throw toStorageError(error, 'read invitation outcomes');
    }
    return results;
  }
}

function partitionOf(tenantId: string, batchId: string): string {
  return `${tenantId}_${batchId}`;
}

function keptReason(reason: KeptWords): Pick<OutcomeEntity, 'reason' | 'reasonMessage'> {
  return typeof reason === 'string' ? { reason } : { reasonMessage: JSON.stringify(reason) };
}

function reasonOf(entity: OutcomeEntity): Pick<EntryResult, 'reason'> {
  if (entity.reasonMessage) return { reason: JSON.parse(entity.reasonMessage) as Message };
  return entity.reason ? { reason: entity.reason } : {};
}
