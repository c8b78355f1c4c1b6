/** Every card the bot can send validates against Microsoft's Adaptive Cards 1.5 schema, stays under Teams' size limit, and user text stays text. */
import { describe, expect, it } from 'vitest';
import { batchStatusCard, inviteFormCard, reviewCard, REVIEW_PAGE_SIZE } from '../../src/cards/batch-cards.js';
import { greetingCard, helpCard, problemCard, usageCard, welcomeCard } from '../../src/cards/conversation-cards.js';
import type { AdaptiveCard } from '../../src/cards/render.js';
import { Template } from 'adaptivecards-templating';
import type { InviteBatch, ReviewEntry } from '../../src/domain/invitations/batch.js';
import { fixConfirmationCard, fixResultCard } from '../../src/cards/fix-cards.js';
import { helpAnswerCard } from '../../src/cards/help-cards.js';
import { pathsCard } from '../../src/cards/paths-cards.js';
import { acceptedNotice, removedNotice, stillPendingNotice } from '../../src/cards/notice-cards.js';
import { myInvitationsCard } from '../../src/cards/status-cards.js';
import { signInSettingsCard } from '../../src/cards/settings-cards.js';
import {
  approvalCard,
  auditCard,
  batchFinishedNotice,
  batchPausedNotice,
  digestCard,
  guestAcceptedNotice,
  notificationsHereCard,
  notificationsOffCard,
  refusalNotice,
} from '../../src/cards/admin-cards.js';
import { understandQuestion } from '../../src/domain/redemption/help-question.js';
import { reportCard } from '../../src/cards/report-cards.js';
import { invitationReport } from '../../src/domain/invitations/report.js';
import type { AuditEvent } from '../../src/domain/ports/audit-log.js';
import { readdirSync, readFileSync } from 'node:fs';
import { cardText } from '../support/connector-recorder.js';
import { validateCard } from '../support/schemas.js';
import { translatorFor, type Translator } from '../../src/i18n/translator.js';

const HOSTILE = '${x} [a](https://evil.example) <script>alert(1)</script> **bold**';
/** Teams refuses cards over 28 KB. */
const TEAMS_CARD_LIMIT_BYTES = 28 * 1024;

const LANDING_PAGES = { redirectChoices: [{ title: 'My Apps', url: 'https://myapps.microsoft.com/?tenantid=t' }], delivery: 'microsoft' as const };

const entries: ReviewEntry[] = [
  { address: 'jane@fabrikam.com', displayName: HOSTILE, occurrences: 2 },
  { address: 'bob@tailspin.com', occurrences: 1 },
  { address: HOSTILE, attention: 'invalid-address', problem: 'refused-character', detail: '!', occurrences: 1 },
  { address: 'jane.fabrikam.com', attention: 'missing-at', occurrences: 1 },
  { address: 'fox@contoso.com', attention: 'own-domain', detail: 'contoso.com', occurrences: 1 },
  { address: 'x@blocked.example', attention: 'blocked-domain', detail: '*.example', occurrences: 1 },
  { address: 'ann@fabrikam.com', attention: 'existing-guest', guestState: 'Accepted', occurrences: 1 },
];

function batch(overrides: Partial<InviteBatch> = {}): InviteBatch {
  const options = { personalMessage: HOSTILE, redirectUrl: 'https://myapps.microsoft.com/?tenantid=t', messageLanguage: 'en-US', ccAddress: 'boss@contoso.com' };
  return {
    tenantId: 't', batchId: 'b1', state: 'Draft', starter: { aadObjectId: 'u1', name: HOSTILE }, conversationId: 'c', conversationType: 'personal',
    typed: { addresses: HOSTILE, ...options }, options, entries, round: 0,
    createdAt: '2026-11-25T10:00:00.000Z', updatedAt: '2026-11-25T10:00:00.000Z', ...overrides,
  };
}

