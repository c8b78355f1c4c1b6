/** The same conversation in English, German and French: the cards a person sees, each in their words. */
import { describe, expect, it } from 'vitest';
import { approvalCard } from '../../src/cards/admin-cards.js';
import { batchStatusCard, inviteFormCard, reviewCard } from '../../src/cards/batch-cards.js';
import { helpCard } from '../../src/cards/conversation-cards.js';
import { fixResultCard } from '../../src/cards/fix-cards.js';
import { helpAnswerCard } from '../../src/cards/help-cards.js';
import { failureReason, ServiceError } from '../../src/domain/errors.js';
import { message } from '../../src/domain/message.js';
import { understandQuestion } from '../../src/domain/redemption/help-question.js';
import { acceptedNotice, stillPendingNotice } from '../../src/cards/notice-cards.js';
import type { InviteBatch, ReviewEntry } from '../../src/domain/invitations/batch.js';
import type { InvitationRecord } from '../../src/domain/invitations/invitation.js';
import { translatorFor } from '../../src/i18n/translator.js';
import { cardText } from '../support/connector-recorder.js';

const WORDS = {
  en: translatorFor({ locale: 'en-GB', timeZone: 'Europe/London' }),
  de: translatorFor({ locale: 'de-DE', timeZone: 'Europe/Berlin' }),
  fr: translatorFor({ locale: 'fr-FR', timeZone: 'Europe/Paris' }),
};

const entries: ReviewEntry[] = [
  { address: 'jane@fabrikam.com', displayName: 'Jane Doe', occurrences: 1 },
  { address: 'bob@tailspin.com', occurrences: 1 },
  { address: 'x@bad.blocked.example', attention: 'blocked-domain', detail: '*.blocked.example', occurrences: 1 },
  { address: 'fox@contoso.com', attention: 'own-domain', detail: 'contoso.com', occurrences: 1 },
];

function batch(overrides: Partial<InviteBatch> = {}): InviteBatch {
  const options = { personalMessage: '', redirectUrl: 'https://myapps.microsoft.com/', messageLanguage: 'de-DE' };
  return {
    tenantId: 't', batchId: 'b1', state: 'Draft', starter: { aadObjectId: 'u1', name: 'Dana Scully' }, conversationId: 'c', conversationType: 'groupChat',
    typed: { addresses: '', ...options }, options, entries, round: 0, createdAt: '2026-12-01T10:00:00.000Z', updatedAt: '2026-12-01T10:00:00.000Z', ...overrides,
  };
}

const CONTEXT = { redirectChoices: [{ title: 'My Apps', url: 'https://myapps.microsoft.com/' }], delivery: 'microsoft' as const };
const record: InvitationRecord = {
  tenantId: 't', email: 'jane@fabrikam.com', displayName: 'Jane Doe', state: 'Accepted', inviter: { name: 'Dana Scully' }, attempts: 1,
  createdAt: '2026-11-01T00:00:00Z', sentAt: '2026-11-01T00:00:00Z', updatedAt: '',
};

/** Every Action.OpenUrl of a card: the links a person can open. */
function openUrls(card: unknown): { title: string; url: string }[] {
  if (Array.isArray(card)) return card.flatMap(openUrls);
  if (!card || typeof card !== 'object') return [];
  const node = card as Record<string, unknown>;
  const own = node.type === 'Action.OpenUrl' ? [{ title: String(node.title), url: String(node.url) }] : [];
  return [...own, ...Object.values(node).flatMap(openUrls)];
}

const PUBLIC_BASE_URL = 'https://guest-invites.contoso.example';

