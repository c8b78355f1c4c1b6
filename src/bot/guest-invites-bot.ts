/**
 * The Teams activity handler: a thin router from what people say in a chat, and the card buttons they
 * press, to the domain's use cases, and from their outcomes to cards. It holds no state between turns
 * beyond the background sends it tracks until they finish.
 */
import {
  CardFactory,
  MessageFactory,
  TeamsActivityHandler,
  TurnContext,
  type Activity,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type FileConsentCardResponse,
  type MessagingExtensionAction,
  type MessagingExtensionActionResponse,
} from 'botbuilder';
import type { Logger } from 'pino';
import { z } from 'zod';
import { greetingCard, helpCard, problemCard, usageCard, welcomeCard, type ConversationScope } from '../cards/conversation-cards.js';
import { helpAnswerCard, type HelpSubject } from '../cards/help-cards.js';
import { helpPhrasings } from '../cards/help-words.js';
import { signInSettingsCard } from '../cards/settings-cards.js';
import { pathsCard } from '../cards/paths-cards.js';
import { parseInviteeList } from '../domain/addresses/invitee-list.js';
import { understandQuestion } from '../domain/redemption/help-question.js';
import type { AdaptiveCard } from '../cards/render.js';
import { CARD_ROUTES } from './routes/index.js';
import { CardDataError, errorResponse } from './routes/route.js';
import { tenantOf } from './activity-schema.js';
import { parseCommand, submittedCommand } from './commands.js';
import type { IntakeServices, IntakeSettings } from './intake.js';
import { defaultInvitationOptions, reviewFromPaste } from './review-from-paste.js';
import { describeInvitation } from './invitation-summary.js';
import { turnLogger } from './turn-logger.js';
import { typingWhileSlow } from './typing.js';
import { actorOf } from './actor.js';
import { isPartyTo, offeredFixes } from '../domain/use-cases/fix-invitation.js';
import { inviteFormFor, myGuestsFor, statusFor } from './opening-cards.js';
import { sponsorlessGuestsCard } from '../cards/sponsor-cards.js';
import type { Inviter } from '../domain/invitations/invitation.js';
import type { LeftConversation } from '../domain/use-cases/forget-conversation.js';
import { auditCard, AUDIT_ROWS_SHOWN, notificationsHereCard, notificationsOffCard } from '../cards/admin-cards.js';
import { wordsFor } from './user-locale.js';
import { reportCard } from '../cards/report-cards.js';
import { lifecyclePreviewCard } from '../cards/lifecycle-cards.js';
import { REPORT_WEEKS } from '../domain/use-cases/administration.js';
import type { Translator } from '../i18n/translator.js';
import { acceptFile, auditFileOffer, declineFile } from './file-export.js';
import { extensionNotice, fetchInviteTask, submitInviteTask, type MessageExtensionContext } from './message-extension.js';

/** What an Action.Execute press carries; the data's own shape is each verb's business (its route in src/bot/routes/). */
const cardPress = z.object({ action: z.object({ verb: z.string(), data: z.unknown() }) });

export interface GuestInvitesBotOptions {
  readonly settings: IntakeSettings;
  readonly services: IntakeServices;
  readonly logger: Logger;
}

export class GuestInvitesBot extends TeamsActivityHandler {
  constructor(private readonly options: GuestInvitesBotOptions) {
    super();
    this.onMessage(async (context, next) => {
      const words = wordsFor(context.activity);
      if (this.fromThisTenant(context)) await this.handleMessage(context, words);
      else await sendCard(context, problemCard(words, words.t('replies:otherTenant.title'), words.t('replies:otherTenant.text')));
      await next();
    });
    // Removed from a chat or a team: nothing more is posted there.
    this.onInstallationUpdateRemove(async (context, next) => {
      await this.conversationEnded(context, 'the app was uninstalled from this conversation');
      await next();
    });
    this.onMembersRemoved(async (context, next) => {
      const botWasRemoved = (context.activity.membersRemoved ?? []).some((member) => member.id === context.activity.recipient.id);
      if (botWasRemoved) await this.conversationEnded(context, 'the bot was removed from this conversation');
      await next();
    });
    this.onTeamsChannelDeletedEvent(async (channel, team, context, next) => {
      if (channel.id) await this.conversationEnded(context, 'the channel was deleted', { conversationId: channel.id, ...(team.id ? { teamId: team.id } : {}) });
      await next();
    });
    this.onTeamsTeamDeletedEvent(async (team, context, next) => {
      if (team.id) await this.conversationEnded(context, 'the team was deleted', { conversationId: team.id, teamId: team.id });
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const botWasAdded = (context.activity.membersAdded ?? []).some((member) => member.id === context.activity.recipient.id);
      if (botWasAdded) await sendCard(context, welcomeCard(wordsFor(context.activity), scopeOf(context.activity), context.activity.recipient.name || 'Guest Invites'));
      await next();
    });
  }