const REPORT_NOW = new Date('2026-12-01T09:00:00Z');
/** A realistic trail for the report's and the digest's charts: sent, accepted on two paths, refused, failed. */
const REPORT_EVENTS: AuditEvent[] = [
  { at: '2026-11-30T09:00:00Z', actor: { name: 'Dana' }, action: 'invite', subject: 'jane@fabrikam.com', outcome: 'invited' },
  { at: '2026-11-30T09:00:01Z', actor: { name: 'Dana' }, action: 'invite', subject: 'bad@blocked.example', outcome: 'failed', detail: 'graph.domain-blocked' },
  { at: '2026-11-30T15:00:00Z', actor: { name: 'Jane' }, action: 'accepted', subject: 'jane@fabrikam.com', outcome: 'entra', detail: '2026-11-30T09:00:00Z' },
  { at: '2026-11-24T10:00:00Z', actor: { name: 'Fox' }, action: 'invite', subject: 'bob@gmail.com', outcome: 'invited' },
  { at: '2026-11-25T10:00:00Z', actor: { name: 'Bob' }, action: 'accepted', subject: 'bob@gmail.com', outcome: 'google', detail: '2026-11-24T10:00:00Z' },
  { at: '2026-11-26T10:00:00Z', actor: { name: 'Fox' }, action: 'refuse', subject: 'batch b1', outcome: 'members-only', addresses: ['a@x.com', 'b@y.com'] },
];

/** Every string in the card that is not inside a TextRun or an input's value: where markdown would be rendered. */
function markdownTexts(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(markdownTexts);
  if (!node || typeof node !== 'object') return [];
  const record = node as Record<string, unknown>;
  if (record.type === 'TextRun') return [];
  const own = [record.text, record.title, record.value].filter((v): v is string => typeof v === 'string' && !String(record.type).startsWith('Input.'));
  return [...own, ...Object.values(record).flatMap(markdownTexts)];
}

