/** Guests whose sponsors have all left, and handing them over: only the bot's own guests, administrators only, add before remove, audited. */
import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/bot/commands.js';
import { handOverNotice, sponsorlessGuestsCard } from '../../src/cards/sponsor-cards.js';
import type { InvitationRecord } from '../../src/domain/invitations/invitation.js';
import type { SponsorAccount, SponsorDirectory } from '../../src/domain/ports/sponsor-directory.js';
import { ServiceError } from '../../src/domain/errors.js';
import { handOverGuests, sponsorlessGuests, type HandOverDependencies } from '../../src/domain/use-cases/hand-over-guests.js';
import { translatorFor } from '../../src/i18n/translator.js';
import { cardText } from '../support/connector-recorder.js';
import { FakeClock, MemoryAuditLog, MemoryInvitationStore, ScriptedDirectory } from '../support/in-memory-ports.js';
import { validateCard } from '../support/schemas.js';

/** Sponsors by guest id; every read (the guests asked) and every change made, in order. */
class MemorySponsors implements SponsorDirectory {
  readonly reads: string[][] = [];
  readonly changes: string[] = [];
  failFor = new Set<string>();
  constructor(readonly lists: Map<string, SponsorAccount[]>) {}
  async sponsorsOfGuests(guestIds: readonly string[]) {
    this.reads.push([...guestIds]);
    return new Map(guestIds.flatMap((id) => (this.lists.has(id) ? [[id, this.lists.get(id) ?? []] as const] : [])));
  }
  async addSponsor(guestId: string, sponsorId: string) {
    if (this.failFor.has(guestId)) throw new ServiceError('graph.permission-denied', 'Graph refused', 'Insufficient privileges');
    this.changes.push(`add ${sponsorId} to ${guestId}`);
    this.lists.set(guestId, [...(this.lists.get(guestId) ?? []), { id: sponsorId, enabled: true }]);
  }
  async removeSponsor(guestId: string, sponsorId: string) {
    this.changes.push(`remove ${sponsorId} from ${guestId}`);
    this.lists.set(guestId, (this.lists.get(guestId) ?? []).filter((sponsor) => sponsor.id !== sponsorId));
  }
}

const WALTER = { aadObjectId: 'walter', name: 'Walter Skinner' };

function record(email: string, userId: string, extra: Partial<InvitationRecord> = {}): InvitationRecord {
  return {
    tenantId: 't',
    email,
    state: 'Accepted',
    invitedUserId: userId,
    inviter: { aadObjectId: 'dana', name: 'Dana Scully' },
    sponsorIds: ['dana', 'lou'],
    attempts: 1,
    createdAt: '2026-11-01T10:00:00Z',
    sentAt: '2026-11-01T10:00:00Z',
    updatedAt: '2026-11-01T10:00:00Z',
    ...extra,
  };
}

async function setUp() {
  const store = new MemoryInvitationStore();
  await store.create(record('left@fabrikam.com', 'g1'));
  await store.create(record('kept@fabrikam.com', 'g2'));
  await store.create(record('gone@fabrikam.com', 'g3'));
  await store.create(record('withdrawn@fabrikam.com', 'g4', { state: 'Withdrawn' }));
  const sponsors = new MemorySponsors(
    new Map([
      // Dana blocked, Lou deleted (no longer listed).
      ['g1', [{ id: 'dana', displayName: 'Dana Scully', enabled: false }]],
      ['g2', [{ id: 'dana', displayName: 'Dana Scully', enabled: false }, { id: 'monica', enabled: true }]],
      ['g4', []],
    ]),
  );
  const directory = new ScriptedDirectory();
  directory.users.set('fox@contoso.com', { id: 'fox', displayName: 'Fox Mulder', userType: 'Member' });
  directory.users.set('ann@fabrikam.com', { id: 'ann', userType: 'Guest' });
  const audit = new MemoryAuditLog();
  const deps: HandOverDependencies = { store, sponsors, directory, audit, clock: new FakeClock(), tenantId: 't', isAdministrator: async (actor) => actor.aadObjectId === 'walter' };
  return { deps, store, sponsors, audit };
}

