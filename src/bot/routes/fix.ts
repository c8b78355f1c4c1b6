/** The verbs of cards/fix.json. */
import { z } from 'zod';
import { problemCard } from '../../cards/conversation-cards.js';
import { fixResultCard } from '../../cards/fix-cards.js';
import { say } from '../../cards/say.js';
import { actorOf } from '../actor.js';
import { fixData } from './batch-status.js';
import { cardResponse, cardRoute, errorResponse } from './route.js';

export const fixRoutes = [
  cardRoute('fix.run', fixData, async ({ turn, services, log, words }, { address, action }) => {
    const outcome = await services.fix(address, action, actorOf(turn));
    log.info({ action, address, outcome: outcome.kind }, 'fix action');
    if (outcome.kind === 'not-allowed') return errorResponse(403, 'NotYourInvitation', say(words, outcome.reason));
    return cardResponse(fixResultCard(words, address, action, outcome));
  }),

  cardRoute('fix.cancel', z.object({ address: z.string().min(1) }), ({ words }, { address }) =>
    cardResponse(problemCard(words, words.t('replies:fixCancelled.title'), words.t('replies:fixCancelled.text', { address }))),
  ),
];
