/** Adding accepted guests where they were invited: once, across a crash between the add and its record. */
import { describe, expect, it } from 'vitest';
import { guestWelcomeCard, placementRefusedCard } from '../../src/cards/placement-cards.js';
import { cardText } from '../support/connector-recorder.js';
import { translatorFor } from '../../src/i18n/translator.js';
import { validateCard } from '../support/schemas.js';
import { ServiceError } from '../../src/domain/errors.js';
import type { InvitationRecord } from '../../src/domain/invitations/invitation.js';
import type { InvitedFrom, Placement } from '../../src/domain/lifecycle/placement.js';
import type { MembershipGateway, MembershipOutcome } from '../../src/domain/ports/membership-gateway.js';
import type { PlacementObserver } from '../../src/domain/ports/placement-observer.js';
import { placePendingGuests, type PlaceDependencies } from '../../src/domain/use-cases/place-guests.js';
import { FakeClock, MemoryInvitationStore } from '../support/in-memory-ports.js';

const TEAM: InvitedFrom = { kind: 'team', teamId: '19:general@thread.tacv2', groupId: 'group-1' };

/** A team that remembers its members: a second add of the same guest is "already a member". */
class FakeTeam implements MembershipGateway {
  readonly members: string[] = [];
  calls = 0;
  constructor(private readonly script: (call: number) => MembershipOutcome | 'lost-answer' | 'fail' = () => ({ kind: 'added' })) {}
  async add(_target: InvitedFrom, userId: string): Promise<MembershipOutcome> {
    const step = this.script(++this.calls);
    if (step === 'fail') throw new ServiceError('graph.unavailable', 'no answer');
    if (step !== 'lost-answer' && step.kind === 'refused') return step;
    if (!this.members.includes(userId)) this.members.push(userId);
    // The add happened, but its answer never arrived (a crash, a dropped connection).
    if (step === 'lost-answer') throw new ServiceError('graph.unavailable', 'the connection broke');
    return step;
  }
}

class Told implements PlacementObserver {
  readonly placedRecords: InvitationRecord[] = [];
  readonly refusedRecords: InvitationRecord[] = [];
  async placed(record: InvitationRecord) {
    this.placedRecords.push(record);
  }
  async refused(record: InvitationRecord) {
    this.refusedRecords.push(record);
  }
}

function record(email: string, placement: Partial<Placement> | undefined, state: InvitationRecord['state'] = 'Accepted'): InvitationRecord {
  return {
    tenantId: 't',
    email,
    displayName: 'Jane Doe',
    state,
    inviter: { aadObjectId: 'dana', name: 'Dana Scully' },
    invitedUserId: `id-${email}`,
    attempts: 1,
    createdAt: '2026-11-25T09:00:00Z',
    updatedAt: '2026-11-25T09:00:00Z',
    ...(placement ? { placement: { target: TEAM, state: 'wanted', attempts: 0, updatedAt: '2026-11-25T09:00:00Z', ...placement } } : {}),
  };
}

function setUp(team: FakeTeam) {
  const store = new MemoryInvitationStore();
  const observer = new Told();
  const deps: PlaceDependencies = { store, membership: team, observer, clock: new FakeClock(), tenantId: 't' };
  return { store, observer, deps };
}

