/**
 * Daily counts on Azure Table Storage, table `quotas`, counted with ETags so every instance shares them:
 * the tenant's invitation budget (one row per UTC day) and each requester's invitations of the day (one
 * row per day and requester). A slot taken for an invitation that then fails is not given back: the
 * budget errs on the side of fewer invitations; the invitation's record keeps the slot's day, so trying the
 * same address again that day (after a 429, a redelivered message) takes no second slot (inviteGuest).
 */
import type { TableClient } from '@azure/data-tables';
import { utcDay } from '../domain/invitations/invitation.js';
import type { InvitationQuota } from '../domain/ports/invitation-quota.js';
import type { RequesterTally } from '../domain/ports/requester-tally.js';
import { addToCounter, readCounter } from './table-counter.js';
import { toStorageError } from './table-errors.js';

export class TableDailyQuota implements InvitationQuota {
  constructor(
    private readonly table: TableClient,
    private readonly tenantId: string,
    private readonly perDay: number,
    private readonly ready: () => Promise<void> = () => Promise.resolve(),
  ) {}

  async take(now: Date): Promise<{ ok: true } | { ok: false; resumesAt: Date }> {
    await this.ready();
    const day = utcDay(now);
    if (await addToCounter(this.table, { partitionKey: this.tenantId, rowKey: day }, 1, this.perDay, 'count today’s invitations')) return { ok: true };
    const resumesAt = new Date(`${day}T00:00:00.000Z`);
    resumesAt.setUTCDate(resumesAt.getUTCDate() + 1);
    return { ok: false, resumesAt };
  }
}

export class TableRequesterTally implements RequesterTally {
  constructor(
    private readonly table: TableClient,
    private readonly tenantId: string,
    private readonly ready: () => Promise<void> = () => Promise.resolve(),
  ) {}

  async sentToday(requester: string, now: Date): Promise<number> {
    await this.ready();
    try {
      return (await readCounter(this.table, this.tenantId, rowKeyOf(requester, now)))?.used ?? 0;
    } catch (error) {
      throw toStorageError(error, 'count the requester’s invitations today');
    }
  }

  async add(requester: string, count: number, now: Date): Promise<void> {
    await this.ready();
    await addToCounter(this.table, { partitionKey: this.tenantId, rowKey: rowKeyOf(requester, now) }, count, Number.MAX_SAFE_INTEGER, 'count the requester’s invitations today');
  }
}

function rowKeyOf(requester: string, now: Date): string {
  return `${utcDay(now)}_requester_${requester}`;
}
