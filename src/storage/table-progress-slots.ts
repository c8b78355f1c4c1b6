/**
 * ProgressSlots on Azure Table Storage: table `batchcards`, PartitionKey = tenant id, RowKey = batch id,
 * one `shownAt` each. Kept apart from the batch row, which the workers write with its ETag: a card showing
 * progress every few seconds must not make their writes stale, nor rewrite the whole batch to say so.
 */
import type { TableClient } from '@azure/data-tables';
import type { ProgressSlots } from '../domain/ports/progress-slots.js';
import { isStatus, toStorageError } from './table-errors.js';

type SlotEntity = { partitionKey: string; rowKey: string; shownAt: string };

export class TableProgressSlots implements ProgressSlots {
  constructor(
    private readonly table: TableClient,
    private readonly ready: () => Promise<void> = () => Promise.resolve(),
  ) {}

  async claim(tenantId: string, batchId: string, now: Date, intervalMs: number): Promise<boolean> {
    await this.ready();
    const slot: SlotEntity = { partitionKey: tenantId, rowKey: batchId, shownAt: now.toISOString() };
    try {
      const stored = await this.table.getEntity<SlotEntity>(tenantId, batchId).catch((error: unknown) => {
        if (isStatus(error, 404)) return undefined;
        throw error;
      });
      if (!stored) {
        await this.table.createEntity(slot);
        return true;
      }
      if (now.getTime() - Date.parse(stored.shownAt) < intervalMs) return false;
      await this.table.updateEntity(slot, 'Replace', { etag: stored.etag });
      return true;
    } catch (error) {
      // Another instance claimed the slot between our read and our write.
      if (isStatus(error, 409) || isStatus(error, 412)) return false;
      throw toStorageError(error, 'claim a batch card update');
    }
  }
}
