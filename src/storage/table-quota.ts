/**
 * The daily invitation budget on Azure Table Storage: table `quotas`, one row per tenant and UTC day,
 * counted with ETags so every instance takes from the same budget. A slot taken for an invitation that
 * then fails is not given back: the budget errs on the side of fewer invitations.
 */
import type { TableClient } from '@azure/data-tables';
import type { InvitationQuota } from '../domain/ports.js';
import { isStatus, toStorageError } from './table-errors.js';

type QuotaEntity = { partitionKey: string; rowKey: string; used: number };

/** Conflicting writers retry this often before the take is reported as a storage failure. */
const MAX_CONFLICTS = 20;

export class TableDailyQuota implements InvitationQuota {
  constructor(
    private readonly table: TableClient,
    private readonly tenantId: string,
    private readonly perDay: number,
    private readonly ready: () => Promise<void> = async () => undefined,
  ) {}

  async take(now: Date): Promise<{ ok: true } | { ok: false; resumesAt: Date }> {
    await this.ready();
    const day = now.toISOString().slice(0, 10);
    const resumesAt = new Date(`${day}T00:00:00.000Z`);
    resumesAt.setUTCDate(resumesAt.getUTCDate() + 1);
    for (let conflict = 0; conflict < MAX_CONFLICTS; conflict++) {
      try {
        const row = await this.read(day);
        if (!row) {
          await this.table.createEntity<QuotaEntity>({ partitionKey: this.tenantId, rowKey: day, used: 1 });
          return { ok: true };
        }
        if (row.used >= this.perDay) return { ok: false, resumesAt };
        await this.table.updateEntity<QuotaEntity>({ partitionKey: this.tenantId, rowKey: day, used: row.used + 1 }, 'Replace', { etag: row.etag });
        return { ok: true };
      } catch (error) {
        if (isStatus(error, 409) || isStatus(error, 412)) continue;
        throw toStorageError(error, 'count today’s invitations');
      }
    }
    throw toStorageError(new Error('too many concurrent writers'), 'count today’s invitations');
  }

  private async read(day: string): Promise<{ used: number; etag: string } | undefined> {
    try {
      const entity = await this.table.getEntity<QuotaEntity>(this.tenantId, day);
      return { used: entity.used, etag: entity.etag };
    } catch (error) {
      if (isStatus(error, 404)) return undefined;
      throw error;
    }
  }
}
