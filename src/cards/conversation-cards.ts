/** Cards about the bot itself: welcome on install, help, and the answer to a message it does not understand. */
import { renderCard, type AdaptiveCard } from './render.js';

export type ConversationScope = 'personal' | 'groupChat' | 'channel';

export function welcomeCard(scope: ConversationScope, botName: string): AdaptiveCard {
  return renderCard('welcome', { scope, commandPrefix: scope === 'personal' ? '' : `@${botName} ` });
}

export function helpCard(scope: ConversationScope, sendsInvitationEmail: boolean): AdaptiveCard {
  const emailNote = sendsInvitationEmail
    ? "Microsoft's invitation email with an Accept link."
    : 'no email from Microsoft: I give you the redemption link to pass on.';
  return renderCard('help', { scope, emailNote });
}

/** At most this much of what the person typed is echoed back. */
const ECHO_LIMIT = 80;

export function usageCard(said: string): AdaptiveCard {
  const trimmed = said.trim();
  return renderCard('usage', { said: trimmed.length > ECHO_LIMIT ? `${trimmed.slice(0, ECHO_LIMIT)}…` : trimmed });
}

export function problemCard(title: string, message: string, reference = ''): AdaptiveCard {
  return renderCard('problem', { title, message, reference });
}
