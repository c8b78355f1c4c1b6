/** What a person asked for, from the text of a message (the bot's @mention already removed) or a card's button. */
import { z } from 'zod';
import { MAX_PASTE_CHARACTERS } from '../domain/addresses/invitee-list.js';
import { toPlainText } from '../domain/addresses/plain-text.js';
import type { StatusFilter } from '../domain/use-cases/my-invitations.js';
import { catalogue, type MessageTree } from '../i18n/catalogue.js';
import { LANGUAGES } from '../i18n/languages.js';

export type Command =
  /** `invite` followed by anything: a list to review, still in Teams markup (the list parser reads it, line breaks and all). */
  | { readonly kind: 'invite'; readonly text: string }
  /** `invite` alone: the form. */
  | { readonly kind: 'invite-form' }
  | { readonly kind: 'too-long'; readonly length: number }
  | { readonly kind: 'help' }
  /** `refresh`: read the tenant's sign-in configuration again now. */
  | { readonly kind: 'refresh' }
  /** `paths`: predicted redemption paths against what guests did. */
  | { readonly kind: 'paths' }
  /** `status`: my invitations (`status pending`: those in one state); `status jane@fabrikam.com`: one of them. */
  | { readonly kind: 'status'; readonly address?: string; readonly filter?: StatusFilter }
  /** `notify here` / `notify off`: administrators choose the channel the bot reports to. */
  | { readonly kind: 'notify'; readonly on: boolean }
  /** `audit`, `audit <address>`, `audit 30` (days), in any order: administrators read the audit trail. */
  | { readonly kind: 'audit'; readonly days: number; readonly address?: string }
  /** `report`, `report 26` (weeks): administrators see invitations, acceptances and refusals as charts. */
  | { readonly kind: 'report'; readonly weeks?: number }
  /** `lifecycle`: administrators preview what the next guest lifecycle round would do (and which rules run). */
  | { readonly kind: 'lifecycle' }
  /** `help` followed by a question or a pasted error page. */
  | { readonly kind: 'question'; readonly text: string }
  /** `hi`, `good morning`, `thanks`…: a greeting deserves one back, not "I don't know the command". */
  | { readonly kind: 'greeting'; readonly thanks: boolean }
  /** `my guests` (German `meine Gäste`, French `mes invités`): the guests I sponsor. */
  | { readonly kind: 'my-guests' }
  /** `orphaned guests` (German `Gäste ohne Sponsor`, French `invités sans parrain`): administrators hand over guests whose sponsors left. */
  | { readonly kind: 'sponsorless-guests' }
  | { readonly kind: 'unknown'; readonly text: string };

export function parseCommand(text: string, maxPasteCharacters = MAX_PASTE_CHARACTERS): Command {
  if (text.length > maxPasteCharacters) return { kind: 'too-long', length: text.length };
  const cleaned = toPlainText(text);
  const phrase = commandWords().phrases.get(folded(cleaned.trim().replace(/\s+/g, ' ')));
  if (phrase) return { kind: phrase };
  const verb = /^\S*/.exec(cleaned)?.[0] ?? '';
  const rest = cleaned.slice(verb.length).trim();
  if (verb === '') return { kind: 'help' };
  switch (commandWords().verbs.get(folded(verb))) {
    case 'help':
      return rest === '' ? { kind: 'help' } : { kind: 'question', text: rest };
    case 'status':
      return parseStatus(rest);
    case 'paths':
      return rest === '' ? { kind: 'paths' } : { kind: 'unknown', text: cleaned };
    case 'refresh':
      return rest === '' ? { kind: 'refresh' } : { kind: 'unknown', text: cleaned };
    case 'notify': {
      const on = commandWords().notify.get(folded(rest));
      return on === undefined ? { kind: 'unknown', text: cleaned } : { kind: 'notify', on: on === 'here' };
    }
    case 'audit':
      return parseAudit(rest) ?? { kind: 'unknown', text: cleaned };
    case 'report':
      return parseReport(rest) ?? { kind: 'unknown', text: cleaned };
    case 'lifecycle':
      // "cycle de vie", "lifecycle preview": what follows the word asks for nothing else.
      return { kind: 'lifecycle' };
    case 'invite':
      return rest === '' ? { kind: 'invite-form' } : { kind: 'invite', text: withoutLeadingVerb(text, verb) };
    case undefined:
      return greetingIn(cleaned) ?? { kind: 'unknown', text: cleaned };
  }
}

type Verb = 'invite' | 'help' | 'status' | 'paths' | 'refresh' | 'notify' | 'audit' | 'report' | 'lifecycle';
/** Commands of several words said alone (`my guests`), keyed in commands.json by the command's kind. */
type Phrase = 'my-guests' | 'sponsorless-guests';

/**
 * The command words of every language the bot speaks (locales/<language>/commands.json), all understood
 * whatever the user's own language: a German typing `help` and an English speaker typing `hilfe` both get help.
 */
interface CommandWords {
  readonly verbs: ReadonlyMap<string, Verb>;
  readonly phrases: ReadonlyMap<string, Phrase>;
  readonly notify: ReadonlyMap<string, 'here' | 'off'>;
  readonly statusFilters: ReadonlyMap<string, StatusFilter>;
  readonly auditFiller: ReadonlySet<string>;
  readonly greeting: RegExp;
  readonly thanking: RegExp;
}

