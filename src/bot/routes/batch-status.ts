/** The verbs of cards/batch-status.json (review.page is in review.ts, the card it pages first). */
import { z } from 'zod';
import { fixConfirmationCard } from '../../cards/fix-cards.js';
import { FIX_ACTIONS } from '../../domain/use-cases/fix-invitation.js';
import { actorOf } from '../actor.js';
import { inviteFormFor, statusFor } from '../opening-cards.js';
import { afterChange, batchCard, sendingRoute } from './batch-answers.js';
import { batchData, cardResponse, cardRoute, messageResponse, noData, sendCard } from './route.js';

/** The address and the fix of a Fix button, on the batch, status, notice and help-answer cards. */
export const fixData = z.object({ address: z.string().min(3).max(320), action: z.enum(FIX_ACTIONS) });

export const batchStatusRoutes = [
  sendingRoute('batch.retry', (services, batchId, actor, card) => services.sendAgain(batchId, actor.aadObjectId, card)),
  sendingRoute('batch.resume', (services, batchId, actor, card) => services.sendAgain(batchId, actor.aadObjectId, card)),

  cardRoute('approval.withdraw', batchData, async ({ turn, services, settings, words }, { batchId }) =>
    afterChange(words, await services.withdraw(batchId, actorOf(turn)), services, settings, (batch) => batchCard(words, services, settings, batch)),
  ),

  // Invite more and Status on a result or status card: a new card below, the one pressed stays as it is.
  cardRoute('chat.invite', noData, async ({ turn, services, settings, log, words }) => {
    await sendCard(turn, await inviteFormFor(words, services, settings, actorOf(turn), log));
    return messageResponse(words.t('replies:formBelow'));
  }),

  cardRoute('chat.status', noData, async ({ turn, services, words }) => {
    await sendCard(turn, await statusFor(words, services, actorOf(turn)));
    return messageResponse(words.t('replies:invitationsBelow'));
  }),

  cardRoute('fix.confirm', fixData, ({ words }, { address, action }) => cardResponse(fixConfirmationCard(words, address, action))),
];
