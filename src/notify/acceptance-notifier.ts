/**
 * When tracking sees a guest accept (or disappear): the batch's card shows it in place, and a short notice
 * goes to the chat the invitation was sent from, worded for who reads it there (the inviter alone in a
 * personal chat, everyone in a group chat or channel).
 */
import type { Logger } from 'pino';
import type { InviteBatch, StatusCardLocation } from '../domain/invitations/batch.js';
import type { InvitationRecord } from '../domain/invitations/invitation.js';
import type { BatchObserver } from '../domain/ports/batch-observer.js';
import type { BatchOutcomeStore } from '../domain/ports/batch-outcome-store.js';
import type { BatchStore } from '../domain/ports/batch-store.js';
import type { InvitationObserver } from '../domain/ports/invitation-observer.js';

export interface AcceptanceNotifierDependencies {
  readonly batches: BatchStore;
  readonly outcomes: BatchOutcomeStore;
  /** Re-renders a batch's card from its outcomes. */
  readonly cards: Pick<BatchObserver, 'stateChanged'>;
  readonly post: (location: StatusCardLocation, card: object) => Promise<void>;
  readonly notices: {
    readonly accepted: (record: InvitationRecord, where: InviteBatch['conversationType']) => object;
    readonly removed: (record: InvitationRecord, where: InviteBatch['conversationType']) => object;
    readonly stillPending: (record: InvitationRecord, where: InviteBatch['conversationType']) => object;
  };
  readonly log: Logger;
}

export class AcceptanceNotifier implements InvitationObserver {
  constructor(private readonly deps: AcceptanceNotifierDependencies) {}

  accepted(record: InvitationRecord): Promise<void> {
    return this.tell(record, 'accepted');
  }

  removed(record: InvitationRecord): Promise<void> {
    return this.tell(record, 'removed');
  }

  async stillPending(record: InvitationRecord): Promise<void> {
    if (!record.batchId) return;
    try {
      const stored = await this.deps.batches.get(record.tenantId, record.batchId);
      if (stored?.value.statusCard) await this.deps.post(stored.value.statusCard, this.deps.notices.stillPending(record, stored.value.conversationType));
    } catch (error) {
      // The reminder is recorded as sent; the inviter still sees the guest pending on their card and in status.
      this.deps.log.warn({ err: error, batchId: record.batchId }, 'could not remind the inviter of a pending guest');
    }
  }

  private async tell(record: InvitationRecord, guest: 'accepted' | 'removed'): Promise<void> {
    if (!record.batchId) return;
    try {
      const stored = await this.deps.batches.get(record.tenantId, record.batchId);
      if (!stored) return;
      const outcome = (await this.deps.outcomes.list(record.tenantId, record.batchId)).find((result) => result.address === record.email);
      if (outcome) await this.deps.outcomes.record(record.tenantId, record.batchId, { ...outcome, guest });
      await this.deps.cards.stateChanged(stored.value);
      if (stored.value.statusCard) await this.deps.post(stored.value.statusCard, this.deps.notices[guest](record, stored.value.conversationType));
    } catch (error) {
      // The record already says it; the card catches up at its next change.
      this.deps.log.warn({ err: error, batchId: record.batchId }, 'could not tell the chat about a guest');
    }
  }
}
