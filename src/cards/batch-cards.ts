/** Cards of the intake flow: the invite form, the review of a batch, and the batch's status once sent. */
import { guestCareSection } from './guest-care-cards.js';
import type { Translator } from '../i18n/translator.js';
import { describeAddressProblem } from '../domain/addresses/address-problems.js';
import {
  flaggedEntries,
  readyEntries,
  type AttentionReason,
  type EntryOutcome,
  type EntryResult,
  type InviteBatch,
  type ReviewEntry,
} from '../domain/invitations/batch.js';
import { isSettledOutcome, outcomesInOrder, progressOf, type BatchProgress } from '../domain/invitations/send-work.js';
import type { PathPrediction, PredictionWarning } from '../domain/redemption/predict-path.js';
import { guestSteps, predictionLabel, signInLine, warningText } from '../domain/redemption/path-guide.js';
import type { InvitationState } from '../domain/invitations/invitation.js';
import { FIX_ACTION_NAMES, offeredFixes } from '../domain/use-cases/fix-invitation.js';
import { carriesPersonalNote, type DeliveryMode } from '../domain/use-cases/send-work.js';
import { describeApprovalReason } from '../domain/policy/approval-rules.js';
import { renderCard, type AdaptiveCard } from './render.js';

export const MAX_PERSONAL_MESSAGE_LENGTH = 1000;
/** Rows per review page: keeps every page well under Teams' 28 KB card limit, even with long names. */
export const REVIEW_PAGE_SIZE = 25;
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

/** The landing pages an administrator named (INVITE_REDIRECT_CHOICES), to show a page by its name. */
export interface LandingPages {
  readonly redirectChoices: readonly { readonly title: string; readonly url: string }[];
}

export interface FormContext extends LandingPages {
  readonly delivery: DeliveryMode;
}

/** "My Apps" for a page an administrator named; otherwise its host and path (the query, e.g. a tenant id, helps nobody). */
export function landingPageName(url: string, pages: LandingPages): string {
  const named = pages.redirectChoices.find((choice) => choice.url === url);
  if (named) return named.title;
  try {
    const { host, pathname } = new URL(url);
    return `${host}${pathname.replace(/\/$/, '')}`;
  } catch {
    return url;
  }
}

const LANGUAGE_NAMES = new Intl.DisplayNames(['en'], { type: 'language', languageDisplay: 'standard' });

/** "English (United States)" for en-US: the code as typed when it names no language. */
export function languageName(code: string): string {
  try {
    return LANGUAGE_NAMES.of(code) ?? code;
  } catch {
    return code;
  }
}

/** Under the note field (mailbox), or instead of it: where a note cannot travel, the form says how to make it travel. */
const DELIVERY_NOTES: Record<DeliveryMode, string> = {
  microsoft:
    'Microsoft emails the invitation and drops personal notes from invitations an app sends: for a note to reach guests, an administrator sets the mailbox delivery (INVITATION_DELIVERY=mailbox).',
  mailbox: 'Your organisation’s invitation mailbox emails each guest your note with the Accept link.',
  link: 'No email is sent: you get each guest’s Accept link to pass on in your own words.',
};

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
    offersNote: carriesPersonalNote(context.delivery),
    deliveryNote: DELIVERY_NOTES[context.delivery],
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
  'inbound-blocked': 'Organisations your cross-tenant access settings block',
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
    case 'inbound-blocked':
      return `${entry.prediction?.via ?? 'This organisation'} could not accept (AADSTS500213): an administrator must allow B2B collaboration with it.`;
    case undefined: {
      const signsIn = entry.prediction ? signInLine(entry.prediction) : '';
      return entry.outsideAllowedDomains ? `Outside the allowed domains: an administrator approves it first. ${signsIn}`.trim() : signsIn;
    }
  }
}

export function reviewCard(batch: InviteBatch, landingPages: LandingPages, page = 0, notice = '', words?: Translator): AdaptiveCard {
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
      { label: 'Landing page', value: landingPageName(batch.options.redirectUrl, landingPages) },
      { label: 'Email language', value: languageName(batch.options.messageLanguage) },
      ...(batch.options.ccAddress ? [{ label: 'Copy to', value: batch.options.ccAddress }] : []),
      ...(batch.options.personalMessage ? [{ label: 'Personal note', value: batch.options.personalMessage }] : []),
    ],
    groups: groupRows(slice),
    care: guestCareSection(batch, words),
    signInNotes: signInNotes(ready),
    page: current,
    pageCount,
    ready: ready.length,
    flagged: flagged.length,
    sendTitle: `Send ${ready.length === 1 ? 'invitation' : `${ready.length} invitations`}`,
    dropTitle: flagged.length === 1 ? 'Drop the flagged address' : `Drop the ${flagged.length} flagged addresses`,
    notice,
  });
}

