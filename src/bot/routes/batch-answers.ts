/** How the routes of the batch cards (review, batch status) answer once a batch action is done, and the routes that start sending. */
import { TurnContext, type AdaptiveCardInvokeResponse } from 'botbuilder';
import { batchStatusCard, reviewCard } from '../../cards/batch-cards.js';
import { problemCard } from '../../cards/conversation-cards.js';
import type { AdaptiveCard } from '../../cards/render.js';
import type { InviteBatch, StatusCardLocation } from '../../domain/invitations/batch.js';
import type { Inviter } from '../../domain/invitations/invitation.js';
import { isServiceError } from '../../domain/errors.js';
import { actorOf } from '../actor.js';
import type { BatchActionOutcome } from '../../domain/use-cases/batch-actions.js';
import type { IntakeServices, IntakeSettings } from '../intake.js';
import { batchData, cardResponse, cardRoute, errorResponse, type CardRoute } from './route.js';

export async function batchCard(services: IntakeServices, settings: IntakeSettings, batch: InviteBatch, page = 0): Promise<AdaptiveCard> {
  return batchStatusCard(batch, batch.round > 0 ? await services.outcomes(batch.batchId) : [], settings.delivery, page);
}

export async function afterChange(
  outcome: BatchActionOutcome,
  services: IntakeServices,
  settings: IntakeSettings,
  render: (batch: InviteBatch) => AdaptiveCard | Promise<AdaptiveCard>,
): Promise<AdaptiveCardInvokeResponse> {
  switch (outcome.kind) {
    case 'done':
      return cardResponse(await render(outcome.batch));
    case 'not-found':
      return cardResponse(problemCard('This list is gone', 'I cannot find this list any more. Start again with invite.'));
    case 'not-yours':
      return errorResponse(403, 'NotYourList', `Only ${outcome.batch.starter.name ?? 'the person who started this list'} can send or change it.`);
    case 'no-longer-draft':
      // A second Send (double click, another instance) lands here and changes nothing.
      return cardResponse(outcome.batch.state === 'Draft' ? reviewCard(outcome.batch, settings) : await batchCard(services, settings, outcome.batch));
  }
}

/**
 * Send, Retry failed and Resume: the work goes on the queue and the card turns into the progress card at
 * once; the card pressed is remembered so the workers can keep it up to date, from any instance. Send may
 * also answer with a card of its own (refused, no approver).
 */
export function sendingRoute(
  verb: string,
  start: (services: IntakeServices, batchId: string, actor: Inviter, card: StatusCardLocation | undefined, settings: IntakeSettings) => Promise<BatchActionOutcome | AdaptiveCard>,
): CardRoute {
  return cardRoute(verb, batchData, async ({ turn, services, settings, log }, { batchId }) => {
    const cardId = turn.activity.replyToId;
    const card = cardId ? { conversation: { ...TurnContext.getConversationReference(turn.activity) }, activityId: cardId } : undefined;
    try {
      const outcome = await start(services, batchId, actorOf(turn), card, settings);
      if (isCard(outcome)) return cardResponse(outcome);
      if (outcome.kind === 'done') log.info({ batchId, round: outcome.batch.round, state: outcome.batch.state }, 'batch queued for sending or approval');
      return await afterChange(outcome, services, settings, (batch) => batchCard(services, settings, batch));
    } catch (error) {
      if (!isServiceError(error)) throw error;
      log.error({ err: error, batchId }, 'could not queue a batch');
      return cardResponse(problemCard('Nothing was sent', `${error.userMessage} Your list is kept: press Send again in a moment.`));
    }
  });
}

function isCard(value: BatchActionOutcome | AdaptiveCard): value is AdaptiveCard {
  return (value as { type?: unknown }).type === 'AdaptiveCard';
}
