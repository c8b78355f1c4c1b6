/** Cards about the bot itself: welcome on install, a greeting back, help, and the answer to a message it does not understand. */
import type { DeliveryMode } from '../domain/use-cases/send-work.js';
import type { Translator } from '../i18n/translator.js';
import { renderCard, type AdaptiveCard } from './render.js';

export type ConversationScope = 'personal' | 'groupChat' | 'channel';

export function welcomeCard(words: Translator, scope: ConversationScope, botName: string): AdaptiveCard {
  return renderCard('welcome', { scope, commandPrefix: scope === 'personal' ? '' : `@${botName} ` }, words);
}

/** The answer to "hi" or "thanks": by name (Teams' display name of the sender), with what one can do as buttons. */
export function greetingCard(words: Translator, name: string, thanks: boolean): AdaptiveCard {
  const trimmed = name.trim();
  const key = thanks ? (trimmed ? 'cards/greeting:thanksNamed' : 'cards/greeting:thanks') : trimmed ? 'cards/greeting:helloNamed' : 'cards/greeting:hello';
  return renderCard('greeting', { greeting: words.t(key, { name: trimmed }) }, words);
}

export function helpCard(words: Translator, scope: ConversationScope, delivery: DeliveryMode): AdaptiveCard {
  return renderCard('help', { scope, delivery }, words);
}

/** At most this much of what the person typed is echoed back. */
const ECHO_LIMIT = 80;

export function usageCard(words: Translator, said: string): AdaptiveCard {
  const trimmed = said.trim();
  return renderCard('usage', { said: trimmed.length > ECHO_LIMIT ? `${trimmed.slice(0, ECHO_LIMIT)}…` : trimmed }, words);
}

export function problemCard(words: Translator, title: string, message: string, reference = ''): AdaptiveCard {
  return renderCard('problem', { title, message, reference }, words);
}
