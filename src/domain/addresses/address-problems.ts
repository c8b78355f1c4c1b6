import type { AddressProblem } from './email-address.js';
import { MAX_ADDRESS_LENGTH, MAX_LOCAL_PART_LENGTH } from './email-address.js';

/** What the inviter reads about an address the bot cannot use: the rule, and what to do about it. */
export function describeAddressProblem(problem: AddressProblem, detail?: string): string {
  switch (problem) {
    case 'empty':
      return 'No address was given.';
    case 'missing-at':
      return 'This is not an email address: it has no "@".';
    case 'several-at':
      return 'An address can have only one "@".';
    case 'local-part-empty':
      return 'Nothing stands before the "@".';
    case 'local-part-too-long':
      return `The part before the "@" is longer than ${MAX_LOCAL_PART_LENGTH} characters (${detail ?? 'too long'}).`;
    case 'address-too-long':
      return `The address is longer than ${MAX_ADDRESS_LENGTH} characters (${detail ?? 'too long'}).`;
    case 'local-part-dot-rule':
      return 'A dot cannot start or end the part before the "@", or stand twice in a row.';
    case 'local-part-hyphen-rule':
      return 'A hyphen cannot start or end the part before the "@".';
    case 'plus-addressing':
      return 'Microsoft Entra does not accept plus-addresses (name+tag@…) for guests: use the plain address.';
    case 'refused-character':
      return `Microsoft Entra does not accept the character ${quoteCharacter(detail)} before the "@" in a guest address.`;
    case 'invisible-character':
      return `The address holds an invisible character (${detail ?? 'a format character'}, such as a zero-width space or a right-to-left mark) that can make it read as another address: type it again by hand.`;
    case 'domain-invalid':
      return `"${detail ?? ''}" is not a valid domain name.`;
    case 'domain-no-top-level-label':
      return `"${detail ?? ''}" has no real top-level domain (such as .com or .org).`;
  }
}

function quoteCharacter(ch: string | undefined): string {
  if (ch === undefined) return 'used';
  return ch.trim() === '' ? 'space or control character' : `"${ch}"`;
}
