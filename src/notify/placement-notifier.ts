/**
 * When a guest's add to the team or chat they were invited from is settled: the space is told (a welcome, or
 * why the guest could not be added), in the inviter's language; either way the audit trail keeps it.
 */
import type { Logger } from 'pino';
import type { StatusCardLocation } from '../domain/invitations/batch.js';
import type { InvitationRecord } from '../domain/invitations/invitation.js';
import type { AuditLog } from '../domain/ports/audit-log.js';
import type { BatchStore } from '../domain/ports/batch-store.js';
import type { Clock } from '../domain/ports/clock.js';
import type { PlacementObserver } from '../domain/ports/placement-observer.js';

export interface PlacementNotifierDependencies {
  readonly batches: BatchStore;
  readonly audit: AuditLog;
  readonly clock: Clock;
  readonly post: (location: StatusCardLocation, card: object) => Promise<void>;
  /** The cards, in the inviter's words (kept with the invitation). */
  readonly cards: {
    readonly welcome: (record: InvitationRecord, note: string) => object;
    readonly refused: (record: InvitationRecord) => object;
  };
  readonly log: Logger;
}

export class PlacementNotifier implements PlacementObserver {
  constructor(private readonly deps: PlacementNotifierDependencies) {}

  async placed(record: InvitationRecord): Promise<void> {
    await this.audit(record, record.placement?.state ?? 'added');
    const batch = await this.batchOf(record);
    if (!batch?.statusCard) return;
    await this.tell(record, () => this.deps.post(batch.statusCard as StatusCardLocation, this.deps.cards.welcome(record, batch.options.personalMessage)));
  }

  async refused(record: InvitationRecord): Promise<void> {
    const refusal = record.placement?.refusal;
    await this.audit(record, 'refused', [refusal?.reason, refusal?.permission, refusal?.detail].filter(Boolean).join(': '));
    const batch = await this.batchOf(record);
    if (batch?.statusCard) await this.tell(record, () => this.deps.post(batch.statusCard as StatusCardLocation, this.deps.cards.refused(record)));
  }

  private async batchOf(record: InvitationRecord) {
    if (!record.batchId) return undefined;
    return (await this.deps.batches.get(record.tenantId, record.batchId))?.value;
  }

  private async audit(record: InvitationRecord, outcome: string, detail?: string): Promise<void> {
    await this.deps.audit.append(record.tenantId, {
      at: this.deps.clock.now().toISOString(),
      actor: { name: 'Guest Invites' },
      action: 'add-to-space',
      subject: record.email,
      outcome,
      ...(detail ? { detail } : {}),
    });
  }

  /** The record and the audit trail already say it; a post that fails is logged, never retried into a second welcome. */
  private async tell(record: InvitationRecord, post: () => Promise<void>): Promise<void> {
    try {
      await post();
    } catch (error) {
      this.deps.log.warn({ err: error, batchId: record.batchId }, 'could not tell the team or chat about a guest');
    }
  }
}

