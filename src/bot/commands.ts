/** What a person asked for, from the text of a message (the bot's @mention already removed). */
import { MAX_PASTE_CHARACTERS } from '../domain/addresses/invitee-list.js';
import { toPlainText } from '../domain/addresses/plain-text.js';

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
  /** `status`: my invitations; `status <address>`: one of them. */
  | { readonly kind: 'status'; readonly address?: string }
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
      return rest === '' ? { kind: 'status' } : { kind: 'status', address: rest };
    case 'paths':
      return rest === '' ? { kind: 'paths' } : { kind: 'unknown', text: cleaned };
    case 'refresh':
      return rest === '' ? { kind: 'refresh' } : { kind: 'unknown', text: cleaned };
    case 'invite':
      return rest === '' ? { kind: 'invite-form' } : { kind: 'invite', text: withoutLeadingVerb(text) };
    default:
      return { kind: 'unknown', text: cleaned };
  }
}

/** The raw text after the verb: leading markup (`<p>`, `<div>`) and the word itself removed, nothing decoded. */
function withoutLeadingVerb(text: string): string {
  return text.replace(/^(?:\s|<[^<>]*>)*invite\b/i, '').trim();
}
