/**
 * BatchOutcomeStore on Azure Table Storage: table `batchoutcomes`, PartitionKey = tenant + batch,
 * RowKey = normalised address. One row per address, so workers on several instances record outcomes
 * of the same batch without contending for the batch's own row.
 */
import type { TableClient } from '@azure/data-tables';
import type { EntryOutcome, EntryResult } from '../domain/invitations/batch.js';
import type { BatchOutcomeStore } from '../domain/ports/batch-outcome-store.js';
import { toStorageError } from './table-errors.js';
import { rowKeyFor } from './table-invitation-store.js';

type OutcomeEntity = { partitionKey: string; rowKey: string; address: string; outcome: EntryOutcome; round: number; reason?: string; code?: string; redeemUrl?: string; guest?: 'accepted' | 'removed' };

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
      ...(result.reason ? { reason: result.reason } : {}),
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
          ...(entity.reason ? { reason: entity.reason } : {}),
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
