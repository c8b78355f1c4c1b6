/**
 * The Teams activity handler: a thin router from what people say in a chat to the domain's use cases,
 * and from their outcomes to cards. It holds no state between turns.
 */
import { CardFactory, MessageFactory, TeamsActivityHandler, TurnContext, type Activity } from 'botbuilder';
import type { InviteGuestCommand, InviteGuestOutcome } from '../domain/use-cases/invite-guest.js';
import { helpCard, problemCard, usageCard, welcomeCard, type ConversationScope } from '../cards/conversation-cards.js';
import { invitationResultCard } from '../cards/invitation-result-card.js';
import type { AdaptiveCard } from '../cards/render.js';
import type { Logger } from 'pino';
import { redactAddress } from '../domain/addresses/email-address.js';
import { parseCommand } from './commands.js';
import { turnLogger } from './turn-logger.js';

export interface GuestInvitesBotOptions {
  /** The tenant this deployment invites guests into; conversations from other tenants are refused. */
  readonly tenantId: string;
  readonly redirectUrl: string;
  readonly sendInvitationEmail: boolean;
  readonly inviteGuest: (command: InviteGuestCommand) => Promise<InviteGuestOutcome>;
  readonly logger: Logger;
}

export class GuestInvitesBot extends TeamsActivityHandler {
  constructor(private readonly options: GuestInvitesBotOptions) {
    super();
    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const botWasAdded = (context.activity.membersAdded ?? []).some((member) => member.id === context.activity.recipient.id);
      if (botWasAdded) await sendCard(context, welcomeCard(scopeOf(context.activity), context.activity.recipient.name || 'Guest Invites'));
      await next();
    });
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const activity = context.activity;
    const log = turnLogger(context, this.options.logger).child({ activityId: activity.id, conversationType: scopeOf(activity) });
    const tenantId = activity.conversation.tenantId ?? (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
    if (tenantId && tenantId !== this.options.tenantId) {
      log.warn({ tenantId }, 'message from another tenant refused');
      await sendCard(context, problemCard('Not available here', 'This bot invites guests into one organisation only, and this chat belongs to another.'));
      return;
    }

    const text = TurnContext.removeRecipientMention(activity) ?? activity.text ?? '';
    const command = parseCommand(text);
    log.info({ command: command.kind }, 'command received');
    switch (command.kind) {
      case 'help':
        await sendCard(context, helpCard(scopeOf(activity), this.options.sendInvitationEmail));
        return;
      case 'unknown':
        await sendCard(context, usageCard(command.text));
        return;
      case 'invite-missing-address':
        await sendCard(context, problemCard('Who should I invite?', 'Add the address after the command, for example: invite jane@fabrikam.com'));
        return;
      case 'invite-several':
        await sendCard(
          context,
          problemCard('One address at a time', `I found ${command.count} addresses. Send one invite command per address, for example: invite jane@fabrikam.com`),
        );
        return;
      case 'invite': {
        await context.sendActivity({ type: 'typing' });
        const outcome = await this.options.inviteGuest({
          tenantId: this.options.tenantId,
          address: command.address,
          ...(command.displayName ? { displayName: command.displayName } : {}),
          inviter: {
            ...(activity.from.aadObjectId ? { aadObjectId: activity.from.aadObjectId } : {}),
            ...(activity.from.name ? { name: activity.from.name } : {}),
          },
          originConversationId: activity.conversation.id,
          redirectUrl: this.options.redirectUrl,
          sendInvitationMessage: this.options.sendInvitationEmail,
        });
        logOutcome(log, outcome);
        await sendCard(context, invitationResultCard(outcome, { sendsInvitationEmail: this.options.sendInvitationEmail }));
        return;
      }
    }
  }
}

export function scopeOf(activity: Pick<Activity, 'conversation'>): ConversationScope {
  const type = activity.conversation.conversationType;
  return type === 'groupChat' || type === 'channel' ? type : 'personal';
}

async function sendCard(context: TurnContext, card: AdaptiveCard): Promise<void> {
  await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
}

function logOutcome(log: Logger, outcome: InviteGuestOutcome): void {
  const address = 'email' in outcome ? outcome.email : 'record' in outcome ? outcome.record.email : outcome.address;
  const fields = { outcome: outcome.kind, address: redactAddress(address) };
  if (outcome.kind === 'failed') log.error({ ...fields, code: outcome.error.code, detail: outcome.error.detail }, 'invitation failed');
  else log.info(fields, 'invite handled');
}