/** Addresses named in a note before the rest are counted. */
const NAMED_IN_A_NOTE = 3;

/** Each warning once, naming the ready addresses it concerns. */
function signInNotes(ready: readonly ReviewEntry[]): { addresses: string; text: string }[] {
  const concerned = new Map<PredictionWarning, string[]>();
  for (const entry of ready) for (const warning of entry.prediction?.warnings ?? []) concerned.set(warning, [...(concerned.get(warning) ?? []), entry.address]);
  return [...concerned].map(([warning, addresses]) => ({
    addresses: addresses.slice(0, NAMED_IN_A_NOTE).join(', '),
    text: `${addresses.length > NAMED_IN_A_NOTE ? ` and ${plural(addresses.length - NAMED_IN_A_NOTE, 'other')}` : ''}: ${warningText(warning)}`,
  }));
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
  failed: 'Failed',
  invited: 'Invited',
  'already-invited': 'Already invited with Guest Invites',
  'existing-guest': 'Already guests',
  'existing-member': 'Already in your organisation',
};

const DELIVERY_SUMMARIES: Record<DeliveryMode, string> = {
  microsoft: 'Microsoft has emailed the invitation, with an Accept link, to every guest invited.',
  mailbox: 'Your organisation’s invitation mailbox has emailed every guest invited, with your note and the Accept link.',
  link: 'No email was sent: pass each guest their own Accept link below. Anyone who opens a link can accept with their own account, so send each link only to its guest.',
};

/** Above the sign-in guides: only with link delivery does the guest hear nothing from Microsoft or the mailbox. */
const GUIDES_INTROS: Record<DeliveryMode, string> = {
  microsoft: 'Microsoft emailed each guest; if one asks how to sign in, the details are here.',
  mailbox: 'The invitation email explains how to sign in; the details are here too.',
  link: 'Pass this on with each Accept link: how the guest signs in.',
};

/** Links are secrets of a kind (whoever opens one first becomes the guest), so they stay out of shared chats. */
const LINKS_ONLY_IN_PERSONAL_CHAT =
  'No email was sent. The Accept links are shown only in a personal chat with me, because anyone who opens one can accept the invitation: send link invitations from our personal chat.';

interface StatusRow {
  readonly heading: string;
  readonly name: string;
  readonly address: string;
  readonly note: string;
  readonly fixes: readonly { readonly title: string; readonly address: string; readonly action: string }[];
}

