/**
 * What the bot knows about a failed invitation redemption or guest sign-in: one entry per AADSTS code and per
 * situation without a code in the team's fact sheet redemption-errors.md (the fact sheet; "[n]" in the comments
 * below are its source numbers), with path details from redemption-paths.md.
 *
 * The domain keeps the facts (which code, who must act, what the bot can do); the words (title, meaning, the
 * steps for guest and inviter) are content per language in locales/<language>/help.json under
 * `entries.<key>`, shown in Adaptive Card TextRuns, where markdown or HTML would appear as is.
 * Microsoft says error codes and texts can change and apps must not hard-depend on them [1], so every code also
 * gets Microsoft's own lookup address (errorCodeLookupUrl) and the entries stay advice, never program logic.
 * `whoMustAct` follows the fact sheet's "which side must act" list, which the fact sheet itself marks INFERENCE.
 * Entries whose only guest step is "send the full error text to the inviter" are the ones where the ids on the
 * error page let an admin find the attempt in the sign-in log [1].
 */

/** Who has to do something before the guest gets in. */
type WhoMustAct = 'guest' | 'inviter' | 'resource-admin' | 'home-admin' | 'both-admins';

/**
 * What the bot can do for the inviter from the help card: send a new invitation message to the same guest,
 * reset the guest's redemption so another account can accept, or show the invitation link to copy.
 */
type HelpFixAction = 'resend' | 'reset-redemption' | 'copy-link';

interface HelpFacts {
  /** The AADSTS number this entry explains, or null for a situation without a code. */
  readonly code: string | null;
  readonly whoMustAct: WhoMustAct;
  readonly fixAction: HelpFixAction | null;
}