/** Every card the bot sends, in one language: the schema, size, markup and placeholder checks run on each language's words. */
function cardsIn(words: Translator): Record<string, AdaptiveCard> {
  return {
  'welcome (personal)': welcomeCard(words, 'personal', 'Guest Invites'),
  'welcome (channel)': welcomeCard(words, 'channel', 'Guest Invites'),
  help: helpCard(words, 'groupChat', 'link'),
  'help (personal, mailbox)': helpCard(words, 'personal', 'mailbox'),
  usage: usageCard(words, HOSTILE),
  greeting: greetingCard(words, HOSTILE, false),
  'greeting (thanks, no name)': greetingCard(words, '', true),
  problem: problemCard(words, 'Title', HOSTILE, 'ref-1'),
  'form (empty)': inviteFormCard(words, { redirectChoices: [{ title: 'My Apps', url: 'https://myapps.microsoft.com/' }], delivery: 'microsoft' }),
  'form (mailbox)': inviteFormCard(words, { redirectChoices: [{ title: 'My Apps', url: 'https://myapps.microsoft.com/' }], delivery: 'mailbox' }, { personalMessage: HOSTILE }),
  'form (edit with errors)': inviteFormCard(words, 
    { redirectChoices: [{ title: 'My Apps', url: 'https://myapps.microsoft.com/' }], delivery: 'link' },
    { addresses: HOSTILE, personalMessage: HOSTILE, redirectChoice: 'other', redirectOther: HOSTILE, cc: HOSTILE, language: 'de-DE' },
    [HOSTILE],
  ),
  review: reviewCard(words, batch(), LANDING_PAGES),
  'review (predicted paths, a blocked organisation)': reviewCard(words, 
    batch({
      entries: [
        { address: 'jane@fabrikam.com', occurrences: 1, prediction: { path: 'entra', confidence: 'likely', via: HOSTILE, otherwise: { path: 'email-otp' }, warnings: ['inbound-some'] } },
        { address: 'ann@gmail.com', occurrences: 1, prediction: { path: 'email-otp', confidence: 'depends-on-guest', otherwise: { path: 'microsoft-account' }, warnings: ['gmail-without-google'] } },
        { address: 'ada@northwind.com', occurrences: 1, attention: 'inbound-blocked', prediction: { path: 'blocked', confidence: 'certain', via: HOSTILE, warnings: ['inbound-blocked'] } },
      ],
    }),
    LANDING_PAGES,
  ),
  'done (sign-in guides)': batchStatusCard(words, 
    batch({ state: 'Done', round: 1, entries: [{ address: 'jane@fabrikam.com', occurrences: 1, prediction: { path: 'saml-federation', confidence: 'certain', via: HOSTILE, warnings: [] } }] }),
    [{ address: 'jane@fabrikam.com', outcome: 'invited', round: 1 }],
    'microsoft',
  ),
  'done (sign-in guides, guest help page linked)': batchStatusCard(words,
    batch({ state: 'Done', round: 1, entries: [{ address: 'jane@fabrikam.com', occurrences: 1, prediction: { path: 'email-otp', confidence: 'likely', warnings: [] } }] }),
    [{ address: 'jane@fabrikam.com', outcome: 'invited', round: 1 }],
    'microsoft',
    0,
    'https://guest-invites.contoso.example',
  ),
  'help answer': helpAnswerCard(words, understandQuestion(`AADSTS50020 AADSTS9999999 I never got the email. Correlation ID: 11111111-2222-3333-4444-555555555555 ${HOSTILE}`), { address: HOSTILE, lines: [HOSTILE], actions: ['resend', 'reset-redemption', 'copy-link'] }),
  'help answer (guest help page linked)': helpAnswerCard(words, understandQuestion('AADSTS50020 I never got the email'), undefined, 'https://guest-invites.contoso.example'),
  'fix confirmation': fixConfirmationCard(words, HOSTILE, 'reset-redemption'),
  'my invitations (paged)': myInvitationsCard(words, 
    {
      rows: [
        { tenantId: 't', email: HOSTILE, state: 'Accepted', actualPath: 'google', inviter: {}, attempts: 1, createdAt: '2026-11-01T00:00:00Z', updatedAt: '', sentAt: '2026-11-01T00:00:00Z' },
        { tenantId: 't', email: 'b@litware.org', displayName: HOSTILE, state: 'PendingAcceptance', invitedUserId: 'g1', inviteRedeemUrl: 'https://login.example/r', inviter: {}, attempts: 1, createdAt: '2026-12-01T09:30:00Z', updatedAt: '' },
        { tenantId: 't', email: 'c@litware.org', state: 'Withdrawn', withdrawn: { at: '2026-12-01T09:40:00Z', by: {} }, inviter: {}, attempts: 1, createdAt: '2026-12-01T09:00:00Z', updatedAt: '' },
      ],
      filter: 'all',
      page: 1,
      pageCount: 3,
      total: 25,
      counts: { all: 25, pending: 10, accepted: 12, failed: 3 },
    },
    new Date('2026-12-01T10:00:00Z'),
  ),
  'notice (accepted)': acceptedNotice(words, { tenantId: 't', email: HOSTILE, state: 'Accepted', actualPath: 'google', inviter: {}, attempts: 1, createdAt: '', updatedAt: '' }, 'personal'),
  'notice (accepted, in a channel)': acceptedNotice(words, 
    { tenantId: 't', email: 'jane@fabrikam.com', displayName: HOSTILE, state: 'Accepted', actualPath: 'google', inviter: { name: HOSTILE }, attempts: 1, createdAt: '', updatedAt: '' },
    'channel',
  ),
  'notice (still pending, with Resend)': stillPendingNotice(words, 
    { tenantId: 't', email: HOSTILE, state: 'PendingAcceptance', inviter: {}, attempts: 1, createdAt: '2026-11-01T00:00:00Z', updatedAt: '' },
    'personal',
    new Date('2026-11-10T00:00:00Z'),
  ),
  'notice (still pending, in a group chat)': stillPendingNotice(words, 
    { tenantId: 't', email: 'jane@fabrikam.com', state: 'PendingAcceptance', inviter: { name: HOSTILE }, attempts: 1, createdAt: '2026-11-01T00:00:00Z', updatedAt: '' },
    'groupChat',
    new Date('2026-11-10T00:00:00Z'),
  ),
  'notice (removed)': removedNotice(words, { tenantId: 't', email: HOSTILE, displayName: HOSTILE, state: 'Accepted', inviter: {}, attempts: 1, createdAt: '', updatedAt: '' }),
  paths: pathsCard(words, { rows: [{ predicted: 'email-otp', invited: 4, accepted: 2, asPredicted: 2 }], checked: 2 }),
  'fix result (link)': fixResultCard(words, HOSTILE, 'copy-link', { kind: 'done', action: 'copy-link', record: { tenantId: 't', email: 'x@y.z', state: 'PendingAcceptance', inviter: {}, attempts: 1, createdAt: '', updatedAt: '' }, link: 'https://login.microsoftonline.com/redeem?x' }),
  'fix result (refused)': fixResultCard(words, HOSTILE, 'resend', { kind: 'not-applicable', reason: { id: 'outcomes:fix.already-withdrawn' } }),
  'sign-in settings': signInSettingsCard(words, {
    emailOtp: 'enabled',
    googleFederation: false,
    samlFederations: [{ displayName: HOSTILE, issuerUri: 'https://sts.example', domains: ['tailspin.com'] }],
    redemptionOrder: { primary: ['azureActiveDirectory'], fallback: 'defaultConfiguredIdp' },
    inbound: { default: 'allowed', partners: {} },
    unreadable: [{ part: 'SAML/WS-Fed federations', permission: 'IdentityProvider.Read.All' }],
    readAt: '2026-12-01T00:00:00Z',
  }),
  sending: batchStatusCard(words, batch({ state: 'Sending', round: 1 }), [{ address: 'jane@fabrikam.com', outcome: 'invited', round: 1 }], 'microsoft'),
  paused: batchStatusCard(words, batch({ state: 'Paused', round: 1, pause: { reason: 'anti-abuse' } }), [], 'mailbox'),
  'paused (daily limit)': batchStatusCard(words, 
    batch({ state: 'Paused', round: 1, pause: { reason: 'daily-limit', resumesAt: '2026-11-26T00:00:00.000Z' } }),
    [],
    'microsoft',
  ),
  cancelled: batchStatusCard(words, batch({ state: 'Cancelled' }), [], 'microsoft'),
  'awaiting approval': batchStatusCard(words, batch({ state: 'AwaitingApproval', approval: { reasons: [{ kind: 'batch-size', count: 2, limit: 1 }], requestedAt: '2026-12-01T00:00:00Z' } }), [], 'microsoft'),
  rejected: batchStatusCard(words, 
    batch({ state: 'Rejected', approval: { reasons: [], requestedAt: '', decision: { outcome: 'rejected', by: { name: HOSTILE }, comment: HOSTILE, at: '2026-12-01T00:00:00Z' } } }),
    [],
    'microsoft',
  ),
  'approval (open)': approvalCard(words, 
    batch({ state: 'AwaitingApproval', approval: { reasons: [{ kind: 'outside-allowed-domains', domains: ['tailspin.com'] }, { kind: 'daily-quota', sentToday: 9, count: 2, limit: 10 }], requestedAt: '' } }),
  ),
  'approval (approved)': approvalCard(words, 
    batch({ state: 'Sending', round: 1, approval: { reasons: [], requestedAt: '', decision: { outcome: 'approved', by: { name: HOSTILE }, comment: HOSTILE, at: '2026-12-01T00:00:00Z' } } }),
  ),
  'approval (withdrawn)': approvalCard(words, batch({ state: 'Cancelled', approval: { reasons: [], requestedAt: '' } })),
  'approval (1,000 guests)': approvalCard(words, 
    batch({
      state: 'AwaitingApproval',
      entries: Array.from({ length: 1000 }, (_, i) => ({ address: `guest.number.${i}@fabrikam.com`, displayName: HOSTILE, occurrences: 1 })),
      approval: { reasons: [{ kind: 'batch-size', count: 1000, limit: 50 }], requestedAt: '' },
    }),
  ),
  audit: auditCard(words, 
    Array.from({ length: 30 }, () => ({ at: '2026-12-01T00:00:00Z', actor: { name: HOSTILE }, action: 'invite' as const, subject: HOSTILE, outcome: 'failed', detail: HOSTILE })),
    { days: 7 },
    'https://bot.example/api/audit.csv?token=x',
  ),
  'notifications here': notificationsHereCard(words, true),
  'notifications off': notificationsOffCard(words),
  'admin notice (batch finished)': batchFinishedNotice(words, batch({ state: 'Done', round: 1 }), [{ address: HOSTILE, outcome: 'failed', reason: HOSTILE, round: 1 }]),
  'admin notice (paused)': batchPausedNotice(words, batch({ state: 'Paused', pause: { reason: 'anti-abuse' } })),
  'admin notice (accepted)': guestAcceptedNotice(words, { tenantId: 't', email: HOSTILE, state: 'Accepted', inviter: { name: HOSTILE }, attempts: 1, createdAt: '', updatedAt: '' }),
  'admin notice (refused)': refusalNotice(words, HOSTILE, 'Why.', 3),
  'digest (a quiet day)': digestCard(words, { events: [], since: new Date('2026-11-30T08:00:00Z'), report: invitationReport([], REPORT_NOW, 4), weeks: 4 }),
  digest: digestCard(words, { events: REPORT_EVENTS, since: new Date('2026-11-30T08:00:00Z'), report: invitationReport(REPORT_EVENTS, REPORT_NOW, 4), weeks: 4 }),
  report: reportCard(invitationReport(REPORT_EVENTS, REPORT_NOW, 12), 12, words),
  done: batchStatusCard(words, 
    batch({ state: 'Done', round: 1 }),
    [
      { address: 'jane@fabrikam.com', outcome: 'invited', round: 1, redeemUrl: 'https://login.microsoftonline.com/redeem?rd=x' },
      { address: 'bob@tailspin.com', outcome: 'failed', reason: HOSTILE, round: 1 },
    ],
    'link',
  ),
  'done (link delivery, channel)': batchStatusCard(words, 
    batch({ state: 'Done', round: 1, conversationType: 'channel' }),
    [{ address: 'jane@fabrikam.com', outcome: 'invited', round: 1, redeemUrl: 'https://login.microsoftonline.com/redeem?rd=x' }],
    'link',
  ),
  };
}