/** The batch's one card in the chat: progress while sending, the pause and what to do, then the result. */
export function batchStatusCard(batch: InviteBatch, outcomes: readonly EntryResult[], delivery: DeliveryMode, page = 0): AdaptiveCard {
  const base = {
    batchId: batch.batchId, quote: approvalQuote(batch), counts: [], groups: [], guides: [], guidesIntro: '', page: 0, pageCount: 1, next: '',
    canRetry: false, canResume: false, canWithdraw: false, retryTitle: '', finished: false,
  };
  if (batch.state === 'Cancelled') {
    const withdrawn = batch.approval !== undefined;
    return renderCard('batch-status', { ...base, style: 'default', title: withdrawn ? 'Request withdrawn' : 'Cancelled', summary: 'Nothing was sent.' });
  }
  const approval = batch.approval;
  if (batch.state === 'AwaitingApproval' && approval) {
    return renderCard('batch-status', {
      ...base,
      style: 'accent',
      title: `Waiting for an administrator: ${plural(readyEntries(batch).length, 'invitation')}`,
      summary: `${approval.reasons.map(describeApprovalReason).join(' ')} Nothing has been sent; this card changes when an administrator decides.`,
      canWithdraw: true,
    });
  }
  if (batch.state === 'Rejected' && approval?.decision) {
    return renderCard('batch-status', { ...base, style: 'attention', title: 'Not approved', summary: 'An administrator did not approve sending these invitations. Nothing was sent.' });
  }
  const progress = progressOf(batch, outcomes);
  const counts = progressFacts(progress, flaggedEntries(batch).length, outcomes);
  if (batch.state === 'Sending' || batch.state === 'Draft') {
    const decided = progress.total - progress.remaining;
    return renderCard('batch-status', {
      ...base,
      style: 'accent',
      title: `Sending ${plural(progress.total, 'invitation')}… ${decided} of ${progress.total} done`,
      summary: 'This card keeps count while the invitations go out, at the pace Microsoft Graph allows, and shows the result when every address has been tried.',
      counts,
      ...paged(outcomeRows(batch, outcomes, { showLinks: false, offerFixes: false }), page),
    });
  }
  if (batch.state === 'Paused') {
    const resumesAt = batch.pause?.resumesAt;
    return renderCard('batch-status', {
      ...base,
      style: 'warning',
      title: `Paused: ${progress.remaining} of ${progress.total} not sent yet`,
      summary: batch.pause?.message ?? 'Sending is paused.',
      counts,
      ...paged(outcomeRows(batch, outcomes, { showLinks: false, offerFixes: false }), page),
      next: resumesAt ? `Sending goes on by itself after ${resumesAt.slice(0, 16).replace('T', ' ')} UTC.` : 'Nothing is lost: Resume sends the rest, and nobody is invited twice.',
      canResume: !resumesAt,
    });
  }
  const ordered = outcomesInOrder(batch, outcomes).filter((result) => isSettledOutcome(result, batch.round));
  const showLinks = delivery === 'link' && batch.conversationType === 'personal';
  return renderCard('batch-status', {
    ...base,
    style: progress.failed > 0 ? 'warning' : 'good',
    title: progress.invited === 1 ? 'Invitation sent' : `${plural(progress.invited, 'invitation')} sent`,
    summary: progress.invited === 0 ? 'Nobody new was invited.' : delivery === 'link' && !showLinks ? LINKS_ONLY_IN_PERSONAL_CHAT : DELIVERY_SUMMARIES[delivery],
    counts,
    ...paged([...outcomeRows(batch, outcomes, { showLinks, offerFixes: true }), ...refusedRows(batch)], page),
    ...pathGuides(batch, ordered, delivery),
    next: progress.failed > 0 ? 'Retry sends the failed addresses again: the bot checks the directory first, so nobody is invited twice.' : '',
    canRetry: progress.failed > 0,
    retryTitle: `Retry ${progress.failed === 1 ? 'the failed invitation' : `${progress.failed} failed`}`,
    finished: true,
  });
}

const OUTCOME_KEYS = Object.keys(OUTCOME_HEADINGS) as EntryOutcome[];

/** Each decided address under its outcome, with its name and, once the batch is done and where it applies, Resend. */
function outcomeRows(batch: InviteBatch, outcomes: readonly EntryResult[], view: { readonly showLinks: boolean; readonly offerFixes: boolean }): StatusRow[] {
  const names = new Map(batch.entries.map((entry) => [entry.address, entry.displayName ?? '']));
  const settled = outcomesInOrder(batch, outcomes).filter((result) => isSettledOutcome(result, batch.round));
  return OUTCOME_KEYS.flatMap((outcome) =>
    settled
      .filter((result) => result.outcome === outcome)
      .map((result) => ({
        heading: OUTCOME_HEADINGS[outcome],
        name: names.get(result.address) ?? '',
        address: result.address,
        note: noteOf(result, view.showLinks),
        // The rest of the fixes (the link, Withdraw) are a status away: a just-sent card offers the one people reach for.
        fixes: (view.offerFixes ? offeredFixes({ state: stateOf(result) }) : [])
          .filter((action) => action === 'resend')
          .map((action) => ({ title: FIX_ACTION_NAMES[action], address: result.address, action })),
      })),
  );
}

/** What an invitation record would say of this address, as far as the batch knows. */
function stateOf(result: EntryResult): InvitationState {
  if (result.guest === 'accepted') return 'Accepted';
  if (result.guest === 'removed') return 'Removed';
  return result.outcome === 'invited' ? 'PendingAcceptance' : result.outcome === 'failed' ? 'Failed' : 'Accepted';
}

