/** The message extension's review dialog: schema-valid Adaptive Card 1.5, under Teams' size limit, user text inert, in every language. */
import { describe, expect, it } from 'vitest';
import { extensionReviewCard, MAX_DIALOG_ADDRESSES } from '../../src/cards/extension-cards.js';
import type { AttentionReason, InviteBatch, ReviewEntry } from '../../src/domain/invitations/batch.js';
import { translatorFor } from '../../src/i18n/translator.js';
import { cardText } from '../support/connector-recorder.js';
import { validateCard } from '../support/schemas.js';

const TEAMS_CARD_LIMIT_BYTES = 28 * 1024;
const HOSTILE = '[click](https://evil.example) **bold** ${t.send} {count}';
const REASONS: AttentionReason[] = ['invalid-address', 'missing-at', 'own-domain', 'blocked-domain', 'not-allowed-domain', 'existing-guest', 'existing-member', 'already-invited', 'inbound-blocked'];

function batch(entries: ReviewEntry[]): InviteBatch {
  const options = { personalMessage: '', redirectUrl: 'https://myapps.microsoft.com', messageLanguage: 'en-US' };
  return {
    tenantId: 't', batchId: 'b1', state: 'Draft', starter: { aadObjectId: 'u1', name: HOSTILE }, conversationId: 'c', conversationType: 'channel',
    typed: { addresses: '', ...options }, options, entries, round: 0, createdAt: '2026-12-05T10:00:00.000Z', updatedAt: '2026-12-05T10:00:00.000Z',
  };
}

const longAddress = (i: number) => `${'a'.repeat(60)}.${i}@${'sub.'.repeat(20)}fabrikam.com`;

describe('the message extension review dialog', () => {
  it.each(['en', 'de', 'fr'])('is a valid Adaptive Card 1.5 under 28 KB at its largest (%s)', (locale) => {
    const entries: ReviewEntry[] = Array.from({ length: MAX_DIALOG_ADDRESSES }, (_, i) =>
      i % 2 === 0 ? { address: longAddress(i), occurrences: 1, outsideAllowedDomains: true } : { address: longAddress(i), occurrences: 1, attention: REASONS[i % REASONS.length]! },
    );
    const card = extensionReviewCard(batch(entries), HOSTILE, translatorFor({ locale }));
    expect(validateCard(card)).toEqual([]);
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(TEAMS_CARD_LIMIT_BYTES);
  });

  it('keeps the message author’s name inert (a TextRun, never evaluated as a template)', () => {
    const card = extensionReviewCard(batch([{ address: 'jane@fabrikam.com', occurrences: 1 }]), HOSTILE, translatorFor());
    const body = card.body as { type: string; inlines?: { type: string; text: string }[] }[];
    expect(body[0]).toEqual({ type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: `Addresses in ${HOSTILE}’s message:` }] });
  });

  it('has nothing to send when every address is flagged', () => {
    const card = extensionReviewCard(batch([{ address: 'dana@contoso.com', occurrences: 1, attention: 'own-domain' }]), '', translatorFor());
    expect(card.actions ?? []).toEqual([]);
    expect(cardText(card)).toContain('There is nobody here I can invite');
    expect(validateCard(card)).toEqual([]);
  });
});
