/**
 * What the bot can tell a guest or an inviter about a failed invitation redemption or guest sign-in: one entry
 * per AADSTS code and per situation without a code in the team's fact sheet redemption-errors.md (the fact sheet;
 * "[n]" in the comments below are its source numbers), with path details from redemption-paths.md.
 *
 * Every text is plain: the cards show it in Adaptive Card TextRuns, where markdown or HTML would appear as is.
 * Microsoft says error codes and texts can change and apps must not hard-depend on them [1], so every code also
 * gets Microsoft's own lookup address (errorCodeLookupUrl) and the entries stay advice, never program logic.
 * `whoMustAct` follows the fact sheet's "which side must act" list, which the fact sheet itself marks INFERENCE.
 */

/** Who has to do something before the guest gets in. */
type WhoMustAct = 'guest' | 'inviter' | 'resource-admin' | 'home-admin' | 'both-admins';

/**
 * What the bot can do for the inviter from the help card: send a new invitation message to the same guest,
 * reset the guest's redemption so another account can accept, or show the invitation link to copy.
 */
type HelpFixAction = 'resend' | 'reset-redemption' | 'copy-link';

interface HelpText {
  /** The AADSTS number this entry explains, or null for a situation without a code. */
  readonly code: string | null;
  readonly title: string;
  /** What happened, in words for someone who has never heard of Entra. */
  readonly meaning: string;
  readonly guestSteps: readonly string[];
  readonly inviterSteps: readonly string[];
  readonly whoMustAct: WhoMustAct;
  readonly fixAction: HelpFixAction | null;
}

/** Said to a guest when only the other side can fix it: the ids let an admin find the attempt in the sign-in log [1]. */
const SEND_ERROR_TO_INVITER = 'Nothing to fix on your side: send the person who invited you the full error text, with its correlation id and timestamp.';

