/** Cards of the intake flow: the invite form, the review of a batch, and the batch's status once sent. */
import { describeAddressProblem } from '../domain/addresses/address-problems.js';
import {
  flaggedEntries,
  readyEntries,
  type AttentionReason,
  type EntryOutcome,
  type InviteBatch,
  type ReviewEntry,
} from '../domain/invitations/batch.js';
import { renderCard, type AdaptiveCard } from './render.js';

export const MAX_PERSONAL_MESSAGE_LENGTH = 1000;
/** Rows per review page: keeps every page well under Teams' 28 KB card limit, even with long names. */
export const REVIEW_PAGE_SIZE = 25;
/** Rows listed on a status card; the rest are counted. */
const STATUS_ROWS = 50;
export const OTHER_REDIRECT = 'other';

export const INVITATION_LANGUAGES = [
  { title: 'English (United States)', value: 'en-US' },
  { title: 'English (United Kingdom)', value: 'en-GB' },
  { title: 'Deutsch', value: 'de-DE' },
  { title: 'Español', value: 'es-ES' },
  { title: 'Français', value: 'fr-FR' },
  { title: 'Italiano', value: 'it-IT' },
  { title: 'Nederlands', value: 'nl-NL' },
  { title: 'Português (Brasil)', value: 'pt-BR' },
  { title: 'Polski', value: 'pl-PL' },
  { title: 'Svenska', value: 'sv-SE' },
  { title: '日本語', value: 'ja-JP' },
  { title: '中文(简体)', value: 'zh-CN' },
] as const;

export interface FormValues {
  readonly addresses: string;
  readonly personalMessage: string;
  readonly redirectChoice: string;
  readonly redirectOther: string;
  readonly cc: string;
  readonly language: string;
}

export interface FormContext {
  readonly redirectChoices: readonly { readonly title: string; readonly url: string }[];
  readonly sendInvitationEmail: boolean;
}

export function inviteFormCard(context: FormContext, values: Partial<FormValues> = {}, errors: readonly string[] = []): AdaptiveCard {
  return renderCard('invite-form', {
    addresses: values.addresses ?? '',
    personalMessage: values.personalMessage ?? '',
    redirectChoice: values.redirectChoice ?? context.redirectChoices[0]?.url ?? OTHER_REDIRECT,
    redirectOther: values.redirectOther ?? '',
    cc: values.cc ?? '',
    language: values.language ?? 'en-US',
    redirectChoices: [...context.redirectChoices.map((choice) => ({ title: choice.title, value: choice.url })), { title: 'Other (type it below)', value: OTHER_REDIRECT }],
    languages: INVITATION_LANGUAGES,
    maxMessageLength: MAX_PERSONAL_MESSAGE_LENGTH,
    deliveryNote: context.sendInvitationEmail
      ? "Microsoft sends the invitation email. Microsoft leaves personal notes out of invitations that an app sends, so your note is kept with the batch but does not reach the guest in this email."
      : 'No email is sent: you get each redemption link to pass on with your note.',
    errors,
  });
}

const ATTENTION_HEADINGS: Record<AttentionReason, string> = {
  'invalid-address': 'Not valid addresses',
  'missing-at': 'Not addresses (no @)',
  'own-domain': 'Already in your organisation (your own domains)',
  'blocked-domain': 'Blocked domains',
  'not-allowed-domain': 'Domains not on the allowed list',
  'existing-guest': 'Already guests: no new invitation',
  'existing-member': 'Members of your organisation',
  'already-invited': 'Already invited with Guest Invites',
};

const ATTENTION_ORDER = Object.keys(ATTENTION_HEADINGS) as AttentionReason[];

function attentionNote(entry: ReviewEntry): string {
  switch (entry.attention) {
    case 'invalid-address':
      return entry.problem ? describeAddressProblem(entry.problem, entry.detail) : 'Not a valid address.';
    case 'missing-at':
      return 'Has no "@".';
    case 'own-domain':
      return `${entry.detail ?? 'This'} is your organisation's domain.`;
    case 'blocked-domain':
      return `Matches the blocked domain ${entry.detail ?? ''}.`.replace(' .', '.');
    case 'not-allowed-domain':
      return 'Your organisation only invites from its allowed domains.';
    case 'existing-guest':
    case 'already-invited':
      return entry.guestState === 'Accepted' ? 'Accepted.' : 'Has not accepted yet.';
    case 'existing-member':
      return 'Signs in with a work account here.';
    case undefined:
      return '';
  }
}

