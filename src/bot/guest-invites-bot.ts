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
} from 'botbuilder';
import type { Logger } from 'pino';
import { z } from 'zod';
import { MAX_PASTE_CHARACTERS } from '../domain/addresses/invitee-list.js';
import { greetingCard, helpCard, problemCard, usageCard, welcomeCard, type ConversationScope } from '../cards/conversation-cards.js';
import { helpAnswerCard, type HelpSubject } from '../cards/help-cards.js';
import { signInSettingsCard } from '../cards/settings-cards.js';
import { pathsCard } from '../cards/paths-cards.js';
import { parseInviteeList } from '../domain/addresses/invitee-list.js';
import { understandQuestion } from '../domain/redemption/help-question.js';
import type { AdaptiveCard } from '../cards/render.js';
import { CARD_ACTIONS, CardDataError, errorResponse } from './card-actions.js';
import { tenantOf } from './activity-schema.js';
import { parseCommand, submittedCommand } from './commands.js';
import type { IntakeServices, IntakeSettings } from './intake.js';
import { reviewFromPaste } from './review-from-paste.js';
import { describeInvitation } from './invitation-summary.js';
import { turnLogger } from './turn-logger.js';
import { actorOf } from './actor.js';
import { isPartyTo, offeredFixes } from '../domain/use-cases/fix-invitation.js';
import { inviteFormFor, myGuestsFor, statusFor } from './opening-cards.js';
import type { Inviter } from '../domain/invitations/invitation.js';
import type { LeftConversation } from '../domain/use-cases/forget-conversation.js';
import { auditCard, AUDIT_ROWS_SHOWN, notificationsHereCard, notificationsOffCard } from '../cards/admin-cards.js';
import { wordsFor } from './user-locale.js';