/** The domain's codes said in each language: the guest's steps, failure reasons, a pause, a service error, the guest help page. */
const domainWords = {
  en: {
    steps: ['Open the invitation link (Accept invitation in the email).', 'Sign in with your work account at Fabrikam, as you do every day, including its multi-factor sign-in.', 'Accept the permissions page (Review permissions).'],
    refused: 'do not allow invitations to this domain. An administrator can change that list. (tailspin.com)',
    invalid: 'Not a valid address.',
    paused: 'Microsoft has temporarily blocked invitations from your organisation',
    dailyLimit: 'Today’s invitation limit for your organisation is reached.',
    fixFailed: 'Microsoft Graph is limiting requests right now. Please try again in a minute.',
    guestHelp: { guide: 'Help page for the guest', answer: 'Help page for guests' },
  },
  de: {
    steps: ['Öffnen Sie den Einladungslink („Einladung annehmen“ in der E-Mail).', 'Melden Sie sich wie jeden Tag mit Ihrem Geschäftskonto bei Fabrikam an, einschließlich der mehrstufigen Anmeldung.', 'Bestätigen Sie die Seite „Berechtigungen überprüfen“ mit „Akzeptieren“.'],
    refused: 'erlauben keine Einladungen an diese Domäne. Ein Administrator kann diese Liste ändern. (tailspin.com)',
    invalid: 'Keine gültige Adresse.',
    paused: 'Microsoft hat Einladungen aus Ihrer Organisation vorübergehend gesperrt',
    dailyLimit: 'Das heutige Einladungslimit Ihrer Organisation ist erreicht.',
    fixFailed: 'Microsoft Graph begrenzt gerade die Anfragen. Bitte versuchen Sie es in einer Minute erneut.',
    guestHelp: { guide: 'Hilfeseite für den Gast', answer: 'Hilfeseite für Gäste' },
  },
  fr: {
    steps: ['Ouvrez le lien d’invitation (« Accepter l’invitation » dans l’e-mail).', 'Connectez-vous avec votre compte professionnel chez Fabrikam, comme chaque jour, y compris l’authentification multifacteur.', 'Acceptez la page des autorisations (« Vérifier les autorisations »).'],
    refused: 'n’autorisent pas les invitations vers ce domaine. Un administrateur peut modifier cette liste. (tailspin.com)',
    invalid: 'Adresse non valide.',
    paused: 'Microsoft a temporairement bloqué les invitations de votre organisation',
    dailyLimit: 'La limite quotidienne d’invitations de votre organisation est atteinte.',
    fixFailed: 'Microsoft Graph limite les requêtes en ce moment. Veuillez réessayer dans une minute.',
    guestHelp: { guide: 'Page d’aide pour l’invité', answer: 'Page d’aide pour les invités' },
  },
} as const;

