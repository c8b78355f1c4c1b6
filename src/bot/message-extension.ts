/**
 * "Invite guests from this message", the message extension on a message's … menu. Teams sends
 * `composeExtension/fetchTask` with the message (its HTML body): the addresses in it go through the same
 * intake as a paste, and the answer is a dialog with the review, where the person unticks whom not to invite.
 * Its Send comes back as `composeExtension/submitAction`: the unticked addresses leave the draft, the
 * progress card is posted where the person can see it, and the batch is sent as Send in a chat sends it
 * (same use case, same queue, same follower keeping the card up to date). Teams gives the submit 5 seconds:
 * the invitations are only queued here, so the answer goes back at once.
 */
import { CardFactory, TurnContext, type CloudAdapter, type ConversationParameters, type MessagingExtensionAction, type MessagingExtensionActionResponse } from 'botbuilder';
import { AuthenticationConstants, type ClaimsIdentity } from 'botframework-connector';
import type { Logger } from 'pino';
import { z } from 'zod';
import { batchStatusCard } from '../cards/batch-cards.js';
import { problemCard } from '../cards/conversation-cards.js';
import { ADDRESS_INPUT_PREFIX, extensionReviewCard, MAX_DIALOG_ADDRESSES } from '../cards/extension-cards.js';
import type { AdaptiveCard } from '../cards/render.js';
import { pasteFromMessageHtml } from '../domain/addresses/message-html.js';
import { MAX_PASTE_CHARACTERS } from '../domain/addresses/invitee-list.js';
import { MAX_BATCH_ADDRESSES, readyEntries, type InviteBatch, type StatusCardLocation } from '../domain/invitations/batch.js';
import { isServiceError } from '../domain/errors.js';
import { cancel, keepChosen, sending, type BatchActionOutcome } from '../domain/use-cases/batch-actions.js';
import type { Translator } from '../i18n/translator.js';
import { actorOf } from './actor.js';
import type { IntakeServices, IntakeSettings } from './intake.js';
import { defaultInvitationOptions, startReviewFromPaste } from './review-from-paste.js';
import { wordsFor } from './user-locale.js';
import { say as spoken } from '../cards/say.js';

/** The command's id in appPackage/manifest.json (composeExtensions[0].commands[0].id). */
const INVITE_FROM_MESSAGE = 'inviteFromMessage';

export interface MessageExtensionContext {
  readonly turn: TurnContext;
  readonly action: MessagingExtensionAction;
  readonly services: IntakeServices;
  readonly settings: IntakeSettings;
  readonly log: Logger;
}

/** Identity types of people from outside the organisation (Teams' `userIdentityType`): their chats do not offer message extensions. */
const EXTERNAL_IDENTITIES = new Set(['federatedUser', 'anonymousGuest']);

const messagePayload = z.looseObject({
  body: z.looseObject({ contentType: z.string().optional(), content: z.string().optional() }).optional(),
  from: z.looseObject({ user: z.looseObject({ displayName: z.string().optional(), userIdentityType: z.string().optional() }).nullish() }).nullish(),
  mentions: z.array(z.looseObject({ mentioned: z.looseObject({ user: z.looseObject({ userIdentityType: z.string().optional() }).nullish() }).nullish() })).nullish(),
});

/** The dialog's Send: the batch and one `invite.<n>` per toggle ("true" when the n-th ready address is ticked). */
const submitted = z.looseObject({ batchId: z.string().min(1).max(100) });

/** A dialog that only says why nothing can be done, in the person's language. */
export function extensionNotice(turn: TurnContext, title: 'notHereTitle' | 'troubleTitle', message: 'otherOrganisation' | 'failed'): MessagingExtensionActionResponse {
  const words = wordsFor(turn.activity);
  return dialog(words, problemCard(words, words.t(`extension:notice.${title}`), words.t(`extension:notice.${message}`)));
}

