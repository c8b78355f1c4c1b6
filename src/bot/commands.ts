/** What a person asked for, from the text of a message (the bot's @mention already removed). */

export type Command =
  | { readonly kind: 'invite'; readonly address: string; readonly displayName?: string }
  | { readonly kind: 'invite-missing-address' }
  | { readonly kind: 'invite-several'; readonly count: number }
  | { readonly kind: 'help' }
  | { readonly kind: 'unknown'; readonly text: string };

/** Longer messages are not commands; refusing them early keeps a pasted novel from costing anything. */
export const MAX_COMMAND_LENGTH = 4000;

const NAME_AND_ADDRESS = /^(?:"([^"]*)"|([^<>"]*?))\s*<([^<>]*)>$/;

export function parseCommand(text: string): Command {
  const cleaned = toPlainText(text);
  if (cleaned.length > MAX_COMMAND_LENGTH) return { kind: 'unknown', text: cleaned.slice(0, MAX_COMMAND_LENGTH) };
  const [verb = '', ...rest] = cleaned.split(/\s+/);
  const argument = cleaned.slice(verb.length).trim();
  switch (verb.toLowerCase()) {
    case 'help':
    case '?':
      return { kind: 'help' };
    case 'invite':
      return argument === '' ? { kind: 'invite-missing-address' } : inviteCommand(argument);
    default:
      return rest.length === 0 && verb === '' ? { kind: 'help' } : { kind: 'unknown', text: cleaned };
  }
}

function inviteCommand(argument: string): Command {
  const addresses = argument.split(/[\s,;]+/).filter((part) => part.includes('@')).length;
  if (addresses > 1) return { kind: 'invite-several', count: addresses };
  const named = NAME_AND_ADDRESS.exec(argument);
  if (named) {
    const displayName = (named[1] ?? named[2] ?? '').trim();
    const address = stripMailto(named[3] ?? '');
    return displayName ? { kind: 'invite', address, displayName } : { kind: 'invite', address };
  }
  // Trailing sentence punctuation is not part of an address ("invite jane@fabrikam.com.").
  return { kind: 'invite', address: stripMailto(argument).replace(/[.,;:!?]+$/, '') };
}

function stripMailto(value: string): string {
  return value.trim().replace(/^mailto:/i, '');
}

/**
 * Teams delivers message text with a little HTML: links it drew around addresses, other people's
 * mentions, and escaped angle brackets. Commands are read from the plain text.
 */
export function toPlainText(text: string): string {
  return text
    .replace(/<a\b[^>]*>(.*?)<\/a>/gis, '$1')
    .replace(/<at>(.*?)<\/at>/gis, '$1')
    .replace(/<\/?(?:p|div|span|br)\b[^>]*>/gi, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&nbsp;|\u00a0/g, ' ')
    .replace(/&amp;/g, '&')
    .trim();
}
