/** Cards of the intake flow: the invite form, the review of a batch, and the batch's status once sent. */
import { guestCareSection } from './guest-care-cards.js';
import {
  flaggedEntries,
  readyEntries,
  type AttentionReason,
  type EntryOutcome,
  type EntryResult,
  type InviteBatch,
  type ReviewEntry,
  pauseMessage,
} from '../domain/invitations/batch.js';
import { describeAddressProblem } from '../domain/addresses/address-problems.js';
import { isSettledOutcome, outcomesInOrder, progressOf, type BatchProgress } from '../domain/invitations/send-work.js';
import type { PathPrediction, PredictionWarning } from '../domain/redemption/predict-path.js';
import { guestHelpUrl, pathSection } from '../domain/redemption/guest-help.js';
import { guestSteps, warningText } from '../domain/redemption/path-guide.js';
import { predictionLabel, signInLine } from './path-words.js';
import type { InvitationState } from '../domain/invitations/invitation.js';
import { offeredFixes } from '../domain/use-cases/fix-invitation.js';
import { carriesPersonalNote, type DeliveryMode } from '../domain/use-cases/send-work.js';
import { describeApprovalReason } from '../domain/policy/approval-rules.js';
import type { Translator } from '../i18n/translator.js';
import { fixActionName } from './fix-cards.js';
import { renderCard, type AdaptiveCard } from './render.js';
import { say as spoken, sayKept } from './say.js';

export const MAX_PERSONAL_MESSAGE_LENGTH = 1000;
/** Rows per review page: keeps every page well under Teams' 28 KB card limit, even with long names. */
export const REVIEW_PAGE_SIZE = 25;
export const OTHER_REDIRECT = 'other';

/**
 * The languages offered for Microsoft's invitation email (`invitedUserMessageInfo.messageLanguage`). Microsoft
 * documents no list; these are languages its invitation email is written in. Graph ignores the language when a
 * customised body (`customizedMessageBody`) is sent; this bot never sends one (a note travels by the mailbox).
 */
export const INVITATION_LANGUAGES = [
  'en-US', 'en-GB', 'de-DE', 'fr-FR', 'es-ES', 'it-IT', 'nl-NL', 'pt-BR', 'pt-PT', 'pl-PL', 'sv-SE', 'da-DK', 'nb-NO', 'fi-FI', 'cs-CZ', 'tr-TR', 'ja-JP', 'ko-KR', 'zh-CN', 'zh-TW',
] as const;


/** The inviter's own locale when Microsoft writes in it, else their language's usual one: what the email defaults to. */
export function invitationLanguageFor(words: Pick<Translator, 'language' | 'locale'>): string {
  const own = INVITATION_LANGUAGES.find((code) => code.toLowerCase() === words.locale.toLowerCase());
  return own ?? INVITATION_LANGUAGES.find((code) => code.startsWith(`${words.language}-`)) ?? 'en-US';
}

export interface FormValues {
  readonly addresses: string;
  readonly personalMessage: string;
  readonly redirectChoice: string;
  readonly redirectOther: string;
  readonly cc: string;
  readonly language: string;
}

/** The landing pages an administrator named (INVITE_REDIRECT_CHOICES), to show a page by its name. */
interface LandingPages {
  readonly redirectChoices: readonly { readonly title?: string; readonly url: string }[];
}

export interface FormContext extends LandingPages {
  readonly delivery: DeliveryMode;
}

/**
 * A landing page by the name an administrator gave it, else "My Apps" or "Microsoft Teams" in the reader's words
 * for the defaults, else its host and path (the query, e.g. a tenant id, helps nobody).
 */
function landingPageTitle(words: Translator, choice: { readonly title?: string; readonly url: string }): string {
  if (choice.title) return choice.title;
  try {
    const { host, pathname } = new URL(choice.url);
    if (host === 'myapps.microsoft.com') return words.t('cards/invite-form:landingPages.myApps');
    if (host === 'teams.microsoft.com') return words.t('cards/invite-form:landingPages.teams');
    return `${host}${pathname.replace(/\/$/, '')}`;
  } catch {
    return choice.url;
  }
}

function landingPageName(words: Translator, url: string, pages: LandingPages): string {
  return landingPageTitle(words, pages.redirectChoices.find((choice) => choice.url === url) ?? { url });
}

