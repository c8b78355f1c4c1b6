/**
 * The guest help page the bot serves at /guest-help (pages/<language>/guest-help.html): the invitation guidance
 * and the help answers link to the section that explains what the guest meets, in the reader's language. The
 * page is reachable only at the bot's public address (PUBLIC_BASE_URL): without one there is no link at all,
 * never a broken one.
 */
import type { HelpKey } from './help-knowledge.js';
import type { RedemptionPath } from './predict-path.js';

/** The page's sections, by their anchor (the same in every language). */
export type GuestHelpSection =
  | 'accept'
  | 'work-account'
  | 'federation'
  | 'google'
  | 'microsoft-account'
  | 'passcode'
  | 'create-account'
  | 'permissions'
  | 'teams'
  | 'problems'
  | 'no-email'
  | 'wrong-account'
  | 'no-code'
  | 'blocked-home'
  | 'blocked-here'
  | 'link-used'
  | 'other-error';

const PATH_SECTIONS: Record<RedemptionPath, GuestHelpSection> = {
  entra: 'work-account',
  'saml-federation': 'federation',
  google: 'google',
  'microsoft-account': 'microsoft-account',
  'email-otp': 'passcode',
  'new-microsoft-account': 'create-account',
  blocked: 'blocked-here',
};

/** Where the page explains a path's sign-in. */
export function pathSection(path: RedemptionPath): GuestHelpSection {
  return PATH_SECTIONS[path];
}

/** Help entries the page explains in a section of its own; every other one is among "If something goes wrong". */
const HELP_SECTIONS: Partial<Record<HelpKey, GuestHelpSection>> = {
  'aadsts-50020': 'wrong-account',
  'aadsts-90072': 'wrong-account',
  'aadsts-50034': 'wrong-account',
  'aadsts-51004': 'wrong-account',
  'wrong-account-signed-in': 'wrong-account',
  'alias-or-email-not-upn': 'wrong-account',
  'aadsts-16000': 'accept',
  'aadsts-50014': 'accept',
  'aadsts-500212': 'blocked-home',
  'network-restricts-organisations': 'blocked-home',
  'aadsts-500213': 'blocked-here',
  'aadsts-53003': 'blocked-here',
  'aadsts-500571': 'blocked-here',
  'invitation-not-received': 'no-email',
  'link-expired-or-used': 'link-used',
  'passcode-problem': 'no-code',
  'gmail-embedded-sign-in': 'google',
  'cannot-find-organisation': 'teams',
};

/** Where the page speaks of a help entry's situation; an error code the bot does not know is "Any other error". */
export function helpSection(key: HelpKey | undefined): GuestHelpSection {
  return key === undefined ? 'other-error' : (HELP_SECTIONS[key] ?? 'problems');
}

/**
 * The page's address in a language (`?lang=`), at a section; undefined without the bot's public address.
 * `publicBaseUrl` may carry a path (a bot behind a reverse proxy at /bot): the page is under it.
 */
export function guestHelpUrl(publicBaseUrl: string, language: string, section?: GuestHelpSection): string | undefined {
  if (publicBaseUrl.trim() === '') return undefined;
  const url = new URL('guest-help', `${publicBaseUrl.trim().replace(/\/*$/, '')}/`);
  url.searchParams.set('lang', language);
  if (section) url.hash = section;
  return url.href;
}