/** What an Action.Execute press carries; the data's own shape is each verb's business (card-actions.ts). */
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
      if (this.fromThisTenant(context)) await this.handleMessage(context);
      else await sendCard(context, problemCard('Not available here', 'This bot invites guests into one organisation only, and this chat belongs to another.'));
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
      if (botWasAdded) await sendCard(context, welcomeCard(scopeOf(context.activity), context.activity.recipient.name || 'Guest Invites', wordsFor(context.activity)));
      await next();
    });
  }

  protected override async onAdaptiveCardInvoke(context: TurnContext, invokeValue: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const press = cardPress.safeParse(invokeValue);
    const verb = press.success ? press.data.action.verb : '';
    const log = this.logFor(context).child({ verb });
    if (!this.fromThisTenant(context)) return errorResponse(403, 'WrongTenant', 'This bot invites guests into one organisation only.');
    const handler = CARD_ACTIONS.get(verb);
    if (!press.success || !handler) {
      log.warn('unknown card action');
      return errorResponse(400, 'UnknownAction', `This card's button${verb ? ` "${verb}"` : ''} is not one I know. Start again with invite.`);
    }
    try {
      const data = press.data.action.data ?? {};
      const response = await handler({ turn: context, data, services: this.options.services, settings: this.options.settings, log });
      if (response.type === 'application/vnd.microsoft.error') log.warn({ code: (response.value as { code?: string }).code }, 'card action refused');
      else log.info('card action handled');
      return response;
    } catch (error) {
      if (error instanceof CardDataError) {
        log.warn({ problem: error.message }, 'card action with data of the wrong shape');
        return errorResponse(400, 'BadCardData', `This card's data is not what its button needs (${error.message}). Start again with invite.`);
      }
      log.error({ err: error }, 'card action failed');
      return errorResponse(500, 'ActionFailed', 'Something went wrong on my side; nothing was lost. Please try again.');
    }
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const activity = context.activity;
    const log = this.logFor(context);
    const button = submittedCommand(activity.value);
    const command = parseCommand(button ?? TurnContext.removeRecipientMention(activity) ?? activity.text ?? '');
    log.info({ command: command.kind, source: button === undefined ? 'typed' : 'button' }, 'command received');
    const { settings, services } = this.options;
    switch (command.kind) {
      case 'help':
        return sendCard(context, helpCard(scopeOf(activity), settings.delivery));
      case 'greeting':
        return sendCard(context, greetingCard(activity.from.name ?? '', command.thanks));
      case 'status': {
        if (command.address) return sendCard(context, helpAnswerCard({ topics: [], ids: {} }, await this.subjectOf(command.address, actorOf(context))));
        return sendCard(context, await statusFor(services, actorOf(context), 0, command.filter));
      }
      case 'my-guests':
        return sendCard(context, await myGuestsFor(services, actorOf(context), wordsFor(context.activity)));
      case 'paths':
        if (!(await services.isAdministrator(actorOf(context)))) return sendCard(context, adminOnlyCard('paths'));
        await context.sendActivity({ type: 'typing' });
        return sendCard(context, pathsCard(await services.pathReport()));
      case 'refresh':
        if (!(await services.isAdministrator(actorOf(context)))) return sendCard(context, adminOnlyCard('refresh'));
        return sendCard(context, signInSettingsCard(await services.refreshSignInSettings(actorOf(context))));
      case 'notify':
        return this.chooseChannel(context, command.on);
      case 'audit': {
        const request = { days: command.days, ...(command.address ? { address: command.address } : {}), limit: AUDIT_ROWS_SHOWN + 1 };
        const outcome = await services.auditTrail(actorOf(context), request);
        if (outcome.kind === 'not-allowed') return sendCard(context, adminOnlyCard('audit'));
        return sendCard(context, auditCard(outcome.value, request, services.exportLink(actorOf(context), request)));
      }
      case 'question':
      case 'unknown': {
        const understood = understandQuestion(command.text);
        const subject = command.kind === 'question' || understood.topics.length > 0 ? await this.subjectOf(command.text, actorOf(context)) : undefined;
        if (understood.topics.length > 0 || subject) return sendCard(context, helpAnswerCard(understood, subject));
        if (command.kind === 'unknown') return sendCard(context, usageCard(command.text));
        return sendCard(
          context,
          problemCard('I could not tell what went wrong', 'Say it in a few words (for example: the guest did not get the email, or the link expired), or paste the whole error page with its AADSTS code.'),
        );
      }
      case 'too-long':
        return sendCard(
          context,
          problemCard('That is too long for me', `Your message has ${command.length.toLocaleString('en-US')} characters; I read lists of up to ${MAX_PASTE_CHARACTERS.toLocaleString('en-US')}. Nothing was done: split the list.`),
        );
      case 'invite-form':
        return sendCard(context, await inviteFormFor(services, settings, actorOf(context), log));
      case 'invite': {
        await context.sendActivity({ type: 'typing' });
        const options = { personalMessage: '', redirectUrl: settings.defaultRedirectUrl, messageLanguage: 'en-US' };
        const card = await reviewFromPaste(context, services, command.text, options, (message) => problemCard('I could not make a list of that', message), settings);
        return sendCard(context, card);
      }
    }
  }

  /** `notify here` in a team channel, or `notify off` anywhere: administrators only. */
  private async chooseChannel(context: TurnContext, on: boolean): Promise<void> {
    const activity = context.activity;
    if (on && activity.conversation.conversationType !== 'channel') {
      return sendCard(context, problemCard('Say that in a team channel', 'notify here chooses the team channel it is said in: add me to a team, then mention me in the channel administrators watch.'));
    }
    const channelData = activity.channelData as { channel?: { name?: string }; team?: { id?: string; name?: string } } | undefined;
    // New posts in the channel, not replies in the thread `notify here` was said in: Teams threads by the
    // message id in the conversation id, so it is left out (and the message's own id with it).
    const { activityId: _thread, ...reference } = TurnContext.getConversationReference(activity);
    const conversation = { ...reference, conversation: { ...reference.conversation, id: reference.conversation?.id.split(';')[0] ?? '' } };
    const name = [channelData?.team?.name, channelData?.channel?.name].filter(Boolean).join(' › ');
    const teamId = channelData?.team?.id;
    const outcome = await this.options.services.chooseChannel(actorOf(context), on ? { conversation, ...(name ? { name } : {}), ...(teamId ? { teamId } : {}) } : undefined);
    if (outcome.kind === 'not-allowed') return sendCard(context, adminOnlyCard(on ? 'notify here' : 'notify off'));
    return sendCard(context, on ? notificationsHereCard(this.options.settings.digest) : notificationsOffCard());
  }

  /**
   * What we know of the first address named in a help question, so the answer can speak of that guest: to
   * the person who invited them, the guest, or an administrator (an invitation's facts are personal data).
   */
  private async subjectOf(text: string, actor: Inviter): Promise<HelpSubject | undefined> {
    const address = parseInviteeList(text).invitees[0]?.address.toLowerCase();
    if (!address) return undefined;
    try {
      const record = await this.options.services.invitation(address);
      if (record && !isPartyTo(record, actor) && !(await this.options.services.isAdministrator(actor))) {
        return { address, lines: [`Invited by ${record.inviter.name ?? 'someone else'}: ask them, or an administrator, about this invitation.`], actions: [] };
      }
      return { address, lines: describeInvitation(record), actions: record ? offeredFixes(record) : [] };
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

function adminOnlyCard(command: string): AdaptiveCard {
  return problemCard(
    'For administrators only',
    `${command} is for administrators of Guest Invites: Global and User Administrators, and the groups your organisation configured. Nothing was done.`,
  );
}

function scopeOf(activity: Pick<Activity, 'conversation'>): ConversationScope {
  const type = activity.conversation.conversationType;
  return type === 'groupChat' || type === 'channel' ? type : 'personal';
}

async function sendCard(context: TurnContext, card: AdaptiveCard): Promise<void> {
  await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
}
