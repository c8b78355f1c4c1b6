/** A domain Message in the reader's words. */
import type { Message } from '../domain/message.js';
import type { Translator } from '../i18n/translator.js';

export function say(words: Translator, said: Message): string {
  return words.t(said.id, said.values);
}