function paged(rows: readonly StatusRow[], page: number) {
  const pageCount = Math.max(1, Math.ceil(rows.length / REVIEW_PAGE_SIZE));
  const current = Math.min(Math.max(0, page), pageCount - 1);
  const shown = rows.slice(current * REVIEW_PAGE_SIZE, (current + 1) * REVIEW_PAGE_SIZE);
  const headings = [...new Set(shown.map((row) => row.heading))];
  return {
    groups: headings.map((heading) => ({ heading, rows: shown.filter((row) => row.heading === heading).map(({ heading: _heading, ...row }) => row) })),
    page: current,
    pageCount,
  };
}

/** The steps of the predicted path, and the branch taken otherwise in one line. */
function guideSteps(prediction: PathPrediction): { text: string }[] {
  const steps = guestSteps(prediction.path, prediction.via).map((text, i) => ({ text: `${i + 1}. ${text}` }));
  if (!prediction.otherwise) return steps;
  const condition = prediction.path === 'entra' ? 'Without a work account there' : 'With a personal Microsoft account for the address';
  const otherwise = guestSteps(prediction.otherwise.path, prediction.otherwise.via).filter((step) => !step.startsWith('Open the invitation link') && !step.startsWith('Accept the permissions'));
  return [...steps, { text: `${condition}: ${otherwise.join(' ')}` }];
}

/** One short guide per redemption path among the invited guests, shown on demand. */
function pathGuides(batch: InviteBatch, results: readonly EntryResult[], delivery: DeliveryMode) {
  const predictions = new Map(batch.entries.map((entry) => [entry.address, entry.prediction]));
  const guides = new Map<string, { heading: string; addresses: string[]; steps: { text: string }[] }>();
  for (const result of results) {
    const prediction = result.outcome === 'invited' ? predictions.get(result.address) : undefined;
    if (!prediction) continue;
    const label = predictionLabel(prediction);
    const guide = guides.get(label) ?? { heading: label, addresses: [], steps: guideSteps(prediction) };
    guide.addresses.push(result.address);
    guides.set(label, guide);
  }
  return {
    guides: [...guides.values()].map((guide) => ({
      heading: `${guide.heading}: ${guide.addresses.slice(0, NAMED_IN_A_NOTE).join(', ')}${guide.addresses.length > NAMED_IN_A_NOTE ? ` and ${plural(guide.addresses.length - NAMED_IN_A_NOTE, 'other')}` : ''}`,
      steps: guide.steps,
    })),
    guidesIntro: guides.size === 0 ? '' : GUIDES_INTROS[delivery],
  };
}

function noteOf(result: EntryResult, showLinks: boolean): string {
  if (result.guest === 'accepted') return 'Accepted.';
  if (result.guest === 'removed') return 'No longer in your directory.';
  if (showLinks && result.redeemUrl) return `Accept link: ${result.redeemUrl}`;
  return result.reason ?? '';
}
const REFUSED_HEADING = 'Not sent (needed attention)';

/** What happened so far; a count of nothing is left out (a finished card has nothing remaining). */
function progressFacts(progress: BatchProgress, flagged: number, outcomes: readonly EntryResult[]) {
  return [
    { label: 'Invited', value: progress.invited },
    { label: 'Accepted so far', value: outcomes.filter((result) => result.guest === 'accepted').length },
    { label: 'Removed from the directory since', value: outcomes.filter((result) => result.guest === 'removed').length },
    { label: 'Already there (not invited again)', value: progress.alreadyThere },
    { label: 'Failed', value: progress.failed },
    { label: 'Remaining', value: progress.remaining },
    { label: REFUSED_HEADING, value: flagged },
  ]
    .filter((fact) => fact.value > 0)
    .map((fact) => ({ label: fact.label, value: String(fact.value) }));
}

/** The addresses the review flagged, with the same rule text the review gave them. */
function refusedRows(batch: InviteBatch): StatusRow[] {
  return flaggedEntries(batch).map((entry) => ({
    heading: REFUSED_HEADING,
    name: entry.displayName ?? '',
    address: entry.address,
    note: attentionNote(entry),
    fixes: [],
  }));
}

/** Who decided, in their words: typed text, so it travels as a TextRun, never as markdown. */
function approvalQuote(batch: InviteBatch): string {
  const decision = batch.approval?.decision;
  if (!decision) return '';
  const verb = decision.outcome === 'approved' ? 'Approved' : 'Rejected';
  return `${verb} by ${decision.by.name ?? 'an administrator'}${decision.comment ? `: “${decision.comment}”` : ''}`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : noun.endsWith('s') ? 'es' : 's'}`;
}