  protected override async onAdaptiveCardInvoke(context: TurnContext, invokeValue: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const press = cardPress.safeParse(invokeValue);
    const verb = press.success ? press.data.action.verb : '';
    const log = this.logFor(context).child({ verb });
    const words = wordsFor(context.activity);
    if (!this.fromThisTenant(context)) return errorResponse(403, 'WrongTenant', words.t('replies:otherTenant.short'));
    const route = CARD_ROUTES.get(verb);
    if (!press.success || !route) {
      log.warn('unknown card action');
      return errorResponse(400, 'UnknownAction', words.t('replies:unknownButton', { named: verb ? 'yes' : 'no', verb }));
    }
    try {
      const data = press.data.action.data ?? {};
      const response = await route.press({ turn: context, services: this.options.services, settings: this.options.settings, log, words }, data);
      if (response.type === 'application/vnd.microsoft.error') log.warn({ code: (response.value as { code?: string }).code }, 'card action refused');
      else log.info('card action handled');
      return response;
    } catch (error) {
      if (error instanceof CardDataError) {
        log.warn({ problem: error.message }, 'card action with data of the wrong shape');
        return errorResponse(400, 'BadCardData', words.t('replies:badCardData', { problem: error.message }));
      }
      log.error({ err: error }, 'card action failed');
      return errorResponse(500, 'ActionFailed', words.t('replies:actionFailed'));
    }
  }

  protected override async handleTeamsMessagingExtensionFetchTask(context: TurnContext, action: MessagingExtensionAction): Promise<MessagingExtensionActionResponse> {
    return this.messageExtension(context, action, fetchInviteTask);
  }

  protected override async handleTeamsMessagingExtensionSubmitAction(context: TurnContext, action: MessagingExtensionAction): Promise<MessagingExtensionActionResponse> {
    return this.messageExtension(context, action, submitInviteTask);
  }

  /** The message extension's dialog answers for itself: a refusal or a failure is said in the dialog, never in the chat. */
  private async messageExtension(
    context: TurnContext,
    action: MessagingExtensionAction,
    handle: (extension: MessageExtensionContext) => Promise<MessagingExtensionActionResponse>,
  ): Promise<MessagingExtensionActionResponse> {
    const log = this.logFor(context).child({ invoke: context.activity.name });
    if (!this.fromThisTenant(context)) return extensionNotice(context, 'notHereTitle', 'otherOrganisation');
    try {
      return await handle({ turn: context, action, services: this.options.services, settings: this.options.settings, log });
    } catch (error) {
      log.error({ err: error }, 'message extension failed');
      return extensionNotice(context, 'troubleTitle', 'failed');
    }
  }

  protected override async handleTeamsFileConsentAccept(context: TurnContext, response: FileConsentCardResponse): Promise<void> {
    if (!this.fromThisTenant(context)) return;
    await acceptFile({ turn: context, response, services: this.options.services, settings: this.options.settings, log: this.logFor(context).child({ invoke: 'fileConsent/invoke' }) });
  }

  protected override async handleTeamsFileConsentDecline(context: TurnContext): Promise<void> {
    if (!this.fromThisTenant(context)) return;
    await declineFile({ turn: context });
  }