/**
 * Intl.DisplayNames per locale: building one loads ICU's locale data, which cost more than the rest of a review
 * card. Locales come from clients, so the cache stops growing at a size no real tenant's languages reach.
 */
const displayNames = new Map<string, Intl.DisplayNames | undefined>();
const MAX_CACHED_LOCALES = 200;

/** "English (United States)" for en-US in English, "Englisch (Vereinigte Staaten)" in German: the code as typed when it names no language. */
function languageName(code: string, inLocale: string): string {
  try {
    return displayNamesIn(inLocale)?.of(code) ?? code;
  } catch {
    return code;
  }
}

function displayNamesIn(locale: string): Intl.DisplayNames | undefined {
  if (displayNames.has(locale)) return displayNames.get(locale);
  let names: Intl.DisplayNames | undefined;
  try {
    names = new Intl.DisplayNames([locale], { type: 'language', languageDisplay: 'standard' });
  } catch {
    names = undefined;
  }
  if (displayNames.size < MAX_CACHED_LOCALES) displayNames.set(locale, names);
  return names;
}

/**
 * Each language in its own words ("Deutsch (Deutschland)"), so a guest's language is found by its speakers.
 * The same for every card, so named once: every review and form card carries the list.
 */
const INVITATION_LANGUAGE_CHOICES: readonly { readonly title: string; readonly value: string }[] = INVITATION_LANGUAGES.map((code) => ({ title: languageName(code, code), value: code }));

/** The form in the inviter's words; the email language defaults to theirs. Where a note cannot travel, the form says how to make it travel. */
export function inviteFormCard(words: Translator, context: FormContext, values: Partial<FormValues> = {}, errors: readonly string[] = []): AdaptiveCard {
  return renderCard(
    'invite-form',
    {
      addresses: values.addresses ?? '',
      personalMessage: values.personalMessage ?? '',
      redirectChoice: values.redirectChoice ?? context.redirectChoices[0]?.url ?? OTHER_REDIRECT,
      redirectOther: values.redirectOther ?? '',
      cc: values.cc ?? '',
      language: values.language ?? invitationLanguageFor(words),
      redirectChoices: [...context.redirectChoices.map((choice) => ({ title: landingPageTitle(words, choice), value: choice.url })), { title: words.t('cards/invite-form:otherLandingPage'), value: OTHER_REDIRECT }],
      languages: INVITATION_LANGUAGE_CHOICES,
      maxMessageLength: MAX_PERSONAL_MESSAGE_LENGTH,
      offersNote: carriesPersonalNote(context.delivery),
      offersLanguage: context.delivery !== 'link',
      delivery: context.delivery,
      errors,
    },
    words,
  );
}

/** The order flagged addresses are grouped in on the review; each reason's heading is `cards/review:heading.<reason>`. */
const ATTENTION_ORDER: readonly AttentionReason[] = [
  'invalid-address',
  'missing-at',
  'own-domain',
  'blocked-domain',
  'not-allowed-domain',
  'existing-guest',
  'existing-member',
  'already-invited',
  'inbound-blocked',
];

function attentionNote(words: Translator, entry: ReviewEntry): string {
  const note = (key: string, values = {}) => words.t(`cards/review:note.${key}`, values);
  switch (entry.attention) {
    case 'invalid-address':
      return entry.problem ? spoken(words, describeAddressProblem(entry.problem, entry.detail)) : note('invalid');
    case 'missing-at':
      return note('missingAt');
    case 'own-domain':
      return note('ownDomain', { domain: entry.detail ?? domainOf(entry.address) });
    case 'blocked-domain':
      return note('blockedDomain', { domain: entry.detail ?? domainOf(entry.address) });
    case 'not-allowed-domain':
      return note('notAllowedDomain');
    case 'existing-guest':
    case 'already-invited':
      return note(entry.guestState === 'Accepted' ? 'accepted' : 'notAcceptedYet');
    case 'existing-member':
      return note('member');
    case 'inbound-blocked':
      return note('inboundBlocked', { organisation: entry.prediction?.via ?? domainOf(entry.address) });
    case undefined: {
      const signsIn = entry.prediction ? signInLine(words, entry.prediction) : '';
      return entry.outsideAllowedDomains ? note('outsideAllowed', { signsIn }).trim() : signsIn;
    }
  }
}

function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1);
}

