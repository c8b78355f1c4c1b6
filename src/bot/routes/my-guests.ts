/** The verbs of cards/my-guests.json (its fix buttons are fix.confirm, in batch-status.ts). */
import { z } from 'zod';
import { actorOf } from '../actor.js';
import { myGuestsFor } from '../opening-cards.js';
import { cardResponse, cardRoute, errorResponse } from './route.js';

const pageData = z.object({ page: z.coerce.number().int().min(0) });

export const myGuestsRoutes = [
  cardRoute('guests.page', pageData, async ({ turn, services, words }, { page }) => {
    if (!turn.activity.from.aadObjectId) return errorResponse(403, 'NoIdentity', words.t('replies:noIdentity.action'));
    return cardResponse(await myGuestsFor(words, services, actorOf(turn), page));
  }),
];
