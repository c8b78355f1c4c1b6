/**
 * One invitee address: normalisation and the checks Microsoft Entra B2B applies before it will invite.
 * Limits follow RFC 5321 (local part 64 octets, whole address 254); the refused local-part characters
 * and plus-addressing follow the team's fact sheet graph-invitations.md (invitedUserEmailAddress).
 */

export type AddressProblem =
  | 'empty'
  | 'missing-at'
  | 'several-at'
  | 'local-part-empty'
  | 'local-part-too-long'
  | 'address-too-long'
  | 'local-part-dot-rule'
  | 'local-part-hyphen-rule'
  | 'plus-addressing'
  | 'refused-character'
  /** A zero-width, bidi or other invisible format character (Unicode Cf): the address would read as another. */
  | 'invisible-character'
  | 'domain-invalid'
  | 'domain-no-top-level-label';

export interface EmailAddress {
  /** Lower-cased: Entra matches addresses case-insensitively, so this is the identity of an invitee. */
  readonly normalised: string;
  readonly localPart: string;
  readonly domain: string;
}

export type AddressCheck =
  | { readonly ok: true; readonly address: EmailAddress }
  | { readonly ok: false; readonly problem: AddressProblem; readonly detail?: string };

export const MAX_LOCAL_PART_LENGTH = 64;
export const MAX_ADDRESS_LENGTH = 254;
const MAX_LABEL_LENGTH = 63;

/** Characters B2B refuses anywhere in the local part (`+` is reported separately as plus-addressing). */
const REFUSED_LOCAL_CHARACTERS = new Set('~!#$%^&*()=[]{}\\/|;:"<>?,'.split(''));
const LABEL = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;
const TOP_LEVEL_LABEL = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/** Unicode's format characters: zero-width spaces and joiners, bidi embeddings, overrides and isolates, marks. */
const INVISIBLE = /\p{Cf}/u;

export function checkEmailAddress(raw: string): AddressCheck {
  // Before trimming: U+FEFF is a format character that String.prototype.trim also removes.
  const invisible = INVISIBLE.exec(raw);
  if (invisible) return fail('invisible-character', codePointOf(invisible[0]));
  const text = raw.trim();
  if (text === '') return fail('empty');
  const at = text.indexOf('@');
  if (at === -1) return fail('missing-at');
  if (text.indexOf('@', at + 1) !== -1) return fail('several-at');
  if (text.length > MAX_ADDRESS_LENGTH) return fail('address-too-long', String(text.length));

  const localPart = text.slice(0, at);
  const domain = text.slice(at + 1).toLowerCase().replace(/\.$/, '');
  const local = checkLocalPart(localPart);
  if (local) return local;
  const domainProblem = checkDomain(domain);
  if (domainProblem) return domainProblem;

  const normalised = `${localPart.toLowerCase()}@${domain}`;
  return { ok: true, address: { normalised, localPart: localPart.toLowerCase(), domain } };
}

function checkLocalPart(localPart: string): AddressCheck | undefined {
  if (localPart === '') return fail('local-part-empty');
  if (localPart.length > MAX_LOCAL_PART_LENGTH) return fail('local-part-too-long', String(localPart.length));
  if (localPart.includes('+')) return fail('plus-addressing');
  for (const ch of localPart) {
    if (REFUSED_LOCAL_CHARACTERS.has(ch) || ch <= ' ' || ch === '\u007f') return fail('refused-character', ch);
  }
  if (localPart.startsWith('.') || localPart.endsWith('.') || localPart.includes('..')) return fail('local-part-dot-rule');
  if (localPart.startsWith('-') || localPart.endsWith('-')) return fail('local-part-hyphen-rule');
  return undefined;
}

function checkDomain(domain: string): AddressCheck | undefined {
  const labels = domain.split('.');
  if (labels.length < 2) return fail('domain-no-top-level-label', domain);
  if (labels.some((label) => label.length === 0 || label.length > MAX_LABEL_LENGTH || !LABEL.test(label))) {
    return fail('domain-invalid', domain);
  }
  if (!TOP_LEVEL_LABEL.test(labels[labels.length - 1] ?? '')) return fail('domain-no-top-level-label', domain);
  return undefined;
}

/** `U+202E`: how an invisible character can be named to the inviter. */
function codePointOf(character: string): string {
  return `U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

function fail(problem: AddressProblem, detail?: string): AddressCheck {
  return detail === undefined ? { ok: false, problem } : { ok: false, problem, detail };
}

/** Whether `domain` is `suffix` itself or one of its subdomains. */
export function domainMatches(domain: string, suffix: string): boolean {
  const d = domain.toLowerCase();
  const s = suffix.toLowerCase();
  return d === s || d.endsWith(`.${s}`);
}

/** `jane.doe@contoso.com` → `j***@contoso.com`: enough to tell addresses apart in a log, not enough to read one. */
export function redactAddress(address: string): string {
  const at = address.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${address[0]}***${address.slice(at)}`;
}
