/** What a person asked for, from the text of a message (the bot's @mention already removed). */
import { MAX_PASTE_CHARACTERS } from '../domain/addresses/invitee-list.js';
import { toPlainText } from '../domain/addresses/plain-text.js';
import { STATUS_FILTERS, type StatusFilter } from '../domain/use-cases/my-invitations.js';

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
  /** `help` followed by a question or a pasted error page. */
  | { readonly kind: 'question'; readonly text: string }
  | { readonly kind: 'unknown'; readonly text: string };

export function parseCommand(text: string): Command {
  if (text.length > MAX_PASTE_CHARACTERS) return { kind: 'too-long', length: text.length };
  const cleaned = toPlainText(text);
  const verb = /^\S*/.exec(cleaned)?.[0] ?? '';
  const rest = cleaned.slice(verb.length).trim();
  switch (verb.toLowerCase()) {
    case '':
      return { kind: 'help' };
    case 'help':
    case '?':
      return rest === '' ? { kind: 'help' } : { kind: 'question', text: rest };
    case 'status':
      return parseStatus(rest);
    case 'paths':
      return rest === '' ? { kind: 'paths' } : { kind: 'unknown', text: cleaned };
    case 'refresh':
      return rest === '' ? { kind: 'refresh' } : { kind: 'unknown', text: cleaned };
    case 'notify':
      if (/^here$/i.test(rest)) return { kind: 'notify', on: true };
      if (/^off$/i.test(rest)) return { kind: 'notify', on: false };
      return { kind: 'unknown', text: cleaned };
    case 'audit':
      return parseAudit(rest) ?? { kind: 'unknown', text: cleaned };
    case 'invite':
      return rest === '' ? { kind: 'invite-form' } : { kind: 'invite', text: withoutLeadingVerb(text) };
    default:
      return { kind: 'unknown', text: cleaned };
  }
}

/** "", "pending" (any filter, any case), or the address of one invitation. */
function parseStatus(rest: string): Command {
  if (rest === '') return { kind: 'status' };
  const word = rest.toLowerCase();
  return isStatusFilter(word) ? { kind: 'status', filter: word } : { kind: 'status', address: rest };
}

function isStatusFilter(word: string): word is StatusFilter {
  return (STATUS_FILTERS as readonly string[]).includes(word);
}

const DEFAULT_AUDIT_DAYS = 7;

/** "", "30", "last 30 days", "jane@fabrikam.com", "jane@fabrikam.com 30": anything else is not an audit request. */
function parseAudit(rest: string): Command | undefined {
  let days = DEFAULT_AUDIT_DAYS;
  let address: string | undefined;
  const words = rest.replace(/\b(last|days?|for|the)\b/gi, ' ').split(/\s+/).filter(Boolean);
  for (const word of words) {
    if (/^\d{1,4}$/.test(word)) days = Math.max(1, Number(word));
    else if (!address && /^[^\s@]+@[^\s@]+$/.test(word)) address = word.toLowerCase();
    else return undefined;
  }
  return { kind: 'audit', days, ...(address ? { address } : {}) };
}

/** The raw text after the verb: leading markup (`<p>`, `<div>`) and the word itself removed, nothing decoded. */
function withoutLeadingVerb(text: string): string {
  return text.replace(/^(?:\s|<[^<>]*>)*invite\b/i, '').trim();
}
