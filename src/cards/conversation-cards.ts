/** Cards about the bot itself: welcome on install, a greeting back, help, and the answer to a message it does not understand. */
import type { DeliveryMode } from '../domain/use-cases/send-work.js';
import type { Translator } from '../i18n/translator.js';
import { renderCard, type AdaptiveCard } from './render.js';

export type ConversationScope = 'personal' | 'groupChat' | 'channel';

export function welcomeCard(scope: ConversationScope, botName: string, words?: Translator): AdaptiveCard {
  return renderCard('welcome', { scope, commandPrefix: scope === 'personal' ? '' : `@${botName} ` }, words);
}

/** The answer to "hi" or "thanks": by name (Teams' display name of the sender), with what one can do as buttons. */
export function greetingCard(name: string, thanks: boolean): AdaptiveCard {
  const to = name.trim() ? `, ${name.trim()}` : '';
  return renderCard('greeting', { greeting: thanks ? `You're welcome${to}.` : `Hello${to}!` });
}

const EMAIL_NOTES: Record<DeliveryMode, string> = {
  microsoft: "Microsoft's invitation email with an Accept link.",
  mailbox: "an email from your organisation's invitation mailbox with your note and the Accept link.",
  link: 'no email: I give you the redemption link to pass on.',
};

export function helpCard(scope: ConversationScope, delivery: DeliveryMode): AdaptiveCard {
  return renderCard('help', { scope, emailNote: EMAIL_NOTES[delivery] });
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