  private async handleMessage(context: TurnContext, words: Translator): Promise<void> {
    const activity = context.activity;
    const log = this.logFor(context);
    const button = submittedCommand(activity.value);
    const command = parseCommand(button ?? TurnContext.removeRecipientMention(activity) ?? activity.text ?? '', this.options.settings.maxPasteCharacters);
    log.info({ command: command.kind, source: button === undefined ? 'typed' : 'button' }, 'command received');
    const { settings, services } = this.options;
    switch (command.kind) {
      case 'help':
        return sendCard(context, helpCard(words, scopeOf(activity), settings.delivery));
      case 'greeting':
        return sendCard(context, greetingCard(words, activity.from.name ?? '', command.thanks));
      case 'status': {
        if (command.address) return sendCard(context, helpAnswerCard(words, { topics: [], ids: {} }, await this.subjectOf(words, command.address, actorOf(context)), settings.publicBaseUrl));
        return sendCard(context, await statusFor(words, services, actorOf(context), 0, command.filter));
      }
      case 'my-guests':
        return sendCard(context, await myGuestsFor(words, services, actorOf(context)));
      case 'sponsorless-guests': {
        const outcome = await services.sponsorlessGuests(actorOf(context));
        if (outcome.kind === 'not-admin') return sendCard(context, adminOnlyCard(words, 'sponsorless'));
        return sendCard(context, sponsorlessGuestsCard(words, outcome.guests, new Date()));
      }
      case 'paths':
        if (!(await services.isAdministrator(actorOf(context)))) return sendCard(context, adminOnlyCard(words, 'paths'));
        return sendCard(context, pathsCard(words, await typingWhileSlow(context, log, () => services.pathReport())));
      case 'refresh':
        if (!(await services.isAdministrator(actorOf(context)))) return sendCard(context, adminOnlyCard(words, 'refresh'));
        return sendCard(context, signInSettingsCard(words, await services.refreshSignInSettings(actorOf(context))));
      case 'notify':
        return this.chooseChannel(context, words, command.on);
      case 'audit': {
        const request = { days: command.days, ...(command.address ? { address: command.address } : {}), limit: AUDIT_ROWS_SHOWN + 1 };
        const outcome = await services.auditTrail(actorOf(context), request);
        if (outcome.kind === 'not-allowed') return sendCard(context, adminOnlyCard(words, 'audit'));
        // Teams carries a bot's files in personal chats only: there the export is a file in the admin's OneDrive.
        if (scopeOf(activity) !== 'personal') return sendCard(context, auditCard(words, outcome.value, request, services.exportLink(actorOf(context), request)));
        await sendCard(context, auditCard(words, outcome.value, request, ''));
        const { limit: _shown, ...exported } = request;
        await context.sendActivity({ type: 'message', attachments: [auditFileOffer(context, exported, new Date())] });
        return;
      }
      case 'report': {
        const weeks = command.weeks ?? REPORT_WEEKS.default;
        const outcome = await services.report(actorOf(context), weeks);
        if (outcome.kind === 'not-allowed') return sendCard(context, adminOnlyCard(words, 'report'));
        return sendCard(context, reportCard(outcome.value, Math.min(weeks, REPORT_WEEKS.max), words));
      }
      case 'lifecycle': {
        const outcome = await services.previewLifecycle(actorOf(context));
        if (outcome.kind === 'not-allowed') return sendCard(context, adminOnlyCard(words, 'lifecycle'));
        return sendCard(context, lifecyclePreviewCard(words, outcome.value));
      }
      case 'question':
      case 'unknown': {
        const understood = understandQuestion(command.text, helpPhrasings());
        const subject = command.kind === 'question' || understood.topics.length > 0 ? await this.subjectOf(words, command.text, actorOf(context)) : undefined;
        if (understood.topics.length > 0 || subject) return sendCard(context, helpAnswerCard(words, understood, subject, settings.publicBaseUrl));
        if (command.kind === 'unknown') return sendCard(context, usageCard(words, command.text));
        return sendCard(context, problemCard(words, words.t('replies:unclearQuestion.title'), words.t('replies:unclearQuestion.text')));
      }
      case 'too-long':
        return sendCard(context, problemCard(words, words.t('replies:tooLong.title'), words.t('replies:tooLong.text', { length: command.length, limit: settings.maxPasteCharacters })));
      case 'invite-form':
        return sendCard(context, await inviteFormFor(words, services, settings, actorOf(context), log));
      case 'invite': {
        const card = await typingWhileSlow(context, log, () =>
          reviewFromPaste(words, context, services, command.text, defaultInvitationOptions(words, settings), (message) => problemCard(words, words.t('replies:couldNotList'), message), settings),
        );
        return sendCard(context, card);
      }
    }
  }

