import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/bot/commands.js';
import { myGuestsCard } from '../../src/cards/my-guests-cards.js';
import { GUESTS_PAGE_SIZE, myGuests, type SponsoredGuest } from '../../src/domain/use-cases/my-guests.js';
import { translatorFor } from '../../src/i18n/translator.js';
import { cardText } from '../support/connector-recorder.js';

/** Every Action.Execute on the card, wherever it sits. */
function actionsOf(node: unknown): { verb?: string; data?: { address?: string } }[] {
  if (Array.isArray(node)) return node.flatMap(actionsOf);
  if (typeof node !== 'object' || node === null) return [];
  const own = (node as { type?: unknown }).type === 'Action.Execute' ? [node as { verb?: string; data?: { address?: string } }] : [];
  return [...own, ...Object.values(node).flatMap(actionsOf)];
}
import { MemoryInvitationStore } from '../support/in-memory-ports.js';
import { MemoryGuestLifecycleStore } from '../support/lifecycle-fakes.js';
import { validateCard } from '../support/schemas.js';

function record(email: string, extra: Partial<SponsoredGuest>): SponsoredGuest {
  return { tenantId: 't', email, state: 'PendingAcceptance', inviter: { aadObjectId: 'dana', name: 'Dana' }, attempts: 1, createdAt: '2026-11-01T10:00:00Z', updatedAt: '2026-11-01T10:00:00Z', ...extra };
}

describe('my guests', () => {
  it('lists the pending and accepted guests a person sponsors (inviter or co-sponsor), newest first, paged', async () => {
    const store = new MemoryInvitationStore();
    const care = new MemoryGuestLifecycleStore();
    for (let day = 1; day <= GUESTS_PAGE_SIZE + 2; day++) {
      await store.create(record(`g${day}@fabrikam.com`, { sentAt: `2026-11-${String(day).padStart(2, '0')}T10:00:00Z`, sponsorIds: ['dana', 'fox'] }));
    }
    await store.create(record('withdrawn@fabrikam.com', { state: 'Withdrawn' }));
    await store.create(record('old@fabrikam.com', { state: 'Accepted' }));
    await store.create(record('other@fabrikam.com', { inviter: { aadObjectId: 'walter' } }));

    const first = await myGuests({ store, care, tenantId: 't' }, 'dana', 0);
    expect(first.total).toBe(GUESTS_PAGE_SIZE + 3);
    expect(first.rows[0]?.email).toBe('g12@fabrikam.com');
    expect(first.pageCount).toBe(2);
    const fox = await myGuests({ store, care, tenantId: 't' }, 'FOX', 5);
    expect(fox.page).toBe(1);
    expect(fox.total).toBe(GUESTS_PAGE_SIZE + 2);
    expect((await myGuests({ store, care, tenantId: 't' }, 'walter', 0)).rows.map((r) => r.email)).toEqual(['other@fabrikam.com']);
  });

  it('speaks English, German and French, as a valid card; user text stays in TextRuns', async () => {
    const page = { rows: [record('x@fabrikam.com', { displayName: '[x](https://evil.example)', state: 'Accepted', actualPath: 'entra' })], page: 0, pageCount: 1, total: 1 };
    for (const locale of ['en-US', 'de-DE', 'fr-FR']) {
      const card = myGuestsCard(translatorFor({ locale }), page, new Date('2026-11-04T10:00:00Z'));
      expect(validateCard(card)).toEqual([]);
    }
    expect(cardText(myGuestsCard(translatorFor({ locale: 'de-DE' }), page, new Date('2026-11-04T10:00:00Z')))).toContain('vor 3 Tagen');
  });

  it('offers Keep while a question is open, Remove for accepted guests (confirmed in the card), and shows a removed guest as blocked until its deletion', () => {
    const now = new Date('2026-11-04T10:00:00Z');
    const page = {
      rows: [
        record('asked@fabrikam.com', { state: 'Accepted', care: { asked: { rule: 'access-review', at: '2026-11-01T10:00:00Z', answerBy: '2026-11-15T10:00:00Z' } } }),
        record('blocked@fabrikam.com', { state: 'Accepted', care: { blocked: { rule: 'sponsor-decision', at: '2026-11-03T10:00:00Z', deleteAt: '2026-11-10T10:00:00Z', by: { aadObjectId: 'dana' } } } }),
        record('pending@fabrikam.com', {}),
      ],
      page: 0,
      pageCount: 1,
      total: 3,
    };
    const verbsFor = (card: ReturnType<typeof myGuestsCard>, address: string) => actionsOf(card).filter((action) => action.data?.address === address).map((action) => action.verb);
    for (const locale of ['en-US', 'de-DE', 'fr-FR']) {
      const words = translatorFor({ locale, timeZone: 'UTC' });
      const views = [
        { kind: 'list' as const },
        { kind: 'confirm-remove' as const, address: 'asked@fabrikam.com' },
        { kind: 'answered' as const, address: 'asked@fabrikam.com', outcome: { kept: [], removed: ['asked@fabrikam.com'], withdrawn: [], refused: [], deleteAt: '2026-11-11T10:00:00Z' } },
      ];
      for (const view of views) expect(validateCard(myGuestsCard(words, page, now, view))).toEqual([]);
    }
    const words = translatorFor({ locale: 'en-US', timeZone: 'UTC' });
    const list = myGuestsCard(words, page, now);
    expect(verbsFor(list, 'asked@fabrikam.com')).toEqual(['fix.confirm', 'guests.keep', 'guests.confirm-remove']);
    expect(verbsFor(list, 'blocked@fabrikam.com')).toEqual([]);
    expect(verbsFor(list, 'pending@fabrikam.com')).toEqual(['fix.confirm', 'fix.confirm']);
    expect(cardText(list)).toContain('Sign-in blocked');
    expect(cardText(list)).toContain('the guest is deleted on Nov 10, 2026');
    const confirming = myGuestsCard(words, page, now, { kind: 'confirm-remove', address: 'asked@fabrikam.com' });
    expect(verbsFor(confirming, 'asked@fabrikam.com')).toEqual(['guests.remove']);
    expect(actionsOf(confirming).filter((action) => action.verb === 'guests.page')).toHaveLength(1);
    const answered = myGuestsCard(words, page, now, { kind: 'answered', address: 'asked@fabrikam.com', outcome: { kept: [], removed: [], withdrawn: [], refused: [{ email: 'asked@fabrikam.com', why: 'not-asked' }] } });
    expect(cardText(answered)).toContain('Nothing to decide any more');
  });

  it('is asked for with "my guests", "meine Gäste" or "mes invités", in any case and spacing', () => {
    for (const words of ['my guests', 'My  Guests', 'meine gäste', 'Mes invités']) expect(parseCommand(words)).toEqual({ kind: 'my-guests' });
    expect(parseCommand('my guests please').kind).not.toBe('my-guests');
  });
});
