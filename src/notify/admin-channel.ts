/**
 * The team channel administrators chose with `notify here`: approval requests go there as cards to act
 * on, and the bot's notices (batches sent, acceptances, failures, refusals) as posts, or once a day as a
 * digest instead. A notice that cannot be posted is logged and dropped: the audit trail keeps the facts.
 */
import type { Logger } from 'pino';
import type { InviteBatch, StatusCardLocation } from '../domain/invitations/batch.js';
import type { ApprovalDesk, ChannelStore } from '../domain/ports.js';

export interface AdminChannelDependencies {
  readonly channels: ChannelStore;
  readonly tenantId: string;
  /** Single notices are held back for the daily digest; approval requests never are. */
  readonly digest: boolean;
  readonly post: (location: Pick<StatusCardLocation, 'conversation'>, card: object) => Promise<StatusCardLocation>;
  readonly update: (location: StatusCardLocation, card: object) => Promise<void>;
  readonly approvalCard: (batch: InviteBatch) => object;
  /** Brings the requester's own card for the batch up to date (in turn with its progress updates). */
  readonly showRequesterCard: (batch: InviteBatch) => Promise<void>;
  readonly log: Logger;
}

export class AdminChannel implements ApprovalDesk {
  constructor(private readonly deps: AdminChannelDependencies) {}

  async ask(batch: InviteBatch): Promise<StatusCardLocation | undefined> {
    const channel = await this.deps.channels.get(this.deps.tenantId);
    if (!channel) return undefined;
    return this.deps.post({ conversation: channel.value.conversation }, this.deps.approvalCard(batch));
  }

  async decided(batch: InviteBatch): Promise<void> {
    const tasks: Promise<void>[] = [this.deps.showRequesterCard(batch)];
    if (batch.approval?.card) tasks.push(this.deps.update(batch.approval.card, this.deps.approvalCard(batch)));
    for (const result of await Promise.allSettled(tasks)) {
      if (result.status === 'rejected') this.deps.log.warn({ err: result.reason, batchId: batch.batchId }, 'could not show an approval decision');
    }
  }

  /** Posts a notice unless the digest will carry it. */
  async notify(card: object): Promise<void> {
    if (this.deps.digest) return;
    await this.postNow(card);
  }

  /** Posts whatever the mode (the digest itself). */
  async postNow(card: object): Promise<void> {
    try {
      const channel = await this.deps.channels.get(this.deps.tenantId);
      if (channel) await this.deps.post({ conversation: channel.value.conversation }, card);
    } catch (error) {
      this.deps.log.warn({ err: error }, 'could not post to the notification channel');
    }
  }
}