export async function fetchInviteTask({ turn, action, services, settings, log }: MessageExtensionContext): Promise<MessagingExtensionActionResponse> {
  const words = wordsFor(turn.activity);
  const notice = (title: string, message: string) => dialog(words, problemCard(words, title, message));
  if (action.commandId !== INVITE_FROM_MESSAGE || action.commandContext !== 'message' || !action.messagePayload) {
    return notice(words.t('extension:notice.noMessageTitle'), words.t('extension:notice.noMessage'));
  }
  const message = messagePayload.safeParse(action.messagePayload);
  const payload = message.success ? message.data : {};
  const people = [payload.from?.user, ...(payload.mentions ?? []).map((mention) => mention.mentioned?.user)];
  if (people.some((user) => EXTERNAL_IDENTITIES.has(user?.userIdentityType ?? ''))) {
    log.info('message extension opened in a chat with people from other organisations');
    return notice(words.t('extension:notice.notHereTitle'), words.t('extension:notice.externalChat'));
  }
  const content = payload.body?.content ?? '';
  if (content.length > MAX_PASTE_CHARACTERS) {
    return notice(words.t('extension:notice.tooLongTitle'), words.t('extension:notice.tooLong', { length: content.length, limit: MAX_PASTE_CHARACTERS }));
  }
  const paste = payload.body?.contentType === 'text' ? content : pasteFromMessageHtml(content);
  const outcome = await startReviewFromPaste(words, turn, services, paste, defaultInvitationOptions(words, settings));
  log.info({ outcome: outcome.kind }, 'message extension review');
  switch (outcome.kind) {
    case 'review': {
      const listed = outcome.batch.entries.length;
      if (listed > MAX_DIALOG_ADDRESSES) {
        await services.changeDraft(outcome.batch.batchId, turn.activity.from.aadObjectId, cancel);
        return notice(
          words.t('extension:notice.tooManyTitle'),
          words.t('extension:notice.tooMany', { count: listed, limit: MAX_DIALOG_ADDRESSES, batchLimit: MAX_BATCH_ADDRESSES }),
        );
      }
      return dialog(words, extensionReviewCard(outcome.batch, payload.from?.user?.displayName ?? '', words));
    }
    case 'no-identity':
      return notice(words.t('extension:notice.cannotInviteTitle'), words.t('extension:notice.noIdentity'));
    case 'refused':
      return notice(words.t('extension:notice.cannotInviteTitle'), words.t('extension:notice.refused', { why: spoken(words, outcome.check.why), ask: spoken(words, outcome.check.ask) }));
    case 'service-error':
      return notice(words.t('extension:notice.troubleTitle'), words.t('extension:notice.trouble', { message: spoken(words, outcome.message) }));
    case 'empty':
      return notice(words.t('extension:notice.nothingFoundTitle'), words.t('extension:notice.nothingFound'));
    case 'too-many':
      return notice(
        words.t('extension:notice.tooManyTitle'),
        words.t('extension:notice.tooMany', { count: outcome.count, limit: MAX_DIALOG_ADDRESSES, batchLimit: MAX_BATCH_ADDRESSES }),
      );
  }
}

export async function submitInviteTask({ turn, action, services, settings, log }: MessageExtensionContext): Promise<MessagingExtensionActionResponse> {
  const words = wordsFor(turn.activity);
  const notice = (title: string, message: string) => dialog(words, problemCard(words, title, message));
  const data = submitted.safeParse(action.data);
  if (!data.success) return notice(words.t('extension:notice.goneTitle'), words.t('extension:notice.gone'));
  const { batchId } = data.data;
  const ticked = new Set(
    Object.entries(data.data)
      .filter(([key, value]) => key.startsWith(ADDRESS_INPUT_PREFIX) && value === 'true')
      .map(([key]) => Number(key.slice(ADDRESS_INPUT_PREFIX.length))),
  );
  const actor = actorOf(turn);
  // The n-th toggle stands for the n-th ready address of the stored draft, which only this dialog changes.
  const keepTicked = (draft: InviteBatch) => keepChosen(new Set(readyEntries(draft).filter((_, index) => ticked.has(index)).map((entry) => entry.address)))(draft);
  const kept = await services.changeDraft(batchId, actor.aadObjectId, ticked.size > 0 ? keepTicked : cancel);
  if (kept.kind !== 'done') return refusedChange(kept, words, notice);
  const batch = kept.batch;
  const count = readyEntries(batch).length;
  if (ticked.size === 0 || count === 0) {
    if (batch.state === 'Draft') await services.changeDraft(batchId, actor.aadObjectId, cancel);
    return notice(words.t('extension:notice.noneTickedTitle'), words.t('extension:notice.noneTicked'));
  }

  // The card is posted first, showing the batch as Send makes it, so the workers' updates always come after it.
  const shown = await showProgress(turn, batchStatusCard(words, sending(batch, 1, readyEntries(batch).map((entry) => entry.address), undefined), [], settings.delivery), log);
  let outcome;
  try {
    outcome = await services.send(batchId, actor, shown?.location);
  } catch (error) {
    if (!isServiceError(error)) throw error;
    log.error({ err: error, batchId }, 'could not queue a batch from the message extension');
    const message = words.t('extension:notice.notSent', { message: spoken(words, error.userMessage) });
    await replaceShown(turn, shown, problemCard(words, words.t('extension:notice.notSentTitle'), message), log);
    return notice(words.t('extension:notice.notSentTitle'), message);
  }
  const place = shown?.place ?? 'none';
  switch (outcome.kind) {
    case 'done':
      log.info({ batchId, count, place }, 'batch from a message queued for sending');
      return messageAnswer(words.t('extension:sent', { count, place }));
    case 'awaiting-approval':
      await replaceShown(turn, shown, batchStatusCard(words, outcome.batch, [], settings.delivery), log);
      return messageAnswer(words.t('extension:awaitingApproval', { count, place }));
    case 'refused': {
      const message = words.t('extension:notice.refused', { why: spoken(words, outcome.check.why), ask: spoken(words, outcome.check.ask) });
      await replaceShown(turn, shown, problemCard(words, words.t('extension:notice.cannotInviteTitle'), message), log);
      return notice(words.t('extension:notice.cannotInviteTitle'), message);
    }
    case 'no-approver':
      await services.changeDraft(batchId, actor.aadObjectId, cancel);
      await replaceShown(turn, shown, problemCard(words, words.t('extension:notice.noApproverTitle'), words.t('extension:notice.noApprover')), log);
      return notice(words.t('extension:notice.noApproverTitle'), words.t('extension:notice.noApprover'));
    default:
      await replaceShown(turn, shown, problemCard(words, words.t('extension:notice.notSentTitle'), words.t('extension:notice.alreadySent')), log);
      return refusedChange(outcome, words, notice);
  }
}