/** The review of a draft; the email language can still be changed here, and Send takes it along. */
export function reviewCard(words: Translator, batch: InviteBatch, context: FormContext, page = 0, notice = ''): AdaptiveCard {
  const ready = readyEntries(batch);
  const flagged = flaggedEntries(batch);
  const ordered = [...ready, ...ATTENTION_ORDER.flatMap((reason) => flagged.filter((entry) => entry.attention === reason))];
  const pageCount = Math.max(1, Math.ceil(ordered.length / REVIEW_PAGE_SIZE));
  const current = Math.min(Math.max(0, page), pageCount - 1);
  const slice = ordered.slice(current * REVIEW_PAGE_SIZE, (current + 1) * REVIEW_PAGE_SIZE);
  const mergedCount = batch.entries.reduce((sum, entry) => sum + entry.occurrences - 1, 0);

  const setting = (key: string, value: string) => ({ label: words.t('cards/review:settingLabel', { label: words.t(`cards/review:setting.${key}`) }), value });
  return renderCard(
    'review',
    {
      batchId: batch.batchId,
      merged: mergedCount,
      settings: [
        setting('landingPage', landingPageName(words, batch.options.redirectUrl, context)),
        ...(batch.options.ccAddress ? [setting('copyTo', batch.options.ccAddress)] : []),
        ...(batch.options.personalMessage ? [setting('personalNote', batch.options.personalMessage)] : []),
      ],
      offersLanguage: context.delivery !== 'link' && ready.length > 0,
      delivery: context.delivery,
      messageLanguage: batch.options.messageLanguage,
      languageName: languageName(batch.options.messageLanguage, words.locale),
      languages: INVITATION_LANGUAGE_CHOICES,
      groups: groupRows(words, slice),
      signInNotes: signInNotes(words, ready),
      ...guestCareSection(words, batch),
      page: current,
      pageNumber: current + 1,
      pageCount,
      ready: ready.length,
      flagged: flagged.length,
      notice,
    },
    words,
  );
}

/** Addresses named in a note before the rest are counted. */
const NAMED_IN_A_NOTE = 3;

/** Each warning once, naming the ready addresses it concerns. */
function signInNotes(words: Translator, ready: readonly ReviewEntry[]): { addresses: string; text: string }[] {
  const concerned = new Map<PredictionWarning, string[]>();
  for (const entry of ready) for (const warning of entry.prediction?.warnings ?? []) concerned.set(warning, [...(concerned.get(warning) ?? []), entry.address]);
  return [...concerned].map(([warning, addresses]) => ({
    addresses: addresses.slice(0, NAMED_IN_A_NOTE).join(', '),
    text: words.t('cards/review:signInNote', { others: Math.max(0, addresses.length - NAMED_IN_A_NOTE), warning: spoken(words, warningText(warning)) }),
  }));
}

function groupRows(words: Translator, entries: readonly ReviewEntry[]) {
  const groups: { heading: string; style: string; rows: { name: string; address: string; note: string }[] }[] = [];
  for (const entry of entries) {
    const heading = words.t(`cards/review:heading.${entry.attention ?? 'ready'}`);
    let group = groups.at(-1);
    if (group?.heading !== heading) {
      group = { heading, style: entry.attention ? 'warning' : 'good', rows: [] };
      groups.push(group);
    }
    group.rows.push({ name: entry.displayName ?? '', address: entry.address, note: attentionNote(words, entry) });
  }
  return groups;
}

/** The order outcomes are listed in; each heading is `cards/batch-status:outcome.<outcome>`. */
const OUTCOME_KEYS: readonly EntryOutcome[] = ['failed', 'invited', 'already-invited', 'existing-guest', 'existing-member'];

interface StatusRow {
  readonly heading: string;
  readonly name: string;
  readonly address: string;
  readonly note: string;
  readonly fixes: readonly { readonly title: string; readonly address: string; readonly action: string }[];
}

/** The batch's one card in the chat: progress while sending, the pause and what to do, then the result. */
/**
 * The card of a batch once sent. `publicBaseUrl` is the bot's public address (PUBLIC_BASE_URL): the finished
 * card's sign-in guides link to the guest help page it serves there, and to nothing without one.
 */