const expected = {
  en: {
    help: ['Guest Invites: help', 'help the link expired', 'Microsoft’s invitation email with an Accept link.'],
    review: ['Review before sending', '2 addresses ready to invite, 2 need attention (not sent).', 'Blocked domains', 'contoso.com is your organisation’s domain.', 'Send 2 invitations', 'Drop the 2 flagged addresses'],
    sending: ['Sending 2 invitations… 1 of 2 done', 'Remaining'],
    done: ['2 invitations sent', 'Microsoft has emailed the invitation', 'Not sent (needed attention)'],
    accepted: ['Invitation accepted', 'accepted the invitation Dana Scully sent.'],
    pending: ['has not accepted the invitation Dana Scully sent 9 days ago. Dana Scully can resend it'],
    approval: ['Approval needed: guest invitations', ' asks to invite 2 guests from a group chat.', 'Approve and send', 'Reject'],
    decided: ['Approved: guest invitations', 'Approved by Fox Mulder on 1 Dec 2026, 09:30'],
  },
  de: {
    help: ['Guest Invites: Hilfe', 'hilfe der Link ist abgelaufen', 'die Einladungs-E-Mail von Microsoft mit einem Annahmelink.'],
    review: ['Vor dem Senden prüfen', '2 Adressen bereit zum Einladen, 2 erfordern Ihre Aufmerksamkeit (werden nicht gesendet).', 'Gesperrte Domänen', 'contoso.com ist eine Domäne Ihrer Organisation.', '2 Einladungen senden', 'Die 2 markierten Adressen entfernen'],
    sending: ['2 Einladungen werden gesendet… 1 von 2 erledigt', 'Verbleibend'],
    done: ['2 Einladungen gesendet', 'Microsoft hat jedem eingeladenen Gast', 'Nicht gesendet (erforderte Aufmerksamkeit)'],
    accepted: ['Einladung angenommen', 'hat die Einladung von Dana Scully angenommen.'],
    pending: ['hat die Einladung, die Dana Scully vor 9 Tagen gesendet hat, noch nicht angenommen.'],
    approval: ['Genehmigung erforderlich: Gasteinladungen', ' möchte 2 Gäste aus einem Gruppenchat einladen.', 'Genehmigen und senden', 'Ablehnen'],
    decided: ['Genehmigt: Gasteinladungen', 'Genehmigt von Fox Mulder am 01.12.2026, 10:30'],
  },
  fr: {
    help: ['Guest Invites : aide', 'aide le lien a expiré', 'l’e-mail d’invitation de Microsoft avec un lien d’acceptation.'],
    review: ['Vérifier avant l’envoi', '2 adresses prêtes à inviter, 2 demandent votre attention (non envoyées).', 'Domaines bloqués', 'contoso.com est un domaine de votre organisation.', 'Envoyer 2 invitations', 'Retirer les 2 adresses signalées'],
    sending: ['Envoi de 2 invitations… 1 sur 2 traitées', 'Restantes'],
    done: ['2 invitations envoyées', 'Microsoft a envoyé l’invitation par e-mail', 'Non envoyées (demandaient votre attention)'],
    accepted: ['Invitation acceptée', 'a accepté l’invitation envoyée par Dana Scully.'],
    pending: ['n’a pas accepté l’invitation envoyée par Dana Scully il y a 9 jours.'],
    approval: ['Approbation requise : invitations d’invités', ' souhaite inviter 2 invités depuis une conversation de groupe.', 'Approuver et envoyer', 'Refuser'],
    decided: ['Approuvé : invitations d’invités', 'Approuvé par Fox Mulder le 1 déc. 2026, 10:30'],
  },
} as const;