function refusedChange(
  outcome: Exclude<BatchActionOutcome, { kind: 'done' }>,
  words: Translator,
  notice: (title: string, message: string) => MessagingExtensionActionResponse,
): MessagingExtensionActionResponse {
  switch (outcome.kind) {
    case 'not-found':
      return notice(words.t('extension:notice.goneTitle'), words.t('extension:notice.gone'));
    case 'not-yours':
      return notice(words.t('extension:notice.notSentTitle'), words.t('extension:notice.notYours'));
    case 'no-longer-draft':
      return notice(words.t('extension:notice.notSentTitle'), words.t('extension:notice.alreadySent'));
  }
}

interface ShownCard {
  readonly location: StatusCardLocation;
  /** In the conversation the message is in, or in the person's personal chat with the bot. */
  readonly place: 'here' | 'personal';
}

/**
 * The progress card goes where the person sees it: in the conversation the message came from when the bot is
 * part of it (a channel post lands in the message's thread), so everyone who saw the addresses sees them
 * invited; otherwise (a chat without the bot) in the person's personal chat with the bot, which Teams opens
 * for an app the person has installed. Teams refuses the first with 403/404 when the bot is not a member.
 */
async function showProgress(turn: TurnContext, card: AdaptiveCard, log: Logger): Promise<ShownCard | undefined> {
  const attachment = { type: 'message', attachments: [CardFactory.adaptiveCard(card)] };
  try {
    const sent = await turn.sendActivity(attachment);
    if (sent?.id) return { location: { conversation: { ...TurnContext.getConversationReference(turn.activity) }, activityId: sent.id }, place: 'here' };
  } catch (error) {
    log.info({ status: statusOf(error) }, 'the bot is not in the conversation of the message: progress goes to the personal chat');
  }
  try {
    return await postInPersonalChat(turn, attachment);
  } catch (error) {
    log.warn({ err: error }, 'could not post the progress card in the personal chat either: the batch is sent without one');
    return undefined;
  }
}

async function postInPersonalChat(turn: TurnContext, activity: object): Promise<ShownCard | undefined> {
  const incoming = turn.activity;
  const audience = turn.turnState.get<string | undefined>(turn.adapter.OAuthScopeKey) ?? AuthenticationConstants.ToChannelFromBotOAuthScope;
  const tenantId = incoming.conversation.tenantId ?? (incoming.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
  const parameters = { isGroup: false, bot: incoming.recipient, members: [{ id: incoming.from.id }], tenantId, channelData: { tenant: { id: tenantId } } } as ConversationParameters;
  let shown: ShownCard | undefined;
  await (turn.adapter as CloudAdapter).createConversationAsync(botAppIdOf(turn), incoming.channelId, incoming.serviceUrl, audience, parameters, async (context) => {
    const sent = await context.sendActivity(activity);
    if (sent?.id) shown = { location: { conversation: { ...TurnContext.getConversationReference(context.activity) }, activityId: sent.id }, place: 'personal' };
  });
  return shown;
}

/** The posted progress card, when the batch did not go to the workers after all, says what happened instead. */
async function replaceShown(turn: TurnContext, shown: ShownCard | undefined, card: AdaptiveCard, log: Logger): Promise<void> {
  if (!shown) return;
  const update = { type: 'message', id: shown.location.activityId, attachments: [CardFactory.adaptiveCard(card)] };
  try {
    if (shown.place === 'here') await turn.updateActivity(update);
    else await (turn.adapter as CloudAdapter).continueConversationAsync(botAppIdOf(turn), shown.location.conversation, async (context) => {
      await context.updateActivity(update);
    });
  } catch (error) {
    log.warn({ err: error }, 'could not correct the progress card');
  }
}

/** The bot's own app id, as the Bot Framework token of this turn names it (its audience); empty when authentication is off. */
function botAppIdOf(turn: TurnContext): string {
  const identity = turn.turnState.get<ClaimsIdentity | undefined>(turn.adapter.BotIdentityKey);
  return identity?.getClaimValue(AuthenticationConstants.AudienceClaim) ?? '';
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | undefined)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/** A dialog (task module) showing an Adaptive Card. */
function dialog(words: Translator, card: AdaptiveCard): MessagingExtensionActionResponse {
  return { task: { type: 'continue', value: { title: words.t('extension:dialog.title'), width: 'medium', height: 'medium', card: CardFactory.adaptiveCard(card) } } };
}

/** A line of text in the dialog, which then closes. */
function messageAnswer(text: string): MessagingExtensionActionResponse {
  return { task: { type: 'message', value: text } };
}