export function batchStatusCard(words: Translator, batch: InviteBatch, outcomes: readonly EntryResult[], delivery: DeliveryMode, page = 0, publicBaseUrl = ''): AdaptiveCard {
  const say = (key: string, values = {}) => words.t(`cards/batch-status:${key}`, values);
  const base = {
    batchId: batch.batchId, quote: approvalQuote(words, batch), counts: [], groups: [], guides: [], guidesIntro: '', page: 0, pageNumber: 1, pageCount: 1, next: '',
    canRetry: false, canResume: false, canWithdraw: false, failed: 0, finished: false,
  };
  const card = (data: object) => renderCard('batch-status', { ...base, ...data }, words);
  if (batch.state === 'Cancelled') {
    return card({ style: 'default', title: say(batch.approval !== undefined ? 'withdrawn.title' : 'cancelled.title'), summary: say('cancelled.summary') });
  }
  const approval = batch.approval;
  if (batch.state === 'AwaitingApproval' && approval) {
    return card({
      style: 'accent',
      title: say('awaiting.title', { count: readyEntries(batch).length }),
      summary: say('awaiting.summary', { reasons: approval.reasons.map((reason) => spoken(words, describeApprovalReason(reason))).join(' ') }),
      canWithdraw: true,
    });
  }
  if (batch.state === 'Rejected' && approval?.decision) {
    return card({ style: 'attention', title: say('rejected.title'), summary: say('rejected.summary') });
  }
  const progress = progressOf(batch, outcomes);
  const counts = progressFacts(words, progress, flaggedEntries(batch).length, outcomes);
  if (batch.state === 'Sending' || batch.state === 'Draft') {
    return card({
      style: 'accent',
      title: say('sending.title', { total: progress.total, done: progress.total - progress.remaining }),
      summary: say('sending.summary'),
      counts,
      ...paged(outcomeRows(words, batch, outcomes, { showLinks: false, offerFixes: false }), page),
    });
  }
  if (batch.state === 'Paused') {
    const resumesAt = batch.pause?.resumesAt;
    return card({
      style: 'warning',
      title: say('paused.title', { remaining: progress.remaining, total: progress.total }),
      summary: batch.pause ? spoken(words, pauseMessage(batch.pause)) : say('paused.summary'),
      counts,
      ...paged(outcomeRows(words, batch, outcomes, { showLinks: false, offerFixes: false }), page),
      next: resumesAt ? say('paused.resumesAt', { when: words.dateTime(new Date(resumesAt)) }) : say('paused.nothingLost'),
      canResume: !resumesAt,
    });
  }
  const ordered = outcomesInOrder(batch, outcomes).filter((result) => isSettledOutcome(result, batch.round));
  const showLinks = delivery === 'link' && batch.conversationType === 'personal';
  return card({
    style: progress.failed > 0 ? 'warning' : 'good',
    title: say('done.title', { invited: progress.invited }),
    summary: progress.invited === 0 ? say('done.nobody') : say('done.summary', { delivery: delivery === 'link' && !showLinks ? 'linkNotHere' : delivery }),
    counts,
    ...paged([...outcomeRows(words, batch, outcomes, { showLinks, offerFixes: true }), ...refusedRows(words, batch)], page),
    ...pathGuides(words, batch, ordered, delivery, publicBaseUrl),
    next: progress.failed > 0 ? say('done.retryExplained') : '',
    canRetry: progress.failed > 0,
    failed: progress.failed,
    finished: true,
  });
}

