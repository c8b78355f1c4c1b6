/** Cards of the intake flow: the invite form, the review of a batch, and the batch's status once sent. */
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
import { guestSteps, predictionLabel, warningText } from '../domain/redemption/path-guide.js';
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

export interface FormContext {
  readonly redirectChoices: readonly { readonly title: string; readonly url: string }[];
  readonly delivery: DeliveryMode;
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
      const signsIn = entry.prediction ? `Signs in: ${predictionLabel(entry.prediction)}` : '';
      return entry.outsideAllowedDomains ? `Outside the allowed domains: an administrator approves it first. ${signsIn}`.trim() : signsIn;
    }
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
    signInNotes: signInNotes(ready),
    page: current,
    pageCount,
    ready: ready.length,
    flagged: flagged.length,
    sendTitle: `Send ${ready.length === 1 ? 'invitation' : `${ready.length} invitations`}`,
    notice,
  });
}

/** Each warning once, with how many ready addresses it concerns. */
function signInNotes(ready: readonly ReviewEntry[]): { text: string }[] {
  const counts = new Map<PredictionWarning, number>();
  for (const entry of ready) for (const warning of entry.prediction?.warnings ?? []) counts.set(warning, (counts.get(warning) ?? 0) + 1);
  return [...counts].map(([warning, count]) => ({ text: `${plural(count, 'address')}: ${warningText(warning)}` }));
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

/** Links are secrets of a kind (whoever opens one first becomes the guest), so they stay out of shared chats. */
const LINKS_ONLY_IN_PERSONAL_CHAT =
  'No email was sent. The Accept links are shown only in a personal chat with me, because anyone who opens one can accept the invitation: send link invitations from our personal chat.';

/** The batch's one card in the chat: progress while sending, the pause and what to do, then the result. */
export function batchStatusCard(batch: InviteBatch, outcomes: readonly EntryResult[], delivery: DeliveryMode, page = 0): AdaptiveCard {
  const base = { batchId: batch.batchId, quote: approvalQuote(batch), counts: [], groups: [], guides: [], guidesIntro: '', page: 0, pageCount: 1, next: '', canRetry: false, canResume: false, canWithdraw: false, retryTitle: '' };
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
      next: resumesAt ? `Sending goes on by itself after ${resumesAt.slice(0, 16).replace('T', ' ')} UTC.` : 'Nothing is lost: Resume sends the rest, and nobody is invited twice.',
      canResume: !resumesAt,
    });
  }
  const ordered = outcomesInOrder(batch, outcomes).filter((result) => isSettledOutcome(result, batch.round));
  const showLinks = delivery === 'link' && batch.conversationType === 'personal';
  const listed = [
    ...OUTCOME_KEYS.flatMap((outcome) =>
      ordered
        .filter((result) => result.outcome === outcome)
        .map((result) => ({ heading: OUTCOME_HEADINGS[outcome], address: result.address, note: noteOf(result, showLinks) })),
    ),
    ...refusedRows(batch),
  ];
  const pageCount = Math.max(1, Math.ceil(listed.length / REVIEW_PAGE_SIZE));
  const current = Math.min(Math.max(0, page), pageCount - 1);
  const shown = listed.slice(current * REVIEW_PAGE_SIZE, (current + 1) * REVIEW_PAGE_SIZE);
  const groups = [...OUTCOME_KEYS.map((outcome) => OUTCOME_HEADINGS[outcome]), REFUSED_HEADING]
    .map((heading) => ({ heading, rows: shown.filter((row) => row.heading === heading).map(({ address, note }) => ({ address, note })) }))
    .filter((group) => group.rows.length > 0);
  return renderCard('batch-status', {
    ...base,
    style: progress.failed > 0 ? 'warning' : 'good',
    title: progress.invited === 1 ? 'Invitation sent' : `${plural(progress.invited, 'invitation')} sent`,
    summary: progress.invited === 0 ? 'Nobody new was invited.' : delivery === 'link' && !showLinks ? LINKS_ONLY_IN_PERSONAL_CHAT : DELIVERY_SUMMARIES[delivery],
    counts,
    groups,
    page: current,
    pageCount,
    ...pathGuides(batch, ordered, delivery),
    next: progress.failed > 0 ? 'Retry sends the failed addresses again: the bot checks the directory first, so nobody is invited twice.' : '',
    canRetry: progress.failed > 0,
    retryTitle: `Retry ${progress.failed === 1 ? 'the failed invitation' : `${progress.failed} failed`}`,
  });
}

