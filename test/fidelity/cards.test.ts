/** Every card the bot can send validates against Microsoft's Adaptive Cards 1.5 schema, and user text stays text. */
import { describe, expect, it } from 'vitest';
import { helpCard, problemCard, usageCard, welcomeCard } from '../../src/cards/conversation-cards.js';
import { invitationResultCard } from '../../src/cards/invitation-result-card.js';
import { ServiceError } from '../../src/domain/errors.js';
import type { InvitationRecord } from '../../src/domain/invitations/invitation.js';
import type { InviteGuestOutcome } from '../../src/domain/use-cases/invite-guest.js';
import type { AdaptiveCard } from '../../src/cards/render.js';
import { validateCard } from '../support/schemas.js';

const HOSTILE = '${x} [a](https://evil.example) <script>alert(1)</script> **bold**';

const record: InvitationRecord = {
  tenantId: 't',
  email: 'jane@fabrikam.com',
  displayName: HOSTILE,
  state: 'PendingAcceptance',
  inviter: { aadObjectId: 'u1', name: HOSTILE },
  attempts: 1,
  createdAt: '2026-11-25T10:00:00.000Z',
  updatedAt: '2026-11-25T10:00:00.000Z',
  sentAt: '2026-11-25T10:00:00.000Z',
  inviteRedeemUrl: 'https://login.microsoftonline.com/redeem?rd=x',
};

const outcomes: InviteGuestOutcome[] = [
  { kind: 'invited', record },
  { kind: 'already-invited', record: { ...record, state: 'Accepted' } },
  { kind: 'existing-guest', email: 'ann@fabrikam.com', user: { id: 'g', userType: 'Guest', displayName: HOSTILE, externalUserState: 'PendingAcceptance' } },
  { kind: 'existing-member', email: 'fox@partner.com', user: { id: 'm', userType: 'Member' } },
  { kind: 'own-domain', email: 'fox@contoso.com', domain: 'contoso.com' },
  { kind: 'invalid-address', address: HOSTILE, problem: 'missing-at' },
  { kind: 'in-progress', email: 'jane@fabrikam.com' },
  { kind: 'failed', email: 'jane@fabrikam.com', error: new ServiceError('graph.invitation-refused', 'HTTP 400', HOSTILE) },
];

/** Every string in the card that is not inside a TextRun: where markdown would be rendered. */
function markdownTexts(node: unknown, inRun = false): string[] {
  if (Array.isArray(node)) return node.flatMap((child) => markdownTexts(child, inRun));
  if (!node || typeof node !== 'object') return [];
  const record = node as Record<string, unknown>;
  const run = record.type === 'TextRun';
  const own = !run && typeof record.text === 'string' ? [record.text] : [];
  return [...own, ...Object.values(record).flatMap((child) => markdownTexts(child, inRun || run))];
}

describe('cards', () => {
  const cards: Record<string, AdaptiveCard> = {
    'welcome (personal)': welcomeCard('personal', 'Guest Invites'),
    'welcome (channel)': welcomeCard('channel', 'Guest Invites'),
    help: helpCard('groupChat', false),
    usage: usageCard(HOSTILE),
    problem: problemCard('Title', HOSTILE, 'ref-1'),
    ...Object.fromEntries(outcomes.map((outcome) => [`result: ${outcome.kind}`, invitationResultCard(outcome, { sendsInvitationEmail: false })])),
  };

  it.each(Object.entries(cards))('%s validates against Adaptive Cards 1.5', (_name, card) => {
    expect(card.version).toBe('1.5');
    expect(validateCard(card)).toEqual([]);
  });

  it.each(Object.entries(cards))('%s shows user text only as plain TextRuns', (_name, card) => {
    for (const text of markdownTexts(card)) expect(text).not.toContain('evil.example');
  });

  it('keeps hostile display names verbatim, never expanded', () => {
    const json = JSON.stringify(cards['result: invited']);
    expect(json).toContain(JSON.stringify(`${HOSTILE} `).slice(1, -1));
  });

  it('rejects a card that breaks the schema (the validator has teeth)', () => {
    expect(validateCard({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', txt: 'typo' }] })).not.toEqual([]);
  });
});
