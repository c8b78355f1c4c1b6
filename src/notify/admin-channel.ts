/**
 * The team channel administrators chose with `notify here`: approval requests go there as cards to act
 * on, and the bot's notices (batches sent, acceptances, failures, refusals) as posts, or once a day as a
 * digest instead. A notice that cannot be posted is logged and dropped: the audit trail keeps the facts.
 */
import type { Logger } from 'pino';
import type { InviteBatch, StatusCardLocation } from '../domain/invitations/batch.js';
import type { ApprovalDesk } from '../domain/ports/approval-desk.js';
import type { ChannelStore } from '../domain/ports/channel-store.js';
import { ProactiveSendError, ServiceError } from '../domain/errors.js';

export interface AdminChannelDependencies {
  readonly channels: ChannelStore;
  readonly tenantId: string;
  /** Single notices are held back for the daily digest; approval requests never are. */
  readonly digest: boolean;
  readonly post: (location: Pick<StatusCardLocation, 'conversation'>, card: object) => Promise<StatusCardLocation>;
  readonly update: (location: StatusCardLocation, card: object) => Promise<StatusCardLocation>;
  readonly approvalCard: (batch: InviteBatch) => object;
  /** Brings the requester's own card for the batch up to date (in turn with its progress updates). */
  readonly showRequesterCard: (batch: InviteBatch) => Promise<void>;
  readonly log: Logger;
}

export class AdminChannel implements ApprovalDesk {
  constructor(private readonly deps: AdminChannelDependencies) {}

  /** Undefined when no channel was chosen, or the chosen one no longer takes the bot's posts (it is then forgotten). */
  async ask(batch: InviteBatch): Promise<StatusCardLocation | undefined> {
    const channel = await this.deps.channels.get(this.deps.tenantId);
    if (!channel) return undefined;
    try {
      return await this.deps.post({ conversation: channel.value.conversation }, this.deps.approvalCard(batch));
    } catch (error) {
      if (error instanceof ProactiveSendError && error.conversationGone) {
        this.deps.log.warn({ err: error, batchId: batch.batchId }, 'the notification channel no longer takes the bot’s posts; it was forgotten');
        return undefined;
      }
      this.deps.log.error({ err: error, batchId: batch.batchId }, 'could not post an approval request');
      throw new ServiceError('teams.post-failed', `approval request for batch ${batch.batchId}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  async decided(batch: InviteBatch): Promise<void> {
    // The approval card changes no more after this, so where a refused update posted it anew is not kept.
    const tasks: Promise<unknown>[] = [this.deps.showRequesterCard(batch)];
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
