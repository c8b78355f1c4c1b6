/** How the routes of the batch cards (review, batch status) answer once a batch action is done, and the routes that start sending. */
import { TurnContext, type AdaptiveCardInvokeResponse } from 'botbuilder';
import { batchStatusCard, INVITATION_LANGUAGES, reviewCard } from '../../cards/batch-cards.js';
import { problemCard } from '../../cards/conversation-cards.js';
import type { AdaptiveCard } from '../../cards/render.js';
import type { Translator } from '../../i18n/translator.js';
import type { InviteBatch, StatusCardLocation } from '../../domain/invitations/batch.js';
import type { Inviter } from '../../domain/invitations/invitation.js';
import { isServiceError } from '../../domain/errors.js';
import { actorOf } from '../actor.js';
import type { BatchActionOutcome } from '../../domain/use-cases/batch-actions.js';
import type { IntakeServices, IntakeSettings } from '../intake.js';
import { z } from 'zod';
import { batchData, cardResponse, cardRoute, errorResponse, type CardRoute } from './route.js';

/**
 * Send also carries the review's inputs: the email language, when the card offered one, and the "After the
 * invitation" choices (co-sponsors, add to this team or chat); a card without them (an older one, Retry,
 * Resume) keeps the defaults.
 */
const sendData = batchData.extend({
  messageLanguage: z.enum(INVITATION_LANGUAGES).optional(),
  coSponsors: z.string().max(2000).default(''),
  addToSpace: z.enum(['true', 'false']).optional(),
});

export async function batchCard(words: Translator, services: IntakeServices, settings: IntakeSettings, batch: InviteBatch, page = 0): Promise<AdaptiveCard> {
  return batchStatusCard(words, batch, batch.round > 0 ? await services.outcomes(batch.batchId) : [], settings.delivery, page);
}

export function listGoneCard(words: Translator): AdaptiveCard {
  return problemCard(words, words.t('replies:listGone.title'), words.t('replies:listGone.text'));
}

export async function afterChange(
  words: Translator,
  outcome: BatchActionOutcome,
  services: IntakeServices,
  settings: IntakeSettings,
  render: (batch: InviteBatch) => AdaptiveCard | Promise<AdaptiveCard>,
): Promise<AdaptiveCardInvokeResponse> {
  switch (outcome.kind) {
    case 'done':
      return cardResponse(await render(outcome.batch));
    case 'not-found':
      return cardResponse(listGoneCard(words));
    case 'not-yours':
      return errorResponse(403, 'NotYourList', words.t('replies:notYourList', { named: outcome.batch.starter.name ? 'yes' : 'no', name: outcome.batch.starter.name ?? '' }));
    case 'no-longer-draft':
      // A second Send (double click, another instance) lands here and changes nothing.
      return cardResponse(outcome.batch.state === 'Draft' ? reviewCard(words, outcome.batch, settings) : await batchCard(words, services, settings, outcome.batch));
  }
}

/**
 * Send, Retry failed and Resume: the work goes on the queue and the card turns into the progress card at
 * once; the card pressed is remembered so the workers can keep it up to date, from any instance. Send may
 * also answer with a card of its own (refused, no approver).
 */
export function sendingRoute(
  verb: string,
  start: (
    services: IntakeServices,
    batchId: string,
    actor: Inviter,
    card: StatusCardLocation | undefined,
    settings: IntakeSettings,
    words: Translator,
    data: z.output<typeof sendData>,
  ) => Promise<BatchActionOutcome | AdaptiveCard>,
): CardRoute {
  return cardRoute(verb, sendData, async ({ turn, services, settings, log, words }, data) => {
    const { batchId } = data;
    const cardId = turn.activity.replyToId;
    const card = cardId ? { conversation: { ...TurnContext.getConversationReference(turn.activity) }, activityId: cardId } : undefined;
    try {
      const outcome = await start(services, batchId, actorOf(turn), card, settings, words, data);
      if (isCard(outcome)) return cardResponse(outcome);
      if (outcome.kind === 'done') log.info({ batchId, round: outcome.batch.round, state: outcome.batch.state }, 'batch queued for sending or approval');
      return await afterChange(words, outcome, services, settings, (batch) => batchCard(words, services, settings, batch));
    } catch (error) {
      if (!isServiceError(error)) throw error;
      log.error({ err: error, batchId }, 'could not queue a batch');
      return cardResponse(problemCard(words, words.t('replies:notQueued.title'), words.t('replies:notQueued.text', { message: error.userMessage })));
    }
  });
}

function isCard(value: BatchActionOutcome | AdaptiveCard): value is AdaptiveCard {
  return (value as { type?: unknown }).type === 'AdaptiveCard';
}
