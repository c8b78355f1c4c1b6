/** The verbs of cards/status.json (chat.invite and fix.confirm are in batch-status.ts). */
import { z } from 'zod';
import { STATUS_FILTERS } from '../../domain/use-cases/my-invitations.js';
import { actorOf } from '../actor.js';
import { statusFor } from '../opening-cards.js';
import { cardResponse, cardRoute, errorResponse } from './route.js';

const statusData = z.object({ page: z.coerce.number().int().min(0), filter: z.enum(STATUS_FILTERS).default('all') });

export const statusRoutes = [
  cardRoute('status.page', statusData, async ({ turn, services, words }, { page, filter }) => {
    if (!turn.activity.from.aadObjectId) return errorResponse(403, 'NoIdentity', words.t('replies:noIdentity.action'));
    return cardResponse(await statusFor(words, services, actorOf(turn), page, filter));
  }),
];
