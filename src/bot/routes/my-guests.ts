/** The verbs of cards/my-guests.json (its fix buttons are fix.confirm, in batch-status.ts). */
import { z } from 'zod';
import type { CareDecision } from '../../domain/lifecycle/lifecycle-rules.js';
import { actorOf } from '../actor.js';
import { myGuestsFor } from '../opening-cards.js';
import { cardResponse, cardRoute, errorResponse, type RouteContext } from './route.js';

const pageData = z.object({ page: z.coerce.number().int().min(0) });
const guestData = pageData.extend({ address: z.string().min(3).max(320) });

/**
 * Keep or Remove from My guests: the same answer path as the review card's (who may answer is decided
 * there, from the Teams identity). Someone who is not a sponsor is refused and nothing changes; otherwise
 * the list comes back with what became of the guest.
 */
async function answer(context: RouteContext, { address, page }: z.output<typeof guestData>, decision: CareDecision) {
  const { turn, services, words } = context;
  if (!turn.activity.from.aadObjectId) return errorResponse(403, 'NoIdentity', words.t('replies:noIdentity.action'));
  const outcome = await services.answerGuestReview(actorOf(turn), [{ email: address, decision }], 'my-guests');
  if (outcome.refused.some((refusal) => refusal.why === 'not-yours')) return errorResponse(403, 'NotYourGuest', words.t('cards/guest-review:result.not-yours'));
  return cardResponse(await myGuestsFor(words, services, actorOf(turn), page, { kind: 'answered', address, outcome }));
}

export const myGuestsRoutes = [
  cardRoute('guests.page', pageData, async ({ turn, services, words }, { page }) => {
    if (!turn.activity.from.aadObjectId) return errorResponse(403, 'NoIdentity', words.t('replies:noIdentity.action'));
    return cardResponse(await myGuestsFor(words, services, actorOf(turn), page));
  }),
  cardRoute('guests.confirm-remove', guestData, async ({ turn, services, words }, { address, page }) => {
    if (!turn.activity.from.aadObjectId) return errorResponse(403, 'NoIdentity', words.t('replies:noIdentity.action'));
    return cardResponse(await myGuestsFor(words, services, actorOf(turn), page, { kind: 'confirm-remove', address }));
  }),
  cardRoute('guests.remove', guestData, (context, data) => answer(context, data, 'remove')),
  cardRoute('guests.keep', guestData, (context, data) => answer(context, data, 'keep')),
];
