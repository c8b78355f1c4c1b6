/**
 * One handler per Action.Execute verb of the intake cards. Each answers with the card that replaces the
 * one clicked; who may act is checked here, on the server, against the stored batch.
 */
import { CardFactory, MessageFactory, TurnContext, type AdaptiveCardInvokeResponse } from 'botbuilder';
import type { Logger } from 'pino';
import { z } from 'zod';
import { batchStatusCard, inviteFormCard, reviewCard } from '../cards/batch-cards.js';
import { fixConfirmationCard, fixResultCard } from '../cards/fix-cards.js';
import { problemCard } from '../cards/conversation-cards.js';
import { approvalCard } from '../cards/admin-cards.js';
import { describeApprovalReason } from '../domain/policy/approval-rules.js';
import { MAX_DECISION_COMMENT } from '../domain/use-cases/decide-approval.js';
import type { Inviter } from '../domain/invitations/invitation.js';
import type { AdaptiveCard } from '../cards/render.js';
import { cancel, removeFlagged, type BatchActionOutcome } from '../domain/use-cases/batch-actions.js';
import type { InviteBatch, StatusCardLocation } from '../domain/invitations/batch.js';
import { isServiceError } from '../domain/errors.js';
import { actorOf } from './actor.js';
import { inviteFormFor, myGuestsFor, statusFor } from './opening-cards.js';
import { FIX_ACTIONS } from '../domain/use-cases/fix-invitation.js';
import { STATUS_FILTERS } from '../domain/use-cases/my-invitations.js';
import { readForm } from './form-values.js';
import type { IntakeServices, IntakeSettings } from './intake.js';
import { reviewFromPaste } from './review-from-paste.js';
import { wordsFor } from './user-locale.js';

export interface CardActionContext {
  readonly turn: TurnContext;
  /** As the card sent it: each handler reads it with its own schema (dataOf). */
  readonly data: unknown;
  readonly services: IntakeServices;
  readonly settings: IntakeSettings;
  readonly log: Logger;
}

type Handler = (context: CardActionContext) => Promise<AdaptiveCardInvokeResponse>;

/** The form's own fields are read leniently by readForm (so it comes back as typed); the data must be an object. */
const formData = z.record(z.string(), z.unknown());
const batchData = z.object({ batchId: z.string().min(1) });
const pageData = batchData.extend({ page: z.coerce.number().int().min(0) });
const decisionData = batchData.extend({
  decision: z.enum(['approved', 'rejected']),
  comment: z.string().max(MAX_DECISION_COMMENT * 4).default(''),
});
const fixData = z.object({ address: z.string().min(3).max(320), action: z.enum(FIX_ACTIONS) });
/** Send carries the review card's inputs; a card without them (an older one) keeps the defaults. */
const sendData = batchData.extend({ coSponsors: z.string().max(2000).default(''), addToSpace: z.enum(['true', 'false']).optional() });
const guestsPageData = z.object({ page: z.coerce.number().int().min(0) });
const statusData = z.object({ page: z.coerce.number().int().min(0), filter: z.enum(STATUS_FILTERS).default('all') });

/**
 * Card data that does not have the shape its verb needs (an old card, a forged press): the press is
 * answered 400 with what was wrong, never taken for a failure of the bot.
 */
export class CardDataError extends Error {
  override readonly name = 'CardDataError';
}

function dataOf<Schema extends z.ZodType>(schema: Schema, data: unknown): z.output<Schema> {
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new CardDataError(z.prettifyError(parsed.error));
  return parsed.data;
}

/** Send, once the review's choices are stored: queued, or refused with the reason, or sent for approval. */
const sendReviewed: Handler = sendingAction(async (services, batchId, actor, card, settings) => {
  const outcome = await services.send(batchId, actor, card);
  switch (outcome.kind) {
    case 'refused':
      return reviewCard(outcome.batch, settings, 0, `Nothing was sent. ${outcome.check.why} ${outcome.check.ask}`);
    case 'no-approver':
      return reviewCard(
        outcome.batch,
        settings,
        0,
        `This needs an administrator's approval (${(outcome.batch.approval?.reasons ?? []).map(describeApprovalReason).join(' ')}), but no administrator has chosen a channel for approvals yet. Ask one to say notify here in a team channel, then press Send again: your list is kept.`,
      );
    case 'awaiting-approval':
      return { kind: 'done', batch: outcome.batch };
    default:
      return outcome;
  }
});