const words = translatorFor({ locale: 'en-US' });
const LANGUAGE_WORDS = { en: words, de: translatorFor({ locale: 'de-DE', timeZone: 'Europe/Berlin' }), fr: translatorFor({ locale: 'fr-FR', timeZone: 'Europe/Paris' }) };
const cards = cardsIn(words);
const everyCard = Object.entries(LANGUAGE_WORDS).flatMap(([language, languageWords]) => Object.entries(cardsIn(languageWords)).map(([name, card]) => [`${name} [${language}]`, card] as const));

/** Every string a person can read on the card: texts, titles, facts, input labels, placeholders and messages. */
function readableTexts(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(readableTexts);
  if (!node || typeof node !== 'object') return [];
  const record = node as Record<string, unknown>;
  const own = ['text', 'title', 'value', 'label', 'placeholder', 'errorMessage', 'fallbackText'].map((key) => record[key]).filter((v): v is string => typeof v === 'string');
  return [...own, ...Object.values(record).flatMap(readableTexts)];
}

/** `<addresses>`, `<problem>`: Teams reads these as markup and shows nothing, so a command loses its argument. */
const PLACEHOLDER = /<[a-z][\w -]*>/i;

/** The Action.Submit buttons of a card that stand for a typed command, as title → command. */
function commandButtons(card: AdaptiveCard): Record<string, unknown> {
  const actions = (card.actions ?? []) as { type: string; title: string; data?: { command?: unknown } }[];
  return Object.fromEntries(actions.filter((action) => action.type === 'Action.Submit').map((action) => [action.title, action.data?.command]));
}

