/**
 * The cards a person opens by a command or by a button on another card (Invite more, Status): one way to
 * make each, whichever way it was asked for.
 */
import type { Logger } from 'pino';
import { inviteFormCard } from '../cards/batch-cards.js';
import { problemCard } from '../cards/conversation-cards.js';
import type { AdaptiveCard } from '../cards/render.js';
import { say } from '../cards/say.js';
import { myInvitationsCard } from '../cards/status-cards.js';
import { myGuestsCard, type MyGuestsView } from '../cards/my-guests-cards.js';
import { isServiceError } from '../domain/errors.js';
import type { Inviter } from '../domain/invitations/invitation.js';
import type { StatusFilter } from '../domain/use-cases/my-invitations.js';
import type { Translator } from '../i18n/translator.js';
import type { IntakeServices, IntakeSettings } from './intake.js';
import { refusalCard } from './review-from-paste.js';

/** The invite form, or why this person cannot invite. */
export async function inviteFormFor(words: Translator, services: IntakeServices, settings: IntakeSettings, actor: Inviter, log: Logger): Promise<AdaptiveCard> {
  try {
    const check = await services.checkInviter(actor);
    return check.ok ? inviteFormCard(words, settings) : refusalCard(words, check);
  } catch (error) {
    if (!isServiceError(error)) throw error;
    log.warn({ err: error }, 'could not tell whether this person may invite');
    return problemCard(words, words.t('replies:cannotOpenForm'), say(words, error.userMessage));
  }
}

/** `status`: the person's own invitations, a page at a time, optionally those in one state. */
export async function statusFor(words: Translator, services: IntakeServices, actor: Inviter, page = 0, filter: StatusFilter = 'all'): Promise<AdaptiveCard> {
  if (!actor.aadObjectId) return problemCard(words, words.t('replies:noIdentity.title'), words.t('replies:noIdentity.text'));
  return myInvitationsCard(words, await services.myInvitations(actor.aadObjectId, page, filter), new Date());
}

/** `my guests` and its pages: the guests this person sponsors. */
export async function myGuestsFor(words: Translator, services: IntakeServices, actor: Inviter, page = 0, view?: MyGuestsView): Promise<AdaptiveCard> {
  if (!actor.aadObjectId) return problemCard(words, words.t('replies:noIdentity.title'), words.t('replies:noIdentity.guests'));
  return myGuestsCard(words, await services.myGuests(actor.aadObjectId, page), new Date(), view);
}
