/**
 * One handler per Action.Execute verb of the intake cards. Each answers with the card that replaces the
 * one clicked; who may act is checked here, on the server, against the stored batch.
 */
import { TurnContext, type AdaptiveCardInvokeResponse } from 'botbuilder';
import type { Logger } from 'pino';
import { z } from 'zod';
import { batchStatusCard, inviteFormCard, reviewCard } from '../cards/batch-cards.js';
import { problemCard } from '../cards/conversation-cards.js';
import type { AdaptiveCard } from '../cards/render.js';
import { cancel, removeFlagged, startSending, type BatchActionOutcome } from '../domain/use-cases/batch-actions.js';
import { isServiceError } from '../domain/errors.js';
import { readForm } from './form-values.js';
import type { IntakeServices, IntakeSettings } from './intake.js';
import { reviewFromPaste } from './review-from-paste.js';

export interface CardActionContext {
  readonly turn: TurnContext;
  readonly data: Record<string, unknown>;
  readonly services: IntakeServices;
  readonly settings: IntakeSettings;
  readonly log: Logger;
  /** Background work (sending) registers here so it can be awaited on shutdown and in tests. */
  readonly track: (work: Promise<void>) => void;
}

type Handler = (context: CardActionContext) => Promise<AdaptiveCardInvokeResponse>;

const batchData = z.object({ batchId: z.string().min(1) });
const pageData = batchData.extend({ page: z.coerce.number().int().min(0) });

export const CARD_ACTIONS: Record<string, Handler> = {
  'form.review': async ({ turn, data, services, settings }) => {
    const form = readForm(data, settings.redirectChoices.map((choice) => choice.url));
    if (!form.ok) return cardResponse(inviteFormCard(settings, form.values, form.errors));
    return cardResponse(
      await reviewFromPaste(turn, services, form.values.addresses, form.options, (message) => inviteFormCard(settings, form.values, [message])),
    );
  },

  'review.page': async ({ data, services, settings }) => {
    const { batchId, page } = pageData.parse(data);
    const batch = await services.getBatch(batchId);
    if (!batch) return cardResponse(problemCard('This list is gone', 'I cannot find this list any more. Start again with invite.'));
    return cardResponse(batch.state === 'Draft' ? reviewCard(batch, page) : batchStatusCard(batch, settings.sendInvitationEmail));
  },

  'review.edit': async ({ turn, data, services, settings }) => {
    const { batchId } = batchData.parse(data);
    const outcome = await services.changeDraft(batchId, turn.activity.from.aadObjectId, cancel);
    return afterChange(outcome, settings, (batch) =>
      inviteFormCard(settings, {
        addresses: batch.typed.addresses,
        personalMessage: batch.typed.personalMessage,
        ...redirectFields(batch.typed.redirectUrl, settings),
        cc: batch.typed.ccAddress ?? '',
        language: batch.typed.messageLanguage,
      }),
    );
  },

  'review.removeFlagged': async ({ turn, data, services, settings }) => {
    const { batchId } = batchData.parse(data);
    const outcome = await services.changeDraft(batchId, turn.activity.from.aadObjectId, removeFlagged);
    return afterChange(outcome, settings, (batch) => reviewCard(batch, 0, 'Flagged addresses removed.'));
  },

  'review.cancel': async ({ turn, data, services, settings }) => {
    const { batchId } = batchData.parse(data);
    const outcome = await services.changeDraft(batchId, turn.activity.from.aadObjectId, cancel);
    return afterChange(outcome, settings, (batch) => batchStatusCard(batch, settings.sendInvitationEmail));
  },

  'review.send': async ({ turn, data, services, settings, log, track }) => {
    const { batchId } = batchData.parse(data);
    const outcome = await services.changeDraft(batchId, turn.activity.from.aadObjectId, startSending);
    if (outcome.kind === 'done') {
      const reference = TurnContext.getConversationReference(turn.activity);
      const cardId = turn.activity.replyToId;
      track(
        services
          .sendBatch(outcome.batch)
          .then((done) => {
            // Addresses are redacted by the logger itself, whoever logs them.
            for (const result of done.results) log.info({ batchId, address: result.address, outcome: result.outcome }, 'invitation outcome');
            return batchStatusCard(done, settings.sendInvitationEmail);
          })
          .catch((error: unknown) => {
            log.error({ err: error, batchId }, 'sending a batch failed');
            return problemCard('Sending stopped', isServiceError(error) ? error.userMessage : 'Something went wrong on my side. Invitations already sent are recorded; send the list again to finish it: nobody is invited twice.');
          })
          .then((card) => (cardId ? services.updateCard(reference, cardId, card) : undefined))
          .catch((error: unknown) => log.error({ err: error, batchId }, 'could not update the batch card')),
      );
    }
    return afterChange(outcome, settings, (batch) => batchStatusCard(batch, settings.sendInvitationEmail));
  },
};

function cardResponse(card: AdaptiveCard): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card };
}

export function errorResponse(statusCode: number, code: string, message: string): AdaptiveCardInvokeResponse {
  return { statusCode, type: 'application/vnd.microsoft.error', value: { code, message } };
}

function afterChange(outcome: BatchActionOutcome, settings: IntakeSettings, render: (batch: Extract<BatchActionOutcome, { batch: unknown }>['batch']) => AdaptiveCard) {
  switch (outcome.kind) {
    case 'done':
      return cardResponse(render(outcome.batch));
    case 'not-found':
      return cardResponse(problemCard('This list is gone', 'I cannot find this list any more. Start again with invite.'));
    case 'not-yours':
      return errorResponse(403, 'NotYourList', `Only ${outcome.batch.starter.name ?? 'the person who started this list'} can send or change it.`);
    case 'no-longer-draft':
      // A second Send (double click, another instance) lands here and changes nothing.
      return cardResponse(outcome.batch.state === 'Draft' ? reviewCard(outcome.batch) : batchStatusCard(outcome.batch, settings.sendInvitationEmail));
  }
}

function redirectFields(url: string, settings: IntakeSettings) {
  return settings.redirectChoices.some((choice) => choice.url === url)
    ? { redirectChoice: url, redirectOther: '' }
    : { redirectChoice: 'other', redirectOther: url };
}