export function reviewCard(batch: InviteBatch, page = 0, notice = ''): AdaptiveCard {
  const ready = readyEntries(batch);
  const flagged = flaggedEntries(batch);
  const ordered = [...ready, ...ATTENTION_ORDER.flatMap((reason) => flagged.filter((entry) => entry.attention === reason))];
  const pageCount = Math.max(1, Math.ceil(ordered.length / REVIEW_PAGE_SIZE));
  const current = Math.min(Math.max(0, page), pageCount - 1);
  const slice = ordered.slice(current * REVIEW_PAGE_SIZE, (current + 1) * REVIEW_PAGE_SIZE);
  const mergedCount = batch.entries.reduce((sum, entry) => sum + entry.occurrences - 1, 0);

  return renderCard('review', {
    batchId: batch.batchId,
    title: 'Review before sending',
    summary: `${plural(ready.length, 'address')} ready to invite${flagged.length ? `, ${flagged.length} need${flagged.length === 1 ? 's' : ''} attention (not sent)` : ''}.`,
    merged: mergedCount > 0 ? `${plural(mergedCount, 'duplicate')} merged (the same address, in any case).` : '',
    settings: [
      { label: 'Landing page', value: batch.options.redirectUrl },
      { label: 'Email language', value: batch.options.messageLanguage },
      ...(batch.options.ccAddress ? [{ label: 'Copy to', value: batch.options.ccAddress }] : []),
      ...(batch.options.personalMessage ? [{ label: 'Personal note', value: batch.options.personalMessage }] : []),
    ],
    groups: groupRows(slice),
    page: current,
    pageCount,
    ready: ready.length,
    flagged: flagged.length,
    sendTitle: `Send ${ready.length === 1 ? 'invitation' : `${ready.length} invitations`}`,
    notice,
  });
}

function groupRows(entries: readonly ReviewEntry[]) {
  const groups: { heading: string; style: string; rows: { name: string; address: string; note: string }[] }[] = [];
  for (const entry of entries) {
    const heading = entry.attention ? ATTENTION_HEADINGS[entry.attention] : 'Ready to invite';
    let group = groups.at(-1);
    if (group?.heading !== heading) {
      group = { heading, style: entry.attention ? 'warning' : 'good', rows: [] };
      groups.push(group);
    }
    group.rows.push({ name: entry.displayName ?? '', address: entry.address, note: attentionNote(entry) });
  }
  return groups;
}

const OUTCOME_HEADINGS: Record<EntryOutcome, string> = {
  invited: 'Invited',
  'already-invited': 'Already invited',
  'existing-guest': 'Already guests',
  'existing-member': 'Already in your organisation',
  refused: 'Not sent (needed attention)',
  failed: 'Failed',
};

export function batchStatusCard(batch: InviteBatch, sendInvitationEmail: boolean): AdaptiveCard {
  if (batch.state === 'Cancelled') {
    return renderCard('batch-status', { style: 'default', title: 'Cancelled', summary: 'Nothing was sent.', counts: [], groups: [], more: '', next: '' });
  }
  if (batch.state !== 'Done') {
    const count = readyEntries(batch).length;
    return renderCard('batch-status', {
      style: 'accent',
      title: `Sending ${plural(count, 'invitation')}…`,
      summary: 'This card changes to the result when every invitation has been sent.',
      counts: [],
      groups: [],
      more: '',
      next: '',
    });
  }
  const order = Object.keys(OUTCOME_HEADINGS) as EntryOutcome[];
  const counts = order
    .map((outcome) => ({ label: OUTCOME_HEADINGS[outcome], value: String(batch.results.filter((r) => r.outcome === outcome).length) }))
    .filter((count) => count.value !== '0');
  const listed = order.flatMap((outcome) => batch.results.filter((r) => r.outcome === outcome)).slice(0, STATUS_ROWS);
  const groups = order
    .map((outcome) => ({
      heading: OUTCOME_HEADINGS[outcome],
      rows: listed.filter((r) => r.outcome === outcome).map((r) => ({ address: r.address, note: outcomeNote(r.outcome, r.reason) })),
    }))
    .filter((group) => group.rows.length > 0);
  const invited = batch.results.filter((r) => r.outcome === 'invited').length;
  const failed = batch.results.filter((r) => r.outcome === 'failed').length;
  return renderCard('batch-status', {
    style: failed > 0 ? 'warning' : 'good',
    title: invited === 1 ? 'Invitation sent' : `${plural(invited, 'invitation')} sent`,
    summary: sendInvitationEmail
      ? 'Microsoft has emailed each invited guest an invitation with an Accept link.'
      : 'No email was sent: share each guest’s redemption link yourself.',
    counts,
    groups,
    more: batch.results.length > STATUS_ROWS ? `${batch.results.length - STATUS_ROWS} more not listed.` : '',
    next: failed > 0 ? 'Failed addresses can be invited again: nobody is ever invited twice.' : '',
  });
}

function outcomeNote(outcome: EntryOutcome, reason: string | undefined): string {
  if (outcome === 'refused' && reason && reason in ATTENTION_HEADINGS) return ATTENTION_HEADINGS[reason as AttentionReason];
  return reason ?? '';
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : noun.endsWith('s') ? 'es' : 's'}`;
}
