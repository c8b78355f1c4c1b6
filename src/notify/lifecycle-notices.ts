/**
 * Reaches a guest's sponsor the way reminders reach an inviter today: in the chat their invitation was asked
 * for (the batch's card location), in the language and time zone kept with the invitation. A personal chat
 * is preferred when the sponsor's guests came from several chats. Administrators hear through their channel.
 */
import type { Logger } from 'pino';
import type { StatusCardLocation } from '../domain/invitations/batch.js';
import type { Inviter } from '../domain/invitations/invitation.js';
import type { BatchStore } from '../domain/ports/batch-store.js';
import type { LifecycleAnnouncement, LifecycleNotices, SponsorQuestion } from '../domain/ports/lifecycle-notices.js';

export interface LifecycleNoticeDependencies {
  readonly batches: BatchStore;
  readonly tenantId: string;
  readonly post: (location: Pick<StatusCardLocation, 'conversation'>, card: object) => Promise<unknown>;
  readonly sponsorCard: (sponsor: Inviter, questions: readonly SponsorQuestion[]) => object;
  readonly notifyAdministrators: (announcement: LifecycleAnnouncement) => Promise<void>;
  readonly log: Logger;
}

export class ChatLifecycleNotices implements LifecycleNotices {
  constructor(private readonly deps: LifecycleNoticeDependencies) {}

  async askSponsor(sponsor: Inviter, questions: readonly SponsorQuestion[], batchIds: readonly string[]): Promise<boolean> {
    const places: { location: StatusCardLocation; personal: boolean }[] = [];
    for (const batchId of batchIds) {
      const batch = (await this.deps.batches.get(this.deps.tenantId, batchId))?.value;
      if (batch?.statusCard && batch.starter.aadObjectId === sponsor.aadObjectId) places.push({ location: batch.statusCard, personal: batch.conversationType === 'personal' });
    }
    const place = places.find((candidate) => candidate.personal) ?? places[0];
    if (!place) return false;
    try {
      await this.deps.post(place.location, this.deps.sponsorCard(sponsor, questions));
      return true;
    } catch (error) {
      // The questions stand; the administrators' round notice lists them, and the preview shows them.
      this.deps.log.warn({ err: error }, 'could not ask a sponsor about their guests');
      return false;
    }
  }

  announce(announcement: LifecycleAnnouncement): Promise<void> {
    return this.deps.notifyAdministrators(announcement);
  }
}