/** Each decided address under its outcome, with its name and, once the batch is done and where it applies, Resend. */
function outcomeRows(words: Translator, batch: InviteBatch, outcomes: readonly EntryResult[], view: { readonly showLinks: boolean; readonly offerFixes: boolean }): StatusRow[] {
  const names = new Map(batch.entries.map((entry) => [entry.address, entry.displayName ?? '']));
  const settled = outcomesInOrder(batch, outcomes).filter((result) => isSettledOutcome(result, batch.round));
  return OUTCOME_KEYS.flatMap((outcome) =>
    settled
      .filter((result) => result.outcome === outcome)
      .map((result) => ({
        heading: words.t(`cards/batch-status:outcome.${outcome}`),
        name: names.get(result.address) ?? '',
        address: result.address,
        note: noteOf(words, result, view.showLinks),
        // The rest of the fixes (the link, Withdraw) are a status away: a just-sent card offers the one people reach for.
        fixes: (view.offerFixes ? offeredFixes({ state: stateOf(result) }) : [])
          .filter((action) => action === 'resend')
          .map((action) => ({ title: fixActionName(words, action), address: result.address, action })),
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
    pageNumber: current + 1,
    pageCount,
  };
}

/** The steps of the predicted path, and the branch taken otherwise in one line. */
function guideSteps(words: Translator, prediction: PathPrediction): { text: string }[] {
  const stepsOf = (path: PathPrediction['path'], via?: string) => guestSteps(path, via).map((step) => spoken(words, step));
  const predicted = stepsOf(prediction.path, prediction.via);
  const steps = predicted.map((text, i) => ({ text: words.t('cards/batch-status:guides.step', { number: i + 1, text }) }));
  if (!prediction.otherwise) return steps;
  // The steps both branches share (open the link, accept the permissions) are said once.
  const otherwise = stepsOf(prediction.otherwise.path, prediction.otherwise.via).filter((step) => !predicted.includes(step));
  return [...steps, { text: words.t('cards/batch-status:guides.otherwise', { path: prediction.path === 'entra' ? 'entra' : 'other', steps: otherwise.join(' ') }) }];
}

/** One short guide per redemption path among the invited guests, shown on demand. */
function pathGuides(words: Translator, batch: InviteBatch, results: readonly EntryResult[], delivery: DeliveryMode, publicBaseUrl: string) {
  const predictions = new Map(batch.entries.map((entry) => [entry.address, entry.prediction]));
  const guides = new Map<string, { heading: string; addresses: string[]; steps: { text: string }[]; helpUrl: string }>();
  for (const result of results) {
    const prediction = result.outcome === 'invited' ? predictions.get(result.address) : undefined;
    if (!prediction) continue;
    const label = predictionLabel(words, prediction);
    const helpUrl = guestHelpUrl(publicBaseUrl, words.language, pathSection(prediction.path)) ?? '';
    const guide = guides.get(label) ?? { heading: label, addresses: [], steps: guideSteps(words, prediction), helpUrl };
    guide.addresses.push(result.address);
    guides.set(label, guide);
  }
  return {
    guides: [...guides.values()].map((guide) => ({
      heading: words.t('cards/batch-status:guides.heading', {
        path: guide.heading,
        addresses: guide.addresses.slice(0, NAMED_IN_A_NOTE).join(', '),
        others: Math.max(0, guide.addresses.length - NAMED_IN_A_NOTE),
      }),
      steps: guide.steps,
      helpUrl: guide.helpUrl,
    })),
    guidesIntro: guides.size === 0 ? '' : words.t('cards/batch-status:guides.intro', { delivery }),
  };
}

function noteOf(words: Translator, result: EntryResult, showLinks: boolean): string {
  if (result.guest === 'accepted') return words.t('cards/batch-status:note.accepted');
  if (result.guest === 'removed') return words.t('cards/batch-status:note.removed');
  if (showLinks && result.redeemUrl) return words.t('cards/batch-status:note.acceptLink', { link: result.redeemUrl });
  return result.reason ? sayKept(words, result.reason) : '';
}

/** What happened so far; a count of nothing is left out (a finished card has nothing remaining). */
function progressFacts(words: Translator, progress: BatchProgress, flagged: number, outcomes: readonly EntryResult[]) {
  const facts: [string, number][] = [
    ['invited', progress.invited],
    ['accepted', outcomes.filter((result) => result.guest === 'accepted').length],
    ['removed', outcomes.filter((result) => result.guest === 'removed').length],
    ['alreadyThere', progress.alreadyThere],
    ['failed', progress.failed],
    ['remaining', progress.remaining],
    ['notSent', flagged],
  ];
  return facts.filter(([, value]) => value > 0).map(([key, value]) => ({ label: words.t(`cards/batch-status:count.${key}`), value: words.number(value) }));
}

/** The addresses the review flagged, with the same rule text the review gave them. */
function refusedRows(words: Translator, batch: InviteBatch): StatusRow[] {
  return flaggedEntries(batch).map((entry) => ({
    heading: words.t('cards/batch-status:count.notSent'),
    name: entry.displayName ?? '',
    address: entry.address,
    note: attentionNote(words, entry),
    fixes: [],
  }));
}

/** Who decided, in their words: typed text, so it travels as a TextRun, never as markdown. */
function approvalQuote(words: Translator, batch: InviteBatch): string {
  const decision = batch.approval?.decision;
  if (!decision) return '';
  return words.t('cards/batch-status:decidedBy', {
    outcome: decision.outcome,
    named: decision.by.name ? 'yes' : 'no',
    name: decision.by.name ?? '',
    commented: decision.comment ? 'yes' : 'no',
    comment: decision.comment ?? '',
  });
}