const HELP_TABLE = {
  // ---- AADSTS codes, in the fact sheet's order -------------------------------------------------------------

  // 50020 [2]: the most common one; usually the browser's session picked another account.
  'aadsts-50020': {
    code: '50020',
    title: 'Signed in with an account that was not invited',
    meaning:
      'The account used to sign in is not a guest in this organisation. Usually the browser signed in on its own with another account, for example a personal account instead of a work one.',
    guestSteps: [
      'Sign out, or open the invitation link in a private (incognito) window or another browser.',
      'Sign in with exactly the email address the invitation was sent to.',
      'If it still fails, send the person who invited you the full error text.',
    ],
    inviterSteps: [
      'The error names the account and the identity provider that were used: check they match the address you invited.',
      'Send the guest the invitation link again; it leads to your organisation, not to theirs.',
      'If the guest accepted earlier with the wrong account, or their own account was deleted and created again, reset their redemption.',
      'If it happens in one app only, an admin should check that the app accepts guests (supported accounts, sign-in endpoint, user assignment).',
    ],
    whoMustAct: 'guest',
    fixAction: 'copy-link',
  },
  // 90072 [1][2]: the guest's home tenant logs 90072 for what the resource tenant logs as 50020.
  'aadsts-90072': {
    code: '90072',
    title: 'Account not in the organisation (guest side record)',
    meaning:
      'The same problem as AADSTS50020, as the guest\'s own organisation records it: the account used is not a guest in the organisation being opened, so its sign-in checks cannot finish there.',
    guestSteps: [
      'Sign out, or open the invitation link in a private (incognito) window.',
      'Sign in with exactly the email address the invitation was sent to.',
    ],
    inviterSteps: [
      'Treat it as AADSTS50020: check which account the guest used and that it is the invited one.',
      'Your sign-in log shows the same attempt as AADSTS50020.',
      'If the guest\'s account is synced from their on-premises directory, their admin should check its ImmutableID (source anchor) matches.',
    ],
    whoMustAct: 'guest',
    fixAction: 'copy-link',
  },
  // 16000 [1]: typical when a personal Microsoft account opens a page before accepting.
  'aadsts-16000': {
    code: '16000',
    title: 'Account is not a guest here yet',
    meaning:
      'The account used is not (yet) a guest in this organisation, so it cannot open this app. This often happens when a personal Microsoft account opens a page before the invitation was accepted.',
    guestSteps: [
      'Open the invitation link first and accept the invitation.',
      'When asked to choose an account, pick the one the invitation was sent to.',
    ],
    inviterSteps: [
      'Check that the guest was invited at the address they use.',
      'Send links that name your organisation (the invitation link, or My Apps with your tenant id), not general ones.',
    ],
    whoMustAct: 'guest',
    fixAction: 'copy-link',
  },
  // 50034 [1]
  'aadsts-50034': {
    code: '50034',
    title: 'Account not found',
    meaning: 'Microsoft could not find this account in the organisation. The name may be mistyped, or the sign-in went to the wrong organisation.',
    guestSteps: ['Check the address you typed for spelling mistakes.', 'Open the invitation link: it leads to the right organisation.'],
    inviterSteps: ['Check that the guest is in your directory at this address.', 'If they should have access and are not there, invite them.'],
    whoMustAct: 'guest',
    fixAction: 'copy-link',
  },
  // 51004 [1]
  'aadsts-51004': {
    code: '51004',
    title: 'Account not in this organisation',
    meaning: 'The account is not in this organisation\'s directory: the invitation has not been accepted yet, or the sign-in went to the wrong organisation.',
    guestSteps: ['Accept the invitation from its link first, then sign in again.'],
    inviterSteps: [
      'Resend the invitation, or invite the guest again if they were removed.',
      'If it happens in one app only, check which organisation (tenant) that app signs in to.',
    ],
    whoMustAct: 'inviter',
    fixAction: 'resend',
  },
  // 50014 [1]: GuestUserInPendingState.
  'aadsts-50014': {
    code: '50014',
    title: 'Invitation not accepted yet',
    meaning: 'The guest account exists but is still waiting for the invitation to be accepted, so it cannot sign in yet.',
    guestSteps: ['Open the invitation email and select Accept invitation, or use the link the inviter sends you.', 'Then sign in again.'],
    inviterSteps: ['Resend the invitation so the guest gets a new link.', 'If the email does not arrive, copy the invitation link and send it yourself.'],
    whoMustAct: 'guest',
    fixAction: 'resend',
  },
  // 500212 [1]: the guest's home tenant's outbound cross-tenant policy.
  'aadsts-500212': {
    code: '500212',
    title: 'Blocked by the guest\'s own organisation',
    meaning: 'The guest\'s own organisation does not allow its people to access this organisation (its outbound cross-tenant access settings).',
    guestSteps: ['Ask your own IT department to allow access to the inviting organisation in their outbound cross-tenant access settings.'],
    inviterSteps: ['Nothing can be fixed in your organisation: tell the guest\'s IT admin, or ask your admin to contact them.'],
    whoMustAct: 'home-admin',
    fixAction: null,
  },
  // 500213 [1]: b2bCollaborationInbound, default or per partner.
  'aadsts-500213': {
    code: '500213',
    title: 'Blocked by the inviting organisation\'s settings',
    meaning: 'The inviting organisation\'s cross-tenant access settings do not let this person, or people from their organisation, in.',
    guestSteps: ['Tell the person who invited you: only their organisation can change this.'],
    inviterSteps: [
      'Ask your Entra admin to check the inbound B2B collaboration settings in cross-tenant access, the default and any for the guest\'s organisation: they block this user, a group or the app.',
    ],
    whoMustAct: 'resource-admin',
    fixAction: null,
  },
  // 50105 [1]: the enterprise app has "Assignment required".
  'aadsts-50105': {
    code: '50105',
    title: 'Not assigned to this app',
    meaning: 'The app only lets in people who were assigned to it, and this guest was not.',
    guestSteps: ['Tell the person who invited you which app you tried to open.'],
    inviterSteps: ['Ask an admin to assign the guest, or a group the guest is in, to the app: it has Assignment required turned on.'],
    whoMustAct: 'resource-admin',
    fixAction: null,
  },
  // 65004 [1]: the fact sheet marks the link to the B2B consent page UNVERIFIED, so the wording stays careful.
  'aadsts-65004': {
    code: '65004',
    title: 'Permission was declined',
    meaning: 'Someone selected Cancel when asked to allow access.',
    guestSteps: ['Open the link again and select Accept on the permissions page.'],
    inviterSteps: [
      'Ask the guest to try again and accept.',
      'Not confirmed: whether declining the invitation\'s Review permissions page gives this code. If the guest says they accepted, check the sign-in log.',
    ],
    whoMustAct: 'guest',
    fixAction: null,
  },
  // 90094 [1]
  'aadsts-90094': {
    code: '90094',
    title: 'The app needs an administrator\'s approval',
    meaning: 'The app needs an administrator of the inviting organisation to approve it (admin consent); a guest cannot approve it.',
    guestSteps: ['Tell the person who invited you which app asked for approval.'],
    inviterSteps: ['Ask an admin of your organisation to grant admin consent for this app.'],
    whoMustAct: 'resource-admin',
    fixAction: null,
  },
  // 90095 [1]: the admin consent workflow's "request approval" page.
  'aadsts-90095': {
    code: '90095',
    title: 'Approval requested for the app',
    meaning: 'The app needs an administrator\'s approval, and the page lets the guest ask for it.',
    guestSteps: ['Send the approval request if the page offers it, and tell the person who invited you.'],
    inviterSteps: ['Ask an admin to review the request and grant admin consent for the app.'],
    whoMustAct: 'resource-admin',
    fixAction: null,
  },
  // 700016 [1]
  'aadsts-700016': {
    code: '700016',
    title: 'App not found in the organisation',
    meaning: 'The app is not set up in this organisation, or the sign-in went to the wrong organisation, for example the guest\'s own.',
    guestSteps: [SEND_ERROR_TO_INVITER],
    inviterSteps: [
      'Ask an admin to check that the app is added and consented in your organisation and that its app id is right.',
      'The app must sign in to your tenant (the authority), not to the guest\'s.',
    ],
    whoMustAct: 'resource-admin',
    fixAction: null,
  },
  // 53003 [1]
  'aadsts-53003': {
    code: '53003',
    title: 'Blocked by a security policy',
    meaning: 'A security rule of the inviting organisation (Conditional Access) blocked the sign-in, for example because of location, device, app or risk.',
    guestSteps: ['Send the person who invited you the correlation id and timestamp from the error page.'],
    inviterSteps: [
      'Ask an admin to find the sign-in in the sign-in log by its correlation id and read its Conditional Access details.',
      'The admin then adjusts the policy or which guests it covers.',
    ],
    whoMustAct: 'resource-admin',
    fixAction: null,
  },
  // 50076 [1][3][4]: the inviting organisation runs the guest's MFA unless it trusts the partner's.
  'aadsts-50076': {
    code: '50076',
    title: 'Extra sign-in check required',
    meaning: 'The inviting organisation asks for a second sign-in check (multi-factor authentication) for this access.',
    guestSteps: [
      'Complete the extra check, such as an app notification, a text or a call.',
      'If asked to set up a method for the inviting organisation, do so.',
    ],
    inviterSteps: [
      'Expected when your policies require MFA: your organisation asks guests for MFA itself unless it trusts MFA from their organisation.',
      'For guests from other Entra organisations, an admin can trust their MFA in the inbound cross-tenant settings.',
    ],
    whoMustAct: 'guest',
    fixAction: null,
  },
  // 50079 [1][4]
  'aadsts-50079': {
    code: '50079',
    title: 'Must set up an extra sign-in check',
    meaning: 'Before going in, the guest must register a second sign-in method (multi-factor authentication) with the inviting organisation.',
    guestSteps: ['Follow the prompts to set up a method, such as the Microsoft Authenticator app or a phone number.'],
    inviterSteps: [
      'Expected when your policies require MFA registration.',
      'If your organisation trusts the partner\'s MFA, an admin should exclude guests from the Identity Protection MFA registration policy.',
    ],
    whoMustAct: 'guest',
    fixAction: null,
  },
  // 50177 [1]: cause and fix are INFERENCE in the fact sheet, and the wording says so.
  'aadsts-50177': {
    code: '50177',
    title: 'Sign-in check not supported for guests',
    meaning:
      'A security rule asks guests for a kind of check they cannot do here ("external challenge"). Probably a custom or external control required by a policy, but that cause is not confirmed by Microsoft.',
    guestSteps: [SEND_ERROR_TO_INVITER],
    inviterSteps: [
      'Ask an admin to look up the attempt in the sign-in log and find the policy that requires an external or custom control.',
      'Likely fix, not confirmed by Microsoft: use the built-in MFA for guests instead.',
    ],
    whoMustAct: 'resource-admin',
    fixAction: null,
  },
  // 1000104 [1][4][5]: cross-cloud B2B (e.g. commercial and US Government) must be enabled on both sides.
  'aadsts-1000104': {
    code: '1000104',
    title: 'Organisations in different Microsoft clouds',
    meaning:
      'The guest\'s organisation and the inviting organisation are in different Microsoft clouds (for example commercial and US Government), and access between them is not turned on.',
    guestSteps: ['Nothing to fix on your side alone: tell your IT department and the person who invited you; both organisations must turn this on.'],
    inviterSteps: [
      'Admins of both organisations must enable each other\'s cloud in the Microsoft cloud settings of cross-tenant access.',
      'Then invite the guest by their user principal name (UPN).',
    ],
    whoMustAct: 'both-admins',
    fixAction: null,
  },
  // 500571 [6]: accountEnabled=false after a review, a clean-up or a mistake.
  'aadsts-500571': {
    code: '500571',
    title: 'Guest account is turned off',
    meaning: 'The guest\'s account in the inviting organisation is disabled, for example after an access review or a clean-up.',
    guestSteps: ['Ask the person who invited you to turn your account back on.'],
    inviterSteps: ['Ask an admin to check why the account was disabled, and to enable it again if the guest should still have access.'],
    whoMustAct: 'resource-admin',
    fixAction: null,
  },
  // 50107 [7]: SAML/WS-Fed federation; the issuer in the response differs from the configured one.
  'aadsts-50107': {
    code: '50107',
    title: 'Federation settings do not match',
    meaning:
      'The guest signs in through their organisation\'s own sign-in service (SAML or WS-Fed federation), and the name it sends (issuer) differs from the one set up in the inviting organisation.',
    guestSteps: [SEND_ERROR_TO_INVITER],
    inviterSteps: ['Ask an admin to make the issuer URI in your federation setup for the guest\'s domain match the issuer the partner\'s sign-in service sends.'],
    whoMustAct: 'resource-admin',
    fixAction: null,
  },
  // 65005 [8]: the guest's home is an abandoned "viral" tenant; unmanaged accounts can no longer redeem (paths sheet).
  'aadsts-65005': {
    code: '65005',
    title: 'Guest\'s organisation has no administrator',
    meaning:
      'The guest\'s account belongs to an unmanaged organisation that was created automatically and has no administrator, so it cannot be used here.',
    guestSteps: [
      'Tell the person who invited you; they can reset your invitation so you accept it again another way.',
      'If your company owns your email domain, its IT can take over the unmanaged organisation (admin takeover).',
    ],
    inviterSteps: [
      'Reset the guest\'s redemption so they accept again with another sign-in method.',
      'Or the guest\'s company takes over its unmanaged domain.',
    ],
    whoMustAct: 'home-admin',
    fixAction: 'reset-redemption',
  },
  // 90071 [8]: belongs to Teams shared channels (B2B direct connect), not to B2B guests.
  'aadsts-90071': {
    code: '90071',
    title: 'Admin must accept the partner\'s MFA (shared channels)',
    meaning:
      'This comes from Teams shared channels (B2B direct connect), not from guest invitations: an admin must set the organisation to accept the other organisation\'s MFA.',
    guestSteps: ['Nothing to fix on your side: tell the person who added you to the shared channel.'],
    inviterSteps: ['Ask an admin to trust MFA from the partner organisation in the cross-tenant access settings.'],
    whoMustAct: 'resource-admin',
    fixAction: null,
  },
  // 500141 [1]: cause and guest advice are INFERENCE in the fact sheet.
  'aadsts-500141': {
    code: '500141',
    title: 'Invitation accepted outside the app',
    meaning:
      'The invitation was accepted, but the sign-in was not started by the app being opened. Probably the acceptance happened outside the app\'s own sign-in (not confirmed by Microsoft).',
    guestSteps: ['Likely fix, not confirmed by Microsoft: close the page, reopen Teams or the app, and sign in again.'],
    inviterSteps: ['Usually nothing to do. If it keeps happening, look up the attempt in the sign-in log by its correlation id.'],
    whoMustAct: 'guest',
    fixAction: null,
  },

  // ---- Situations without a code ---------------------------------------------------------------------------

  // [9][10][8]; sender addresses for the three clouds. Graph mails only with sendInvitationMessage: true.
  'invitation-not-received': {
    code: null,
    title: 'Invitation email not received',
    meaning:
      'The invitation email has not reached the guest. It comes from invites@microsoft.com (Microsoft Invitations on behalf of the organisation), and may be in spam or quarantine, may not have been sent, or the guest once chose to block invitations from this organisation.',
    guestSteps: [
      'Look in spam, junk and quarantine for mail from invites@microsoft.com, and add it to your safe senders.',
      'If you once selected Block future invitations, unblock the organisation at https://invitations.microsoft.com/unsubscribe/manage (you sign in with a one-time code).',
      'Or ask the person who invited you to send you the invitation link directly.',
    ],
    inviterSteps: [
      'Resend the invitation, or copy the invitation link and send it to the guest yourself.',
      'An invitation made by an app only gets an email if the app asked for one: check it did.',
      'If the mail was quarantined, ask your mail admin to release it.',
    ],
    whoMustAct: 'guest',
    fixAction: 'resend',
  },
  // [8]: dropped when the inviter has no mailbox in the tenant or an app sent the invitation (this bot's default).
  'custom-message-missing': {
    code: null,
    title: 'Personal message missing from the invitation',
    meaning:
      'Microsoft leaves the personal message out of its invitation email when an app (such as this bot) sends it, or when the inviter has no mailbox in the organisation.',
    guestSteps: ['Nothing to do: the invitation link works without the message.'],
    inviterSteps: ['Copy the invitation link and send it to the guest with your own message.'],
    whoMustAct: 'inviter',
    fixAction: 'copy-link',
  },
  // [9][11]: invitations do not expire; the link keeps working after redemption.
  'link-expired-or-used': {
    code: null,
    title: 'Invitation link seems expired or already used',
    meaning: 'Invitations do not expire, and the link keeps working after it was accepted: it is also the way back into the organisation.',
    guestSteps: [
      'Open the same link again, or a link from the inviter that names the organisation.',
      'Sign in with the invited account; a private (incognito) window avoids being signed in with another one.',
    ],
    inviterSteps: ['Send the guest the invitation link again.', 'If someone accepted the invitation with the wrong account, reset the redemption.'],
    whoMustAct: 'guest',
    fixAction: 'copy-link',
  },
  // [2][12][5]
  'wrong-account-signed-in': {
    code: null,
    title: 'Signed in with the wrong account',
    meaning: 'The browser signed in on its own with another account, such as a work account instead of a personal one, or another Gmail account.',
    guestSteps: [
      'Open the link in a private (incognito) window, or sign out of your other accounts first.',
      'Pick the account the invitation was sent to. If you are signed in with a work account but should get a one-time code, choose Use another account.',
    ],
    inviterSteps: ['Nothing to change before the guest accepts. If they already accepted with the wrong account, reset their redemption.'],
    whoMustAct: 'guest',
    fixAction: null,
  },
  // [13]: redemption binds the guest object to whichever identity completed it; reset keeps memberships.
  'redeemed-with-wrong-account': {
    code: null,
    title: 'Invitation accepted with the wrong account',
    meaning: 'Accepting an invitation ties the guest to whichever account accepted it. If that was the wrong one, only a reset lets the right account accept.',
    guestSteps: ['Tell the person who invited you which account should have been used.', 'After the reset, accept again with that account, in a private window.'],
    inviterSteps: [
      'Reset the guest\'s redemption; they then accept again with the right account. Their group and team memberships are kept.',
      'Resetting needs the Helpdesk or User Administrator role, or an app with User.ReadWrite.All.',
    ],
    whoMustAct: 'inviter',
    fixAction: 'reset-redemption',
  },
  // [14][15][16]
  'cannot-find-organisation': {
    code: null,
    title: 'Cannot find the organisation or team in Teams',
    meaning:
      'The organisation shows in Teams only after the invitation is accepted, and access to a new team can take hours. Guest access in Teams may also be turned off.',
    guestSteps: [
      'Accept the invitation first, from the email or in Teams (profile picture, then Accept invitation).',
      'Switch organisation: select your profile picture in Teams and choose the organisation.',
      'If you were just added to a team, wait a few hours, then sign out of Teams and back in.',
    ],
    inviterSteps: [
      'Check the guest accepted: their status should be Accepted, not PendingAcceptance.',
      'Ask an admin to check that guest access is on in Teams and in the Microsoft 365 Groups guest settings.',
    ],
    whoMustAct: 'guest',
    fixAction: null,
  },
  // [12]: code valid 30 minutes, session 24 hours; guests with an Entra, Microsoft or federated account get no code.
  'passcode-problem': {
    code: null,
    title: 'One-time passcode not arriving or not accepted',
    meaning:
      'A one-time passcode works for 30 minutes, then a new one is needed. People who already have a work, Microsoft or federated account get no code: they are sent to that account\'s sign-in instead.',
    guestSteps: [
      'Look in spam and junk for the code, and request a new one if 30 minutes have passed.',
      'Check the code goes to the address the invitation was sent to.',
      'If you are sent to another sign-in page, sign in with that account instead.',
    ],
    inviterSteps: [
      'Ask an admin to check that email one-time passcode is allowed for guests (allowExternalIdToUseEmailOtp).',
      'If the guest is stuck with another sign-in method, consider resetting their redemption.',
    ],
    whoMustAct: 'guest',
    fixAction: null,
  },
  // [17]: Google blocks embedded web views; Entra falls back to a device code. Also "Header too long".
  'gmail-embedded-sign-in': {
    code: null,
    title: 'Gmail sign-in fails inside Teams',
    meaning:
      'Google does not allow its sign-in inside apps such as the Teams desktop app, so Microsoft shows a device code instead. A "Header too long" error comes from old cookies.',
    guestSteps: [
      'If a code is shown, open https://microsoft.com/devicelogin in a browser and enter it.',
      'Or use Teams in a web browser.',
      'For "Header too long", clear the browser\'s cookies or use a private (incognito) window.',
    ],
    inviterSteps: [
      'If this happens often, an admin can prefer one-time passcodes for Gmail guests: remove Google federation, then reset those guests\' redemption.',
    ],
    whoMustAct: 'guest',
    fixAction: null,
  },
  // [18][19]: aliases and emails other than the home UPN redeem only through the email link.
  'alias-or-email-not-upn': {
    code: null,
    title: 'Invited at an address that is not the sign-in name',
    meaning:
      'The guest was invited at an alias, or at an email that differs from the name they sign in with (UPN). Such invitations work only through the invitation link itself.',
    guestSteps: [
      'Accept through the link in the invitation, not another link.',
      'Afterwards sign in with your usual sign-in name: signing in with the email works only if your organisation accepts email as an alternate login ID.',
    ],
    inviterSteps: ['Send the guest the invitation link itself.', 'Where possible, invite the guest\'s sign-in name (UPN) rather than an alias.'],
    whoMustAct: 'guest',
    fixAction: 'copy-link',
  },
  // [8]
  'proxy-address-conflict': {
    code: null,
    title: 'Email address conflicts with another directory object',
    meaning:
      'The guest was created, but another object in the directory, often a mail contact, already uses the email address, so the guest has no email addresses (proxyAddresses).',
    guestSteps: ['Nothing to do on your side.'],
    inviterSteps: [
      'Ask an admin to find and remove the contact or address that uses the same email.',
      'Acceptance also matches the invited email, so the guest can usually still accept meanwhile.',
    ],
    whoMustAct: 'resource-admin',
    fixAction: null,
  },
  // [8]: tenant restrictions in the guest's network.
  'network-restricts-organisations': {
    code: null,
    title: 'The guest\'s network blocks this organisation',
    meaning:
      'The network the guest uses, usually their employer\'s, restricts which organisations can be signed in to ("Your network administrator has restricted what organizations can be accessed").',
    guestSteps: ['Ask your own IT department to allow the inviting organisation in their tenant restrictions.'],
    inviterSteps: ['Nothing to fix in your organisation: the guest\'s IT department controls this.'],
    whoMustAct: 'home-admin',
    fixAction: null,
  },
  // [12]
  'passcode-turned-off-after-redemption': {
    code: null,
    title: 'One-time passcode turned off after guests used it',
    meaning: 'Guests who accepted with a one-time passcode can no longer sign in once one-time passcodes are turned off.',
    guestSteps: ['Tell the person who invited you: they must reset your invitation, then you accept it again.'],
    inviterSteps: ['Reset the redemption of each guest who signed in with a one-time passcode, so they accept again with another method.'],
    whoMustAct: 'resource-admin',
    fixAction: 'reset-redemption',
  },
} as const satisfies Record<string, HelpText>;

export type HelpKey = keyof typeof HELP_TABLE;
export type SituationKey = Exclude<HelpKey, `aadsts-${string}`>;

export interface HelpEntry extends HelpText {
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