const FORM_CHOICES = [{ title: 'My Apps', url: 'https://myapps.microsoft.com/' }];
const offersNote = (card: AdaptiveCard) => JSON.stringify(card).includes('"id":"personalMessage"');

describe('cards', () => {
  it.each(everyCard)('%s validates against Adaptive Cards 1.5 and fits in a Teams message', (_name, card) => {
    expect(card.version).toBe('1.5');
    expect(validateCard(card)).toEqual([]);
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(TEAMS_CARD_LIMIT_BYTES);
  });

  it.each(everyCard)('%s shows user text only as plain TextRuns or input values', (_name, card) => {
    for (const text of markdownTexts(card)) expect(text).not.toContain('evil.example');
  });

  it('the sending card counts up; the result lists every address and offers Retry only for failures; a pause offers Resume', () => {
    expect(cardText(cards.sending)).toContain('1 of 2 done');
    expect(cardText(cards.done)).toMatch(/Failed[\s\S]*bob@tailspin.com[\s\S]*Invited[\s\S]*jane@fabrikam.com/);
    expect(cardText(cards.done)).toContain('Retry the failed invitation');
    expect(JSON.stringify(cards.done)).toContain('"verb":"batch.retry"');
    expect(JSON.stringify(cards.sending)).not.toContain('batch.retry');
    expect(JSON.stringify(cards.paused)).toContain('"verb":"batch.resume"');
    expect(JSON.stringify(cards['paused (daily limit)'])).not.toContain('batch.resume');
    expect(cardText(cards['paused (daily limit)'])).toContain(`after ${words.dateTime(new Date('2026-11-26T00:00:00.000Z'))}`);
  });

  it('pages the result of a 1,000-address batch so that every address is listed and every page fits', () => {
    const many: ReviewEntry[] = Array.from({ length: 1000 }, (_, i) => ({ address: `${'x'.repeat(50)}.${i}@${'sub.'.repeat(10)}fabrikam.com`, displayName: 'N'.repeat(120), occurrences: 1 }));
    const results = many.map((entry, i) => ({ address: entry.address, outcome: i % 10 === 0 ? ('failed' as const) : ('invited' as const), reason: i % 10 === 0 ? 'R'.repeat(300) : undefined, round: 1 }));
    const listed = new Set<string>();
    const pages = Math.ceil(1000 / REVIEW_PAGE_SIZE);
    for (let page = 0; page < pages; page++) {
      const card = batchStatusCard(words, batch({ state: 'Done', round: 1, entries: many }), results, 'microsoft', page);
      expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(TEAMS_CARD_LIMIT_BYTES);
      expect(validateCard(card)).toEqual([]);
      for (const entry of many) if (cardText(card).includes(`${entry.address}\n`) || cardText(card).endsWith(entry.address)) listed.add(entry.address);
    }
    expect(listed.size).toBe(1000);
  });

  it('link delivery shows each Accept link in a personal chat only', () => {
    expect(cardText(cards.done)).toContain('Accept link: https://login.microsoftonline.com/redeem?rd=x');
    expect(JSON.stringify(cards['done (link delivery, channel)'])).not.toContain('redeem?rd=x');
    expect(cardText(cards['done (link delivery, channel)'])).toContain('shown only in a personal chat');
  });

  it('keeps hostile display names verbatim, never expanded', () => {
    expect(JSON.stringify(cards.review)).toContain(JSON.stringify(`${HOSTILE}  `).slice(1, -1));
  });

  it('pages a 1,000-address review so that every page stays under Teams’ card size limit', () => {
    const many: ReviewEntry[] = Array.from({ length: 1000 }, (_, i) => ({
      address: `${'x'.repeat(50)}.${i}@${'sub.'.repeat(10)}fabrikam.com`,
      displayName: 'N'.repeat(120),
      occurrences: 1,
      ...(i % 3 === 0 ? { attention: 'invalid-address' as const, problem: 'refused-character' as const, detail: '!' } : {}),
    }));
    const pages = Math.ceil(1000 / REVIEW_PAGE_SIZE);
    for (let page = 0; page < pages; page++) {
      const card = reviewCard(words, batch({ entries: many }), LANDING_PAGES, page);
      expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(TEAMS_CARD_LIMIT_BYTES);
      expect(validateCard(card)).toEqual([]);
    }
    expect(JSON.stringify(reviewCard(words, batch({ entries: many }), LANDING_PAGES, pages - 1))).toContain(`Page ${pages} of ${pages}`);
  });

  it('the review names the landing page and the language, and the addresses each note is about', () => {
    const text = cardText(cards.review);
    expect(text).toMatch(/Landing page:\s*My Apps/);
    expect(text).not.toContain('tenantid');
    expect(JSON.stringify(cards.review)).toMatch(/"id":"messageLanguage","label":"Language of the invitation email","value":"en-US"/);
    const paths = cardText(cards['review (predicted paths, a blocked organisation)']);
    expect(paths).toMatch(/jane@fabrikam\.com\s*: Cross-tenant access admits only some users/);
    expect(paths).toMatch(/ann@gmail\.com\s*: Google federation is off/);
    expect(paths).toContain('Signs in with: Work account (');
  });

  it('the review offers at most three primary buttons: Cancel goes to the secondary row', () => {
    const actions = (cards.review as unknown as { actions: { title: string; mode?: string }[] }).actions;
    expect(actions.filter((action) => action.mode !== 'secondary').length).toBeLessThanOrEqual(3);
    expect(actions.map((action) => action.title)).toContain('Drop the 5 flagged addresses');
    expect(actions.find((action) => action.title === 'Cancel')?.mode).toBe('secondary');
  });

  it('a finished result has no Remaining count, keeps names, gives the review’s rule for flagged addresses, and offers Resend only where it applies, Status and Invite more', () => {
    const done = batchStatusCard(words, 
      batch({ state: 'Done', round: 1 }),
      [
        { address: 'jane@fabrikam.com', outcome: 'invited', round: 1 },
        { address: 'bob@tailspin.com', outcome: 'invited', guest: 'accepted', round: 1 },
      ],
      'microsoft',
    );
    const text = cardText(done);
    expect(text).not.toContain('Remaining');
    expect(cardText(cards.sending)).toContain('Remaining');
    expect(JSON.stringify(done)).toContain(JSON.stringify(`${HOSTILE}  `).slice(1, -1));
    expect(text).toMatch(/fox@contoso\.com\s*contoso\.com is your organisation’s domain\./);
    expect(text).not.toContain('Already in your organisation (your own domains)');
    const fixes = JSON.stringify(done).match(/"verb":"fix\.confirm","data":\{"address":"[^"]+"/g);
    expect(fixes).toEqual(['"verb":"fix.confirm","data":{"address":"jane@fabrikam.com"']);
    const verbs = (done as unknown as { actions: { verb?: string }[] }).actions.map((action) => action.verb);
    expect(verbs).toEqual(['chat.status', 'chat.invite']);
  });

  it('sign-in guides: "pass this on" only with link delivery, and behind Show details', () => {
    const guides = cards['done (sign-in guides)'];
    expect(cardText(guides)).toContain('Microsoft emailed each guest');
    expect(cardText(guides)).not.toContain('Pass this on');
    expect(JSON.stringify(guides)).toMatch(/"id":"sign-in-guides","isVisible":false/);
    expect(JSON.stringify(guides)).toContain('"targetElements":["sign-in-guides"]');
  });

  it('a help answer leads with the meaning and the first step; the rest is behind Show details', () => {
    const help = JSON.stringify(cards['help answer']);
    expect(help).toContain('First, the guest: Sign out, or open the invitation link in a private');
    expect(help).toMatch(/"id":"help-details-0","isVisible":false/);
  });

  it('status: names, filter buttons for the other filters, each row’s fixes by its state, a withdrawn row without any', () => {
    const status = cards['my invitations (paged)'];
    const json = JSON.stringify(status);
    expect(cardText(status)).toContain('for example status jane@fabrikam.com');
    expect(json).toContain('"title":"Pending (10)"');
    expect(json).not.toContain('"title":"All (25)"');
    expect(json).toContain('"data":{"address":"b@litware.org","action":"withdraw-invitation"}');
    expect(json).toContain('"data":{"address":"b@litware.org","action":"copy-link"}');
    expect(json).not.toMatch(/"address":"c@litware\.org","action"/);
  });

  it.each(everyCard)('%s holds no <word> placeholder in any text a person reads', (_name, card) => {
    for (const text of readableTexts(card)) expect(text.split(HOSTILE).join('')).not.toMatch(PLACEHOLDER);
  });

  it.each(everyCard)('%s has every word it reads from the catalogue: no template expression left unexpanded', (_name, card) => {
    for (const text of readableTexts(card)) expect(text.split(HOSTILE).join('')).not.toContain('${');
  });

  it('the unexpanded-expression check has teeth: a word missing from the catalogue stays a visible ${t.…}', () => {
    // What renderCard does with a key the catalogue lacks, or a message it left out for want of a value.
    const broken = new Template({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: '${t.nothing}' }] }).expand({ $root: { t: {} } });
    expect(readableTexts(broken).some((text) => text.includes('${'))).toBe(true);
  });

  it('German and French cards speak German and French', () => {
    const de = cardsIn(LANGUAGE_WORDS.de);
    const fr = cardsIn(LANGUAGE_WORDS.fr);
    expect(cardText(de.review)).toContain('Vor dem Senden prüfen');
    expect(cardText(fr.review)).toContain('Vérifier avant l’envoi');
    expect(cardText(de.sending)).toContain('1 von 2 erledigt');
    expect(cardText(fr.sending)).toContain('1 sur 2 traitées');
  });

  it('the placeholder check has teeth', () => {
    expect(readableTexts({ type: 'FactSet', facts: [{ title: 'invite <addresses>', value: 'x' }] }).some((text) => PLACEHOLDER.test(text))).toBe(true);
    expect(PLACEHOLDER.test('Jane Doe <jane@fabrikam.com>')).toBe(false);
  });

  it('help and usage write each command’s argument as an example', () => {
    const help = cardText(helpCard(words, 'personal', 'microsoft'));
    for (const example of ['invite jane@fabrikam.com, bob@tailspin.com', 'help the link expired', 'status jane@fabrikam.com', 'audit jane@fabrikam.com 30']) expect(help).toContain(example);
    expect(cardText(usageCard(words, 'hullo'))).toContain('invite jane@fabrikam.com, bob@tailspin.com');
  });

  it('buttons that stand for a command are Action.Submit with the command as data: no imBack, which the Playground drops', () => {
    expect(commandButtons(welcomeCard(words, 'personal', 'Guest Invites'))).toEqual({ 'Invite someone': 'invite', Help: 'help' });
    expect(commandButtons(welcomeCard(words, 'channel', 'Guest Invites'))).toEqual({ 'Invite someone': 'invite', Help: 'help' });
    expect(commandButtons(usageCard(words, 'hullo'))).toEqual({ 'Invite someone': 'invite', Help: 'help' });
    expect(commandButtons(helpCard(words, 'personal', 'microsoft'))).toEqual({ 'Invite someone': 'invite' });
    expect(commandButtons(greetingCard(words, 'Dana Scully', false))).toEqual({ 'Invite someone': 'invite', 'My invitations': 'status', Help: 'help' });
    const templates = new URL('../../cards/', import.meta.url);
    for (const file of readdirSync(templates)) expect(readFileSync(new URL(file, templates), 'utf8'), file).not.toContain('imBack');
  });

  it('greets by name, and answers thanks', () => {
    expect(cardText(greetingCard(words, 'Dana Scully', false))).toContain('Hello, Dana Scully!');
    expect(cardText(greetingCard(words, 'Dana Scully', true))).toContain('You’re welcome, Dana Scully.');
    expect(cardText(greetingCard(words, '  ', false))).toContain('Hello!');
  });

  it('the invite form offers a personal note only where it reaches the guest, and says how to make it reach them', () => {
    expect(offersNote(inviteFormCard(words, { redirectChoices: FORM_CHOICES, delivery: 'mailbox' }))).toBe(true);
    for (const delivery of ['microsoft', 'link'] as const) expect(offersNote(inviteFormCard(words, { redirectChoices: FORM_CHOICES, delivery })), delivery).toBe(false);
    const microsoft = cardText(inviteFormCard(words, { redirectChoices: FORM_CHOICES, delivery: 'microsoft' }));
    expect(microsoft).toContain('an administrator sets the mailbox delivery (INVITATION_DELIVERY=mailbox)');
    expect(microsoft).not.toMatch(/your note/i);
  });

  it('an acceptance or a reminder says "your invitation" only in a personal chat; elsewhere it names the inviter', () => {
    const record = { tenantId: 't', email: 'jane@fabrikam.com', displayName: 'Jane Doe', state: 'Accepted' as const, actualPath: 'google' as const, inviter: { name: 'Dana Scully' }, attempts: 1, createdAt: '2026-11-01T00:00:00Z', updatedAt: '' };
    const now = new Date('2026-11-10T00:00:00Z');
    expect(cardText(acceptedNotice(words, record, 'personal')).replace(/\n/g, '')).toContain('Jane Doe (jane@fabrikam.com) accepted your invitation and signs in with: Google');
    for (const where of ['groupChat', 'channel'] as const) {
      const accepted = cardText(acceptedNotice(words, record, where)).replace(/\n/g, '');
      expect(accepted).toContain('Jane Doe (jane@fabrikam.com) accepted the invitation Dana Scully sent and signs in with: Google');
      expect(accepted).not.toContain('your');
      const pending = cardText(stillPendingNotice(words, { ...record, state: 'PendingAcceptance' }, where, now)).replace(/\n/g, '');
      expect(pending).toContain('has not accepted the invitation Dana Scully sent 9 days ago');
      expect(pending).not.toContain('your');
    }
    expect(cardText(stillPendingNotice(words, { ...record, state: 'PendingAcceptance' }, 'personal', now))).toContain('has not accepted your invitation in 9 days');
    expect(cardText(acceptedNotice(words, { ...record, inviter: {}, displayName: undefined }, 'channel')).replace(/\n/g, '')).toContain('jane@fabrikam.com accepted an invitation sent from this chat');
  });

  it('rejects a card that breaks the schema (the validator has teeth)', () => {
    expect(validateCard({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', txt: 'typo' }] })).not.toEqual([]);
  });
});
