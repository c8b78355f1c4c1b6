import type { AddressProblem } from './email-address.js';
import { MAX_ADDRESS_LENGTH, MAX_LOCAL_PART_LENGTH } from './email-address.js';
import { message, type Message } from '../message.js';

/**
 * What the inviter reads about an address the bot cannot use: the rule, and what to do about it
 * (`addresses:problem.<problem>`). `detail` is what the check found: the length, the character, the domain.
 */
export function describeAddressProblem(problem: AddressProblem, detail?: string): Message {
  switch (problem) {
    case 'local-part-too-long':
      return message(`addresses:problem.${problem}`, { limit: MAX_LOCAL_PART_LENGTH, length: detail ?? '' });
    case 'address-too-long':
      return message(`addresses:problem.${problem}`, { limit: MAX_ADDRESS_LENGTH, length: detail ?? '' });
    case 'refused-character':
      return message(`addresses:problem.${problem}`, { character: detail ?? '', kind: characterKind(detail) });
    case 'invisible-character':
    case 'domain-invalid':
    case 'domain-no-top-level-label':
      return message(`addresses:problem.${problem}`, { detail: detail ?? '' });
    case 'empty':
    case 'missing-at':
    case 'several-at':
    case 'local-part-empty':
    case 'local-part-dot-rule':
    case 'local-part-hyphen-rule':
    case 'plus-addressing':
      return message(`addresses:problem.${problem}`);
  }
}

/** A space or control character cannot be shown between quotes; it is named instead. */
function characterKind(ch: string | undefined): 'unknown' | 'blank' | 'visible' {
  if (ch === undefined) return 'unknown';
  return ch.trim() === '' ? 'blank' : 'visible';
}