describe('sponsorless guests', () => {
  it('are the bot’s pending or accepted guests with no enabled sponsor; blocked and deleted sponsors are named', async () => {
    const { deps, sponsors } = await setUp();
    const outcome = await sponsorlessGuests(deps, WALTER);
    // One read for every guest of ours still there, not one per guest.
    expect(sponsors.reads.map((read) => [...read].sort())).toEqual([['g1', 'g2', 'g3']]);
    expect(outcome.kind).toBe('done');
    if (outcome.kind !== 'done') return;
    // g2 has Monica; g3 is gone from the directory; g4 was withdrawn.
    expect(outcome.guests.map((guest) => guest.record.email)).toEqual(['left@fabrikam.com']);
    expect(outcome.guests[0]?.departed).toEqual([
      { id: 'dana', name: 'Dana Scully', state: 'disabled' },
      { id: 'lou', state: 'deleted' },
    ]);
    expect(await sponsorlessGuests(deps, { aadObjectId: 'fox' })).toEqual({ kind: 'not-admin' });
  });

  it('are handed over: the new sponsor added before the blocked one is removed, the record and the audit trail updated', async () => {
    const { deps, store, sponsors, audit } = await setUp();
    const outcome = await handOverGuests(deps, WALTER, { sponsorAddress: ' fox@contoso.com ' });
    expect(outcome).toMatchObject({ kind: 'done', sponsor: { id: 'fox', name: 'Fox Mulder' }, failed: [] });
    expect(sponsors.changes).toEqual(['add fox to g1', 'remove dana from g1']);
    expect((await store.get('t', 'left@fabrikam.com'))?.value.sponsorIds).toEqual(['fox']);
    expect(audit.events).toMatchObject([{ action: 'sponsor-handed-over', subject: 'left@fabrikam.com', actor: WALTER, detail: 'Dana Scully, lou -> Fox Mulder' }]);
    expect(await sponsorlessGuests(deps, WALTER)).toEqual({ kind: 'done', guests: [] });
  });

  it('refuse non-administrators, unknown or guest sponsors and guests that are not sponsorless, changing nothing', async () => {
    const { deps, sponsors } = await setUp();
    expect(await handOverGuests(deps, { aadObjectId: 'fox' }, { sponsorAddress: 'fox@contoso.com' })).toEqual({ kind: 'not-admin' });
    expect(await handOverGuests(deps, WALTER, { sponsorAddress: 'nobody@contoso.com' })).toEqual({ kind: 'sponsor-not-found', address: 'nobody@contoso.com' });
    expect(await handOverGuests(deps, WALTER, { sponsorAddress: 'ann@fabrikam.com' })).toEqual({ kind: 'sponsor-not-member', address: 'ann@fabrikam.com' });
    expect(await handOverGuests(deps, WALTER, { guest: 'kept@fabrikam.com', sponsorAddress: 'fox@contoso.com' })).toEqual({ kind: 'guest-not-sponsorless', address: 'kept@fabrikam.com' });
    expect(sponsors.changes).toEqual([]);
  });

  it('a guest Graph refuses to change stays on the list with Graph’s reason; the others are handed over', async () => {
    const { deps, sponsors, audit } = await setUp();
    sponsors.failFor.add('g1');
    const outcome = await handOverGuests(deps, WALTER, { sponsorAddress: 'fox@contoso.com' });
    expect(outcome).toMatchObject({ kind: 'done', handedOver: [], failed: [{ reason: 'Insufficient privileges' }] });
    expect(audit.events).toEqual([]);
  });

  it('cards in English, German and French are valid; names stay in TextRuns', async () => {
    const { deps } = await setUp();
    const listed = await sponsorlessGuests(deps, WALTER);
    const handed = await handOverGuests(deps, WALTER, { sponsorAddress: 'fox@contoso.com' });
    if (listed.kind !== 'done' || handed.kind !== 'done') throw new Error('expected both to be done');
    for (const locale of ['en-US', 'de-DE', 'fr-FR']) {
      const words = translatorFor({ locale });
      for (const card of [sponsorlessGuestsCard(words, listed.guests, new Date('2026-11-25T10:00:00Z'), handed), handOverNotice(words, 'sponsor', handed, WALTER), handOverNotice(words, 'administrators', handed, WALTER)]) {
        expect(validateCard(card)).toEqual([]);
        expect(JSON.stringify(card)).not.toMatch(/"type":"TextBlock","text":"[^"]*(Dana|Fox)/);
      }
    }
    expect(cardText(sponsorlessGuestsCard(translatorFor({ locale: 'de-DE' }), listed.guests, new Date('2026-11-25T10:00:00Z')))).toContain('Dana Scully (gesperrt) und eine ehemalige Kollegin oder ein ehemaliger Kollege (gelöscht) sind gegangen');
    expect(cardText(handOverNotice(translatorFor({ locale: 'fr-FR' }), 'sponsor', handed, WALTER))).toContain('Walter Skinner vous a désigné comme sponsor de cet invité');
  });
});

describe('the orphaned guests command', () => {
  it('is understood in English, German and French, in any case and spacing, and only alone', () => {
    for (const said of ['orphaned guests', 'Orphaned  Guests', 'guests without a sponsor', 'Gäste ohne Sponsor', 'GÄSTE OHNE SPONSOR', 'invités sans parrain', 'Invités sans sponsor']) {
      expect(parseCommand(said)).toEqual({ kind: 'sponsorless-guests' });
    }
    expect(parseCommand('orphaned guests please').kind).not.toBe('sponsorless-guests');
  });
});