const OUTCOME_KEYS = Object.keys(OUTCOME_HEADINGS) as EntryOutcome[];

/** The steps of the predicted path, and the branch taken otherwise in one line. */
function guideSteps(prediction: PathPrediction): { text: string }[] {
  const steps = guestSteps(prediction.path, prediction.via).map((text, i) => ({ text: `${i + 1}. ${text}` }));
  if (!prediction.otherwise) return steps;
  const condition = prediction.path === 'entra' ? 'Without a work account there' : 'With a personal Microsoft account for the address';
  const otherwise = guestSteps(prediction.otherwise.path, prediction.otherwise.via).filter((step) => !step.startsWith('Open the invitation link') && !step.startsWith('Accept the permissions'));
  return [...steps, { text: `${condition}: ${otherwise.join(' ')}` }];
}

/** One short guide per redemption path among the invited guests, for the inviter to pass on. */
function pathGuides(batch: InviteBatch, results: readonly EntryResult[], delivery: DeliveryMode) {
  const predictions = new Map(batch.entries.map((entry) => [entry.address, entry.prediction]));
  const guides = new Map<string, { heading: string; count: number; steps: { text: string }[] }>();
  for (const result of results) {
    const prediction = result.outcome === 'invited' ? predictions.get(result.address) : undefined;
    if (!prediction) continue;
    const label = predictionLabel(prediction);
    const guide = guides.get(label) ?? { heading: label, count: 0, steps: guideSteps(prediction) };
    guide.count++;
    guides.set(label, guide);
  }
  return {
    guides: [...guides.values()].map((guide) => ({ heading: `${guide.heading}: ${plural(guide.count, 'guest')}`, steps: guide.steps })),
    guidesIntro:
      guides.size === 0
        ? ''
        : delivery === 'mailbox'
          ? 'How each guest signs in (their email explains it too):'
          : 'How each guest signs in: pass this on with the invitation.',
  };
}

function noteOf(result: EntryResult, showLinks: boolean): string {
  if (result.guest === 'accepted') return 'Accepted.';
  if (result.guest === 'removed') return 'No longer in your directory.';
  if (showLinks && result.redeemUrl) return `Accept link: ${result.redeemUrl}`;
  return result.reason ?? '';
}
const REFUSED_HEADING = 'Not sent (needed attention)';

function progressFacts(progress: BatchProgress, flagged: number, outcomes: readonly EntryResult[]) {
  return [
    { label: 'Invited', value: progress.invited },
    { label: 'Accepted so far', value: outcomes.filter((result) => result.guest === 'accepted').length },
    { label: 'Removed from the directory since', value: outcomes.filter((result) => result.guest === 'removed').length },
    { label: 'Already there (not invited again)', value: progress.alreadyThere },
    { label: 'Failed', value: progress.failed },
    { label: 'Remaining', value: progress.remaining },
    { label: 'Not sent (needed attention)', value: flagged },
  ]
    .filter((fact) => fact.value > 0 || fact.label === 'Remaining')
    .map((fact) => ({ label: fact.label, value: String(fact.value) }));
}

function refusedRows(batch: InviteBatch) {
  return flaggedEntries(batch).map((entry) => ({
    heading: REFUSED_HEADING,
    address: entry.address,
    note: entry.attention ? ATTENTION_HEADINGS[entry.attention] : '',
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