  /** `notify here` in a team channel, or `notify off` anywhere: administrators only. */
  private async chooseChannel(context: TurnContext, words: Translator, on: boolean): Promise<void> {
    const activity = context.activity;
    if (on && activity.conversation.conversationType !== 'channel') {
      return sendCard(context, problemCard(words, words.t('replies:notifyInChannel.title'), words.t('replies:notifyInChannel.text')));
    }
    const channelData = activity.channelData as { channel?: { name?: string }; team?: { id?: string; name?: string } } | undefined;
    // New posts in the channel, not replies in the thread `notify here` was said in: Teams threads by the
    // message id in the conversation id, so it is left out (and the message's own id with it).
    const { activityId: _thread, ...reference } = TurnContext.getConversationReference(activity);
    const conversation = { ...reference, conversation: { ...reference.conversation, id: reference.conversation?.id.split(';')[0] ?? '' } };
    const name = [channelData?.team?.name, channelData?.channel?.name].filter(Boolean).join(' › ');
    const teamId = channelData?.team?.id;
    const outcome = await this.options.services.chooseChannel(actorOf(context), on ? { conversation, ...(name ? { name } : {}), ...(teamId ? { teamId } : {}) } : undefined);
    if (outcome.kind === 'not-allowed') return sendCard(context, adminOnlyCard(words, 'notify'));
    return sendCard(context, on ? notificationsHereCard(words, this.options.settings.digest) : notificationsOffCard(words));
  }

  /**
   * What we know of the first address named in a help question, so the answer can speak of that guest: to
   * the person who invited them, the guest, or an administrator (an invitation's facts are personal data).
   */
  private async subjectOf(words: Translator, text: string, actor: Inviter): Promise<HelpSubject | undefined> {
    const address = parseInviteeList(text).invitees[0]?.address.toLowerCase();
    if (!address) return undefined;
    try {
      const record = await this.options.services.invitation(address);
      if (record && !isPartyTo(record, actor) && !(await this.options.services.isAdministrator(actor))) {
        return { address, lines: [words.t('replies:askTheInviter', { named: record.inviter.name ? 'yes' : 'no', name: record.inviter.name ?? '' })], actions: [] };
      }
      return { address, lines: describeInvitation(words, record), actions: record ? offeredFixes(record) : [] };
    } catch {
      return undefined;
    }
  }

  private async conversationEnded(context: TurnContext, why: string, left?: LeftConversation): Promise<void> {
    if (!this.fromThisTenant(context)) return;
    const teamId = (context.activity.channelData as { team?: { id?: unknown } } | undefined)?.team?.id;
    await this.options.services.conversationEnded(left ?? { conversationId: context.activity.conversation.id, ...(typeof teamId === 'string' ? { teamId } : {}) }, why);
  }

  /** Every activity must name this tenant: one that names none is refused like one from another tenant. */
  private fromThisTenant(context: TurnContext): boolean {
    const tenantId = tenantOf(context.activity);
    if (tenantId === this.options.settings.tenantId) return true;
    this.logFor(context).warn({ tenantId: tenantId ?? 'none' }, 'activity from another tenant refused');
    return false;
  }

  private logFor(context: TurnContext): Logger {
    return turnLogger(context, this.options.logger).child({ activityId: context.activity.id, conversationType: scopeOf(context.activity) });
  }

}

/** The command named as the help card names it in the person's language ("protokoll", "notifier ici / arrêt"). */
function adminOnlyCard(words: Translator, command: 'paths' | 'refresh' | 'notify' | 'audit' | 'report' | 'sponsorless' | 'lifecycle'): AdaptiveCard {
  return problemCard(words, words.t('replies:adminOnly.title'), words.t('replies:adminOnly.text', { command: words.t(`cards/help:${command}.command`) }));
}

function scopeOf(activity: Pick<Activity, 'conversation'>): ConversationScope {
  const type = activity.conversation.conversationType;
  return type === 'groupChat' || type === 'channel' ? type : 'personal';
}

async function sendCard(context: TurnContext, card: AdaptiveCard): Promise<void> {
  await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
}