const HELP_TABLE = {
  // ---- AADSTS codes, in the fact sheet's order -------------------------------------------------------------

  // 50020 [2]: the most common one; usually the browser's session picked another account.
  'aadsts-50020': {
    code: '50020',
    whoMustAct: 'guest',
    fixAction: 'copy-link',
  },
  // 90072 [1][2]: the guest's home tenant logs 90072 for what the resource tenant logs as 50020.
  'aadsts-90072': {
    code: '90072',
    whoMustAct: 'guest',
    fixAction: 'copy-link',
  },
  // 16000 [1]: typical when a personal Microsoft account opens a page before accepting.
  'aadsts-16000': {
    code: '16000',
    whoMustAct: 'guest',
    fixAction: 'copy-link',
  },
  // 50034 [1]
  'aadsts-50034': {
    code: '50034',
    whoMustAct: 'guest',
    fixAction: 'copy-link',
  },
  // 51004 [1]
  'aadsts-51004': {
    code: '51004',
    whoMustAct: 'inviter',
    fixAction: 'resend',
  },
  // 50014 [1]: GuestUserInPendingState.
  'aadsts-50014': {
    code: '50014',
    whoMustAct: 'guest',
    fixAction: 'resend',
  },
  // 500212 [1]: the guest's home tenant's outbound cross-tenant policy.
  'aadsts-500212': {
    code: '500212',
    whoMustAct: 'home-admin',
    fixAction: null,
  },
  // 500213 [1]: b2bCollaborationInbound, default or per partner.
  'aadsts-500213': {
    code: '500213',
    whoMustAct: 'resource-admin',
    fixAction: null,
  },
  // 50105 [1]: the enterprise app has "Assignment required".
  'aadsts-50105': {
    code: '50105',
    whoMustAct: 'resource-admin',
    fixAction: null,
  },
  // 65004 [1]: the fact sheet marks the link to the B2B consent page UNVERIFIED, so the wording stays careful.
  'aadsts-65004': {
    code: '65004',
    whoMustAct: 'guest',
    fixAction: null,
  },
  // 90094 [1]
  'aadsts-90094': {
    code: '90094',
    whoMustAct: 'resource-admin',
    fixAction: null,
  },
  // 90095 [1]: the admin consent workflow's "request approval" page.
  'aadsts-90095': {
    code: '90095',
    whoMustAct: 'resource-admin',
    fixAction: null,
  },
  // 700016 [1]
  'aadsts-700016': {
    code: '700016',
    whoMustAct: 'resource-admin',
    fixAction: null,
  },
  // 53003 [1]
  'aadsts-53003': {
    code: '53003',
    whoMustAct: 'resource-admin',
    fixAction: null,
  },
  // 50076 [1][3][4]: the inviting organisation runs the guest's MFA unless it trusts the partner's.
  'aadsts-50076': {
    code: '50076',
    whoMustAct: 'guest',
    fixAction: null,
  },
  // 50079 [1][4]
  'aadsts-50079': {
    code: '50079',
    whoMustAct: 'guest',
    fixAction: null,
  },
  // 50177 [1]: cause and fix are INFERENCE in the fact sheet, and the wording says so.
  'aadsts-50177': {
    code: '50177',
    whoMustAct: 'resource-admin',
    fixAction: null,
  },
  // 1000104 [1][4][5]: cross-cloud B2B (e.g. commercial and US Government) must be enabled on both sides.
  'aadsts-1000104': {
    code: '1000104',
    whoMustAct: 'both-admins',
    fixAction: null,
  },
  // 500571 [6]: accountEnabled=false after a review, a clean-up or a mistake.
  'aadsts-500571': {
    code: '500571',
    whoMustAct: 'resource-admin',
    fixAction: null,
  },
  // 50107 [7]: SAML/WS-Fed federation; the issuer in the response differs from the configured one.
  'aadsts-50107': {
    code: '50107',
    whoMustAct: 'resource-admin',
    fixAction: null,
  },
  // 65005 [8]: the guest's home is an abandoned "viral" tenant; unmanaged accounts can no longer redeem (paths sheet).
  'aadsts-65005': {
    code: '65005',
    whoMustAct: 'home-admin',
    fixAction: 'reset-redemption',
  },
  // 90071 [8]: belongs to Teams shared channels (B2B direct connect), not to B2B guests.
  'aadsts-90071': {
    code: '90071',
    whoMustAct: 'resource-admin',
    fixAction: null,
  },
  // 500141 [1]: cause and guest advice are INFERENCE in the fact sheet.
  'aadsts-500141': {
    code: '500141',
    whoMustAct: 'guest',
    fixAction: null,
  },

  // ---- Situations without a code ---------------------------------------------------------------------------

  // [9][10][8]; sender addresses for the three clouds. Graph mails only with sendInvitationMessage: true.
  'invitation-not-received': {
    code: null,
    whoMustAct: 'guest',
    fixAction: 'resend',
  },
  // [8]: dropped when the inviter has no mailbox in the tenant or an app sent the invitation (this bot's default).
  'custom-message-missing': {
    code: null,
    whoMustAct: 'inviter',
    fixAction: 'copy-link',
  },
  // [9][11]: invitations do not expire; the link keeps working after redemption.
  'link-expired-or-used': {
    code: null,
    whoMustAct: 'guest',
    fixAction: 'copy-link',
  },
  // [2][12][5]
  'wrong-account-signed-in': {
    code: null,
    whoMustAct: 'guest',
    fixAction: null,
  },
  // [13]: redemption binds the guest object to whichever identity completed it; reset keeps memberships.
  'redeemed-with-wrong-account': {
    code: null,
    whoMustAct: 'inviter',
    fixAction: 'reset-redemption',
  },
  // [14][15][16]
  'cannot-find-organisation': {
    code: null,
    whoMustAct: 'guest',
    fixAction: null,
  },
  // [12]: code valid 30 minutes, session 24 hours; guests with an Entra, Microsoft or federated account get no code.
  'passcode-problem': {
    code: null,
    whoMustAct: 'guest',
    fixAction: null,
  },
  // [17]: Google blocks embedded web views; Entra falls back to a device code. Also "Header too long".
  'gmail-embedded-sign-in': {
    code: null,
    whoMustAct: 'guest',
    fixAction: null,
  },
  // [18][19]: aliases and emails other than the home UPN redeem only through the email link.
  'alias-or-email-not-upn': {
    code: null,
    whoMustAct: 'guest',
    fixAction: 'copy-link',
  },
  // [8]
  'proxy-address-conflict': {
    code: null,
    whoMustAct: 'resource-admin',
    fixAction: null,
  },
  // [8]: tenant restrictions in the guest's network.
  'network-restricts-organisations': {
    code: null,
    whoMustAct: 'home-admin',
    fixAction: null,
  },
  // [12]
  'passcode-turned-off-after-redemption': {
    code: null,
    whoMustAct: 'resource-admin',
    fixAction: 'reset-redemption',
  },
} as const satisfies Record<string, HelpFacts>;

export type HelpKey = keyof typeof HELP_TABLE;
export type SituationKey = Exclude<HelpKey, `aadsts-${string}`>;

export interface HelpEntry extends HelpFacts {
  readonly key: HelpKey;
}

/** Every entry: first the codes, then the situations, each in the fact sheet's order. */
export const HELP_ENTRIES: readonly HelpEntry[] = (Object.keys(HELP_TABLE) as HelpKey[]).map((key) => ({ key, ...HELP_TABLE[key] }));

const ENTRY_BY_KEY = new Map<HelpKey, HelpEntry>(HELP_ENTRIES.map((entry) => [entry.key, entry]));
const ENTRY_BY_CODE = new Map<string, HelpEntry>(HELP_ENTRIES.flatMap((entry) => (entry.code === null ? [] : [[entry.code, entry] as const])));

export function helpEntry(key: HelpKey): HelpEntry {
  return ENTRY_BY_KEY.get(key)!;
}

/** The entry for an AADSTS number ("50020", without the prefix), if the fact sheet covers it. */
export function helpForCode(code: string): HelpEntry | undefined {
  return ENTRY_BY_CODE.get(code);
}

/** Microsoft's own page for any AADSTS number: the authority when our wording and Microsoft's differ [1]. */
export function errorCodeLookupUrl(code: string): string {
  return `https://login.microsoftonline.com/error?code=${encodeURIComponent(code)}`;
}