/** A Map, so that only these verbs are found: never `constructor`, `__proto__` or `toString` of an object. */
export const CARD_ACTIONS: ReadonlyMap<string, Handler> = new Map<string, Handler>(Object.entries({
  'form.review': async ({ turn, data, services, settings }) => {
    const form = readForm(dataOf(formData, data), settings.redirectChoices.map((choice) => choice.url), settings.delivery);
    if (!form.ok) return cardResponse(inviteFormCard(settings, form.values, form.errors));
    return cardResponse(
      await reviewFromPaste(turn, services, form.values.addresses, form.options, (message) => inviteFormCard(settings, form.values, [message]), settings),
    );
  },

  'review.page': async ({ data, services, settings }) => {
    const { batchId, page } = dataOf(pageData, data);
    const batch = await services.getBatch(batchId);
    if (!batch) return cardResponse(problemCard('This list is gone', 'I cannot find this list any more. Start again with invite.'));
    return cardResponse(batch.state === 'Draft' ? reviewCard(batch, settings, page) : await batchCard(services, settings, batch, page));
  },

  'review.edit': async ({ turn, data, services, settings }) => {
    const { batchId } = dataOf(batchData, data);
    const outcome = await services.changeDraft(batchId, turn.activity.from.aadObjectId, cancel);
    return afterChange(outcome, services, settings, (batch) =>
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
    const { batchId } = dataOf(batchData, data);
    const outcome = await services.changeDraft(batchId, turn.activity.from.aadObjectId, removeFlagged);
    return afterChange(outcome, services, settings, (batch) => reviewCard(batch, settings, 0, 'Flagged addresses removed.'));
  },

  'review.cancel': async ({ turn, data, services, settings }) => {
    const { batchId } = dataOf(batchData, data);
    const outcome = await services.changeDraft(batchId, turn.activity.from.aadObjectId, cancel);
    return afterChange(outcome, services, settings, (batch) => batchCard(services, settings, batch));
  },

  'status.page': async ({ turn, data, services }) => {
    const { page, filter } = dataOf(statusData, data);
    if (!turn.activity.from.aadObjectId) return errorResponse(403, 'NoIdentity', 'Your action carries no Microsoft Entra identity.');
    return cardResponse(await statusFor(services, actorOf(turn), page, filter));
  },

  'guests.page': async ({ turn, data, services }) => {
    const { page } = dataOf(guestsPageData, data);
    if (!turn.activity.from.aadObjectId) return errorResponse(403, 'NoIdentity', 'Your action carries no Microsoft Entra identity.');
    return cardResponse(await myGuestsFor(services, actorOf(turn), wordsFor(turn.activity), page));
  },

  // Invite more and Status on a result or status card: a new card below, the one pressed stays as it is.
  'chat.invite': async ({ turn, services, settings, log }) => {
    await sendCard(turn, await inviteFormFor(services, settings, actorOf(turn), log));
    return messageResponse('The invite form is below.');
  },

  'chat.status': async ({ turn, services }) => {
    await sendCard(turn, await statusFor(services, actorOf(turn)));
    return messageResponse('Your invitations are below.');
  },

  'fix.confirm': async ({ data }) => {
    const { address, action } = dataOf(fixData, data);
    return cardResponse(fixConfirmationCard(address, action));
  },

  'fix.run': async ({ turn, data, services, log }) => {
    const { address, action } = dataOf(fixData, data);
    const outcome = await services.fix(address, action, actorOf(turn));
    log.info({ action, address, outcome: outcome.kind }, 'fix action');
    if (outcome.kind === 'not-allowed') return errorResponse(403, 'NotYourInvitation', outcome.reason);
    return cardResponse(fixResultCard(address, action, outcome));
  },

  'fix.cancel': async ({ data }) => {
    const { address } = dataOf(z.object({ address: z.string().min(1) }), data);
    return cardResponse(problemCard('Nothing was done', `No change was made to the invitation of ${address}.`));
  },

  // The card's "After the invitation" inputs come with the press: co-sponsors are looked up and stored on the
  // draft first; a problem with them brings the review back with the problem named, and nothing is sent.
  'review.send': async (context) => {
    const { batchId, coSponsors, addToSpace } = dataOf(sendData, context.data);
    const chosen = await context.services.chooseCare(batchId, context.turn.activity.from.aadObjectId, {
      coSponsors,
      ...(addToSpace === undefined ? {} : { addToSpace: addToSpace === 'true' }),
    });
    if (chosen.kind === 'problems') return cardResponse(reviewCard(chosen.batch, context.settings, 0, '', wordsFor(context.turn.activity)));
    if (chosen.kind !== 'done') return afterChange(chosen, context.services, context.settings, (batch) => batchCard(context.services, context.settings, batch));
    return sendReviewed(context);
  },
  'batch.retry': sendingAction((services, batchId, actor, card) => services.sendAgain(batchId, actor.aadObjectId, card)),
  'batch.resume': sendingAction((services, batchId, actor, card) => services.sendAgain(batchId, actor.aadObjectId, card)),

  'approval.withdraw': async ({ turn, data, services, settings }) => {
    const { batchId } = dataOf(batchData, data);
    return afterChange(await services.withdraw(batchId, actorOf(turn)), services, settings, (batch) => batchCard(services, settings, batch));
  },

  'approval.decide': async ({ turn, data, services, log }) => {
    const { batchId, decision, comment } = dataOf(decisionData, data);
    const outcome = await services.decide(batchId, actorOf(turn), decision, comment);
    log.info({ batchId, decision, outcome: outcome.kind }, 'approval decision');
    switch (outcome.kind) {
      case 'decided':
      case 'already-decided':
        return cardResponse(approvalCard(outcome.batch));
      case 'not-found':
        return cardResponse(problemCard('This request is gone', 'I cannot find this request any more.'));
      case 'not-allowed':
        return errorResponse(403, 'NotAnAdministrator', outcome.reason);
    }
  },
} satisfies Record<string, Handler>));

/**
 * Send, Retry failed and Resume: the work goes on the queue and the card turns into the progress card at
 * once; the card pressed is remembered so the workers can keep it up to date, from any instance. Send may
 * also answer with a card of its own (refused, no approver).
 */
function sendingAction(
  start: (services: IntakeServices, batchId: string, actor: Inviter, card: StatusCardLocation | undefined, settings: IntakeSettings) => Promise<BatchActionOutcome | AdaptiveCard>,
): Handler {
  return async ({ turn, data, services, settings, log }) => {
    const { batchId } = dataOf(batchData, data);
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
  };
}

function isCard(value: BatchActionOutcome | AdaptiveCard): value is AdaptiveCard {
  return (value as { type?: unknown }).type === 'AdaptiveCard';
}

async function batchCard(services: IntakeServices, settings: IntakeSettings, batch: InviteBatch, page = 0): Promise<AdaptiveCard> {
  return batchStatusCard(batch, batch.round > 0 ? await services.outcomes(batch.batchId) : [], settings.delivery, page);
}

async function sendCard(turn: TurnContext, card: AdaptiveCard): Promise<void> {
  await turn.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
}

/** Universal Actions: a message shown to the person, with the card left as it was. */
function messageResponse(text: string): AdaptiveCardInvokeResponse {
  // botframework-schema types `value` as an object; for this response type the protocol's value is the text.
  return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text as unknown as AdaptiveCardInvokeResponse['value'] };
}

function cardResponse(card: AdaptiveCard): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card };
}

export function errorResponse(statusCode: number, code: string, message: string): AdaptiveCardInvokeResponse {
  return { statusCode, type: 'application/vnd.microsoft.error', value: { code, message } };
}

async function afterChange(
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

function redirectFields(url: string, settings: IntakeSettings) {
  return settings.redirectChoices.some((choice) => choice.url === url)
    ? { redirectChoice: url, redirectOther: '' }
    : { redirectChoice: 'other', redirectOther: url };
}
