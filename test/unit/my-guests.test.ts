import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/bot/commands.js';
import { myGuestsCard } from '../../src/cards/my-guests-cards.js';
import type { InvitationRecord } from '../../src/domain/invitations/invitation.js';
import { GUESTS_PAGE_SIZE, myGuests } from '../../src/domain/use-cases/my-guests.js';
import { translatorFor } from '../../src/i18n/translator.js';
import { cardText } from '../support/connector-recorder.js';
import { MemoryInvitationStore } from '../support/in-memory-ports.js';
import { validateCard } from '../support/schemas.js';

function record(email: string, extra: Partial<InvitationRecord>): InvitationRecord {
  return { tenantId: 't', email, state: 'PendingAcceptance', inviter: { aadObjectId: 'dana', name: 'Dana' }, attempts: 1, createdAt: '2026-11-01T10:00:00Z', updatedAt: '2026-11-01T10:00:00Z', ...extra };
}

describe('my guests', () => {
  it('lists the pending and accepted guests a person sponsors (inviter or co-sponsor), newest first, paged', async () => {
    const store = new MemoryInvitationStore();
    for (let day = 1; day <= GUESTS_PAGE_SIZE + 2; day++) {
      await store.create(record(`g${day}@fabrikam.com`, { sentAt: `2026-11-${String(day).padStart(2, '0')}T10:00:00Z`, sponsorIds: ['dana', 'fox'] }));
    }
    await store.create(record('withdrawn@fabrikam.com', { state: 'Withdrawn' }));
    await store.create(record('old@fabrikam.com', { state: 'Accepted' }));
    await store.create(record('other@fabrikam.com', { inviter: { aadObjectId: 'walter' } }));

    const first = await myGuests({ store, tenantId: 't' }, 'dana', 0);
    expect(first.total).toBe(GUESTS_PAGE_SIZE + 3);
    expect(first.rows[0]?.email).toBe('g12@fabrikam.com');
    expect(first.pageCount).toBe(2);
    const fox = await myGuests({ store, tenantId: 't' }, 'FOX', 5);
    expect(fox.page).toBe(1);
    expect(fox.total).toBe(GUESTS_PAGE_SIZE + 2);
    expect((await myGuests({ store, tenantId: 't' }, 'walter', 0)).rows.map((r) => r.email)).toEqual(['other@fabrikam.com']);
  });

  it('speaks English, German and French, as a valid card; user text stays in TextRuns', async () => {
    const page = { rows: [record('x@fabrikam.com', { displayName: '[x](https://evil.example)', state: 'Accepted', actualPath: 'entra' })], page: 0, pageCount: 1, total: 1 };
    for (const locale of ['en-US', 'de-DE', 'fr-FR']) {
      const card = myGuestsCard(translatorFor({ locale }), page, new Date('2026-11-04T10:00:00Z'));
      expect(validateCard(card)).toEqual([]);
    }
    expect(cardText(myGuestsCard(translatorFor({ locale: 'de-DE' }), page, new Date('2026-11-04T10:00:00Z')))).toContain('vor 3 Tagen');
  });

  it('is asked for with "my guests", "meine Gäste" or "mes invités", in any case and spacing', () => {
    for (const words of ['my guests', 'My  Guests', 'meine gäste', 'Mes invités']) expect(parseCommand(words)).toEqual({ kind: 'my-guests' });
    expect(parseCommand('my guests please').kind).not.toBe('my-guests');
  });
});
