/** A domain Message in the reader's words: what every edge (cards, bot, mail) says a domain result with. */
import type { KeptWords, Message } from '../domain/message.js';
import type { Translator } from './translator.js';

export function say(words: Translator, said: Message): string {
  const values = said.values && Object.fromEntries(Object.entries(said.values).map(([name, value]) => [name, typeof value === 'object' ? say(words, value) : value]));
  return words.t(said.id, values);
}

/** Words a record kept: its Message said, or the text an older row stored, as it is. */
export function sayKept(words: Translator, kept: KeptWords): string {
  return typeof kept === 'string' ? kept : say(words, kept);
}
