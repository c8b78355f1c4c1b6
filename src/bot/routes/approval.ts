/** The verbs of cards/approval.json. */
import { z } from 'zod';
import { approvalCard } from '../../cards/admin-cards.js';
import { say } from '../../cards/say.js';
import { problemCard } from '../../cards/conversation-cards.js';
import { MAX_DECISION_COMMENT } from '../../domain/use-cases/decide-approval.js';
import { actorOf } from '../actor.js';
import { batchData, cardResponse, cardRoute, errorResponse } from './route.js';

const decisionData = batchData.extend({
  decision: z.enum(['approved', 'rejected']),
  comment: z.string().max(MAX_DECISION_COMMENT * 4).default(''),
});

export const approvalRoutes = [
  cardRoute('approval.decide', decisionData, async ({ turn, services, log, words }, { batchId, decision, comment }) => {
    const outcome = await services.decide(batchId, actorOf(turn), decision, comment);
    log.info({ batchId, decision, outcome: outcome.kind }, 'approval decision');
    switch (outcome.kind) {
      case 'decided':
      case 'already-decided':
        return cardResponse(approvalCard(words, outcome.batch));
      case 'not-found':
        return cardResponse(problemCard(words, words.t('replies:requestGone.title'), words.t('replies:requestGone.text')));
      case 'not-allowed':
        return errorResponse(403, 'NotAnAdministrator', say(words, outcome.reason));
    }
  }),
];
