/** The verbs of cards/guest-review.json: the sponsor's Keep / Remove per guest, or Keep all. */
import { z } from 'zod';
import { sponsorAnsweredCard, CHOICE_INPUT } from '../../cards/lifecycle-cards.js';
import type { SponsorAnswer } from '../../domain/use-cases/guest-lifecycle.js';
import { actorOf } from '../actor.js';
import { cardResponse, cardRoute, errorResponse, type RouteContext } from './route.js';

/** The guests on the card, one address a line, and (Send) each guest's chosen input. */
const reviewData = z.looseObject({ guests: z.string().min(1) });
const choice = z.enum(['keep', 'remove']);

function guestsOf(data: z.output<typeof reviewData>): string[] {
  return data.guests.split('\n').filter(Boolean);
}

async function answer(context: RouteContext, emails: readonly string[], answers: readonly SponsorAnswer[]) {
  const { turn, services, words } = context;
  if (!turn.activity.from.aadObjectId) return errorResponse(403, 'NoIdentity', words.t('replies:noIdentity.action'));
  const outcome = await services.answerGuestReview(actorOf(turn), answers, 'review-card');
  return cardResponse(sponsorAnsweredCard(words, emails, outcome));
}

export const guestReviewRoutes = [
  cardRoute('guest-review.answer', reviewData, (context, data) => {
    const emails = guestsOf(data);
    const answers = emails.flatMap((email, index) => {
      const chosen = choice.safeParse(data[`${CHOICE_INPUT}${index}`]);
      return chosen.success ? [{ email, decision: chosen.data }] : [];
    });
    return answer(context, emails, answers);
  }),
  cardRoute('guest-review.keep-all', reviewData, (context, data) => {
    const emails = guestsOf(data);
    return answer(context, emails, emails.map((email) => ({ email, decision: 'keep' as const })));
  }),
];