describe.each(Object.entries(WORDS))('the same conversation in %s', (language, words) => {
  const says = expected[language as keyof typeof expected];
  const sees = (card: object, lines: readonly string[]) => {
    const text = cardText(card).replace(/\u202f|\u00a0/g, ' ');
    for (const line of lines) expect(text).toContain(line);
  };

  it('help', () => sees(helpCard(words, 'personal', 'microsoft'), says.help));

  it('a review with flagged addresses', () => sees(reviewCard(words, batch(), CONTEXT), says.review));

  it('the default landing pages, which no administrator named, in the reader’s words', () => {
    const defaults = { redirectChoices: [{ url: 'https://myapps.microsoft.com/?tenantid=t' }, { url: 'https://teams.microsoft.com/?tenantId=t' }], delivery: 'microsoft' as const };
    const named = { en: ['My Apps (your organisation)', 'Microsoft Teams (your organisation)'], de: ['Meine Apps (Ihre Organisation)', 'Microsoft Teams (Ihre Organisation)'], fr: ['Mes applications (votre organisation)', 'Microsoft Teams (votre organisation)'] }[language as 'en'];
    sees(inviteFormCard(words, defaults), named);
    sees(reviewCard(words, batch({ options: { personalMessage: '', redirectUrl: 'https://myapps.microsoft.com/?tenantid=t', messageLanguage: 'de-DE' } }), defaults), named.slice(0, 1));
  });

  it('the progress card, then the result', () => {
    sees(batchStatusCard(words, batch({ state: 'Sending', round: 1 }), [{ address: 'jane@fabrikam.com', outcome: 'invited', round: 1 }], 'microsoft'), says.sending);
    const results = [
      { address: 'jane@fabrikam.com', outcome: 'invited' as const, round: 1 },
      { address: 'bob@tailspin.com', outcome: 'invited' as const, round: 1 },
    ];
    sees(batchStatusCard(words, batch({ state: 'Done', round: 1 }), results, 'microsoft'), says.done);
  });

  it('the acceptance notice and the reminder, in a group chat', () => {
    sees(acceptedNotice(words, record, 'groupChat'), says.accepted);
    sees(stillPendingNotice(words, { ...record, state: 'PendingAcceptance' }, 'groupChat', new Date('2026-11-10T00:00:00Z')), says.pending);
  });

  it('the result: the guest’s steps, each failure’s reason and the guest help page, in the inviter’s words', () => {
    const predicted: ReviewEntry = { ...entries[0]!, prediction: { path: 'entra', via: 'Fabrikam', confidence: 'likely', warnings: [] } };
    const results = [
      { address: 'jane@fabrikam.com', outcome: 'invited' as const, round: 1 },
      { address: 'bob@tailspin.com', outcome: 'failed' as const, reason: failureReason('graph.domain-blocked', 'tailspin.com'), code: 'graph.domain-blocked', round: 1 },
      { address: 'old@tailspin.com', outcome: 'failed' as const, reason: 'Kept as English text by an older version.', round: 1 },
      { address: 'x@tailspin.com', outcome: 'failed' as const, reason: message('outcomes:reason.invalid-address'), round: 1 },
    ];
    const done = batch({ state: 'Done', round: 1, conversationType: 'personal', entries: [predicted, ...entries.slice(1), { address: 'old@tailspin.com', occurrences: 1 }, { address: 'x@tailspin.com', occurrences: 1 }] });
    const card = batchStatusCard(words, done, results, 'microsoft', 0, PUBLIC_BASE_URL);
    const said = domainWords[language as keyof typeof domainWords];
    sees(card, [...said.steps, said.refused, said.invalid, 'Kept as English text by an older version.']);
    expect(openUrls(card)).toEqual([{ title: said.guestHelp.guide, url: `${PUBLIC_BASE_URL}/guest-help?lang=${language}#work-account` }]);
    expect(openUrls(batchStatusCard(words, done, results, 'microsoft'))).toEqual([]);
  });

  it('a paused batch and a failed fix say why, in the reader’s words', () => {
    const said = domainWords[language as keyof typeof domainWords];
    sees(batchStatusCard(words, batch({ state: 'Paused', round: 1, pause: { reason: 'anti-abuse' } }), [], 'microsoft'), [said.paused]);
    sees(batchStatusCard(words, batch({ state: 'Paused', round: 1, pause: { reason: 'daily-limit', resumesAt: '2026-12-02T00:00:00Z' } }), [], 'microsoft'), [said.dailyLimit]);
    sees(fixResultCard(words, 'jane@fabrikam.com', 'resend', { kind: 'failed', error: new ServiceError('graph.throttled', 'HTTP 429') }), [said.fixFailed]);
  });

  it('a help answer links each topic to the guest help page in the reader’s language, and nowhere without a public address', () => {
    const said = domainWords[language as keyof typeof domainWords];
    const question = understandQuestion('AADSTS50020 and AADSTS999999');
    expect(openUrls(helpAnswerCard(words, question, undefined, PUBLIC_BASE_URL))).toEqual([
      { title: said.guestHelp.answer, url: `${PUBLIC_BASE_URL}/guest-help?lang=${language}#wrong-account` },
      { title: said.guestHelp.answer, url: `${PUBLIC_BASE_URL}/guest-help?lang=${language}#other-error` },
    ]);
    expect(openUrls(helpAnswerCard(words, question))).toEqual([]);
  });

  it('the approval card, open and decided (the time in the reader’s zone)', () => {
    const approval = { reasons: [{ kind: 'batch-size' as const, count: 2, limit: 1 }], requestedAt: '2026-12-01T09:00:00Z' };
    sees(approvalCard(words, batch({ state: 'AwaitingApproval', approval })), says.approval);
    const decision = { outcome: 'approved' as const, by: { name: 'Fox Mulder' }, comment: '', at: '2026-12-01T09:30:00Z' };
    sees(approvalCard(words, batch({ state: 'Sending', round: 1, approval: { ...approval, decision } })), says.decided);
  });
});