let words: CommandWords | undefined;

/** "help, ?" → ["help", "?"]: each catalogue entry lists a command's words, comma-separated. */
function listed(text: string | MessageTree | undefined): string[] {
  return typeof text === 'string' ? text.split(',').map((word) => folded(word.trim())).filter(Boolean) : [];
}

/** Case folded the way people type: "Grüß", "GRÜSS" and "grüss" are one word. */
function folded(word: string): string {
  return word.toLowerCase().replace(/ß/g, 'ss');
}

function wordMap<T extends string>(part: 'verbs' | 'notify' | 'statusFilters' | 'phrases'): Map<string, T> {
  const map = new Map<string, T>();
  for (const language of LANGUAGES) {
    const tree = catalogue()[language].commands?.[part];
    if (typeof tree !== 'object') continue;
    for (const [meaning, text] of Object.entries(tree)) for (const word of listed(text)) map.set(word, meaning as T);
  }
  return map;
}

function everyLanguage(pick: (commands: MessageTree) => string | MessageTree | undefined): string[] {
  return LANGUAGES.flatMap((language) => {
    const commands = catalogue()[language].commands;
    return commands ? listed(pick(commands)) : [];
  });
}

function alternatives(list: readonly string[]): string {
  return list.map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
}

function commandWords(): CommandWords {
  if (words) return words;
  const greetingsOf = (kind: string) => everyLanguage((commands) => (typeof commands.greetings === 'object' ? commands.greetings[kind] : undefined));
  const hello = alternatives(greetingsOf('hello'));
  const thanks = alternatives(greetingsOf('thanks'));
  const afterwords = alternatives(greetingsOf('afterwords'));
  words = {
    verbs: wordMap<Verb>('verbs'),
    phrases: wordMap<Phrase>('phrases'),
    notify: wordMap<'here' | 'off'>('notify'),
    statusFilters: wordMap<StatusFilter>('statusFilters'),
    auditFiller: new Set(everyLanguage((commands) => commands.auditFiller)),
    greeting: new RegExp(`^(?:(?:${hello}|${thanks}) )*(?:${hello}|${thanks})(?: (?:${afterwords}))*$`, 'u'),
    thanking: new RegExp(`(?:^| )(?:${thanks})(?: |$)`, 'u'),
  };
  return words;
}

/** "", "26", "26 weeks", "last 26 weeks": anything else is not a report request. */
function parseReport(rest: string): Command | undefined {
  if (rest === '') return { kind: 'report' };
  const weeks = /^(?:last\s+)?(\d{1,3})(?:\s+weeks?)?$/i.exec(rest)?.[1];
  return weeks ? { kind: 'report', weeks: Number(weeks) } : undefined;
}

/** "", "pending" (any filter, any case), or the address of one invitation. */
function parseStatus(rest: string): Command {
  if (rest === '') return { kind: 'status' };
  const filter = commandWords().statusFilters.get(folded(rest));
  return filter ? { kind: 'status', filter } : { kind: 'status', address: rest };
}

/**
 * The command a card button stands for. Buttons that do what a typed command does (welcome, help, usage,
 * greeting) are `Action.Submit` with `data: { command }`, not `msteams.imBack`, which the Agents Playground
 * drops, and not `Action.Execute`, whose answer would replace the card pressed (in a channel, for everyone):
 * a submit arrives as a message with this `value` and no text, and the bot answers it with a new card, as if
 * the command had been typed, so the welcome stays in the chat.
 */
export function submittedCommand(value: unknown): string | undefined {
  const parsed = buttonData.safeParse(value);
  return parsed.success ? parsed.data.command : undefined;
}

const buttonData = z.object({ command: z.string().max(200) });

/** A greeting or a thank-you and nothing else (punctuation and emoji aside); anything more is read as a request. */
function greetingIn(cleaned: string): Command | undefined {
  const said = folded(cleaned).replace(/[^\p{L}\p{N}\s]+/gu, ' ').trim().split(/\s+/).join(' ');
  const { greeting, thanking } = commandWords();
  return greeting.test(said) ? { kind: 'greeting', thanks: thanking.test(said) } : undefined;
}

const DEFAULT_AUDIT_DAYS = 7;

/** "", "30", "last 30 days", "jane@fabrikam.com", "jane@fabrikam.com 30": anything else is not an audit request. */
function parseAudit(rest: string): Command | undefined {
  let days = DEFAULT_AUDIT_DAYS;
  let address: string | undefined;
  const filler = commandWords().auditFiller;
  for (const word of rest.split(/\s+/).filter((said) => said && !filler.has(folded(said)))) {
    if (/^\d{1,4}$/.test(word)) days = Math.max(1, Number(word));
    else if (!address && /^[^\s@]+@[^\s@]+$/.test(word)) address = word.toLowerCase();
    else return undefined;
  }
  return { kind: 'audit', days, ...(address ? { address } : {}) };
}

/** The raw text after the verb: leading markup (`<p>`, `<div>`) and the word itself removed, nothing decoded. */
function withoutLeadingVerb(text: string, verb: string): string {
  return text.replace(new RegExp(`^(?:\\s|<[^<>]*>)*${alternatives([verb])}(?=\\s|<|$)`, 'iu'), '').trim();
}