describe('placing guests', () => {
  it('adds each accepted guest whose add is wanted, once; pending guests and guests without the wish are left alone', async () => {
    const team = new FakeTeam();
    const { store, observer, deps } = setUp(team);
    await store.create(record('a@fabrikam.com', {}));
    await store.create(record('b@fabrikam.com', {}, 'PendingAcceptance'));
    await store.create(record('c@fabrikam.com', undefined));

    expect(await placePendingGuests(deps)).toBe(1);
    expect(await placePendingGuests(deps)).toBe(0);
    expect(team.members).toEqual(['id-a@fabrikam.com']);
    expect(observer.placedRecords.map((r) => r.email)).toEqual(['a@fabrikam.com']);
    expect((await store.get('t', 'a@fabrikam.com'))?.value.placement).toMatchObject({ state: 'added', attempts: 1 });
  });

  it('a crash after the add and before its record (left "adding") is finished by the next sweep: one member, one welcome', async () => {
    const team = new FakeTeam();
    const { store, observer, deps } = setUp(team);
    // What a crash leaves: the intent recorded, Graph already done, nothing after.
    await store.create(record('a@fabrikam.com', { state: 'adding', attempts: 1 }));
    team.members.push('id-a@fabrikam.com');

    await placePendingGuests(deps);
    expect(team.members).toEqual(['id-a@fabrikam.com']);
    expect(observer.placedRecords).toHaveLength(1);
    expect((await store.get('t', 'a@fabrikam.com'))?.value.placement?.state).toBe('added');
  });

  it('a lost answer is tried again within the sweep, and "already a member" settles it', async () => {
    const team = new FakeTeam((call) => (call === 1 ? 'lost-answer' : { kind: 'added' }));
    const { store, observer, deps } = setUp(team);
    await store.create(record('a@fabrikam.com', {}));
    await placePendingGuests(deps);
    expect(team.calls).toBe(2);
    expect(team.members).toEqual(['id-a@fabrikam.com']);
    expect(observer.placedRecords).toHaveLength(1);
    expect((await store.get('t', 'a@fabrikam.com'))?.value.placement).toMatchObject({ state: 'added', attempts: 2 });
  });

  it('a refusal is recorded with its reason and told once; it is not tried again', async () => {
    const team = new FakeTeam(() => ({ kind: 'refused', reason: 'missing-permission', permission: 'TeamMember.ReadWrite.All' }));
    const { store, observer, deps } = setUp(team);
    await store.create(record('a@fabrikam.com', {}));
    await placePendingGuests(deps);
    await placePendingGuests(deps);
    expect(team.calls).toBe(1);
    expect(observer.refusedRecords).toHaveLength(1);
    expect((await store.get('t', 'a@fabrikam.com'))?.value.placement?.refusal).toEqual({ reason: 'missing-permission', permission: 'TeamMember.ReadWrite.All' });
  });

  it('failures that keep coming are retried on later sweeps, then reported after the fifth try', async () => {
    const team = new FakeTeam(() => 'fail');
    const { store, observer, deps } = setUp(team);
    await store.create(record('a@fabrikam.com', {}));
    await placePendingGuests(deps);
    expect((await store.get('t', 'a@fabrikam.com'))?.value.placement).toMatchObject({ state: 'adding', attempts: 3 });
    expect(observer.refusedRecords).toHaveLength(0);
    await placePendingGuests(deps);
    expect(team.calls).toBe(5);
    expect(observer.refusedRecords).toHaveLength(1);
    expect(observer.refusedRecords[0]?.placement?.refusal?.reason).toBe('gave-up');
  });
});

describe('placement cards', () => {
  const placed = { ...record('a@fabrikam.com', { state: 'added' }), displayName: '[x](https://evil.example)' };

  it('welcome the guest with the inviter, the note and whom to ask, in the inviter’s language, as valid cards', () => {
    const card = guestWelcomeCard(translatorFor({ locale: 'de-DE' }), placed, 'For the Q3 launch', 'https://guest-invites.contoso.example');
    expect(validateCard(card)).toEqual([]);
    expect(JSON.stringify(card)).toContain('"title":"Hilfeseite für Gäste","url":"https://guest-invites.contoso.example/guest-help?lang=de#teams"');
    expect(JSON.stringify(guestWelcomeCard(translatorFor({ locale: 'de-DE' }), placed, '', ''))).not.toContain('Action.OpenUrl');
    expect(cardText(card)).toContain('eingeladen von Dana Scully');
    expect(cardText(card)).toContain('For the Q3 launch');
    expect(JSON.stringify(card)).not.toMatch(/"type":"TextBlock","text":"[^"]*evil/);
  });

  it('name every refusal reason', () => {
    for (const reason of ['group-disallows-guests', 'teams-guest-access-off', 'missing-permission', 'shared-channel', 'chat-refused', 'team-unknown', 'not-found', 'gave-up'] as const) {
      const card = placementRefusedCard(translatorFor({ locale: 'fr-FR' }), { ...placed, placement: { ...(placed.placement as Placement), state: 'refused', refusal: { reason, permission: 'ChatMember.ReadWrite.All' } } });
      expect(validateCard(card)).toEqual([]);
      expect(cardText(card)).toContain('a accepté');
    }
  });
});
