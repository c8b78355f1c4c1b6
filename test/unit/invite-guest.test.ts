import { beforeEach, describe, expect, it } from 'vitest';
import { ServiceError } from '../../src/domain/errors.js';
import { inviteGuest, SENDING_LEASE_MS, type InviteGuestCommand } from '../../src/domain/use-cases/invite-guest.js';
import { FakeClock, MemoryInvitationStore, ScriptedDirectory } from '../support/in-memory-ports.js';

const TENANT = 'tenant-1';
const command = (address: string, extra: Partial<InviteGuestCommand> = {}): InviteGuestCommand => ({
  tenantId: TENANT,
  address,
  inviter: { aadObjectId: 'inviter-1', name: 'Dana Scully' },
  redirectUrl: 'https://myapps.microsoft.com/?tenantid=tenant-1',
  sendInvitationMessage: true,
  ...extra,
});

describe('inviteGuest', () => {
  let directory: ScriptedDirectory;
  let store: MemoryInvitationStore;
  let clock: FakeClock;
  const deps = () => ({ directory, store, clock });

  beforeEach(() => {
    directory = new ScriptedDirectory(['contoso.com']);
    store = new MemoryInvitationStore();
    clock = new FakeClock();
  });

  it('invites a new address once, records it and names the inviter as sponsor', async () => {
    const outcome = await inviteGuest(deps(), command('Jane@Fabrikam.com', { displayName: 'Jane Doe' }));
    expect(outcome.kind).toBe('invited');
    expect(directory.invitations).toEqual([
      { email: 'jane@fabrikam.com', displayName: 'Jane Doe', redirectUrl: 'https://myapps.microsoft.com/?tenantid=tenant-1', sendInvitationMessage: true, sponsorIds: ['inviter-1'] },
    ]);
    expect(store.all()).toMatchObject([{ email: 'jane@fabrikam.com', state: 'PendingAcceptance', invitedUserId: 'user-1', attempts: 1, inviteRedeemUrl: 'https://login.example/redeem' }]);
  });

  it('does not invite the same address twice', async () => {
    await inviteGuest(deps(), command('jane@fabrikam.com'));
    const second = await inviteGuest(deps(), command('JANE@fabrikam.com'));
    expect(second.kind).toBe('already-invited');
    expect(directory.invitations).toHaveLength(1);
  });

  it('two simultaneous requests for one address send one invitation', async () => {
    const outcomes = await Promise.all([inviteGuest(deps(), command('jane@fabrikam.com')), inviteGuest(deps(), command('jane@fabrikam.com'))]);
    expect(outcomes.map((o) => o.kind).sort()).toEqual(['in-progress', 'invited']);
    expect(directory.invitations).toHaveLength(1);
  });

  it('refuses invalid addresses and the tenant’s own domains without calling Graph', async () => {
    expect(await inviteGuest(deps(), command('jane+x@fabrikam.com'))).toMatchObject({ kind: 'invalid-address', problem: 'plus-addressing' });
    expect(await inviteGuest(deps(), command('fox@eu.contoso.com'))).toMatchObject({ kind: 'own-domain', domain: 'contoso.com' });
    expect(directory.invitations).toHaveLength(0);
    expect(store.all()).toHaveLength(0);
  });

  it('reports guests and members the directory already has', async () => {
    directory.users.set('ann@fabrikam.com', { id: 'g1', userType: 'Guest', externalUserState: 'Accepted' });
    directory.users.set('walter@partner.org', { id: 'm1', userType: 'Member' });
    expect(await inviteGuest(deps(), command('ann@fabrikam.com'))).toMatchObject({ kind: 'existing-guest', user: { id: 'g1' } });
    expect(await inviteGuest(deps(), command('walter@partner.org'))).toMatchObject({ kind: 'existing-member' });
    expect(directory.invitations).toHaveLength(0);
  });

  it('records a failure with its reason, and a retry after an unavailable Graph finds the guest instead of re-inviting', async () => {
    directory.onInvite = (request) => {
      // Graph created the guest but the answer never arrived.
      directory.users.set(request.email, { id: 'created-anyway', userType: 'Guest', externalUserState: 'PendingAcceptance' });
      throw new ServiceError('graph.unavailable', 'POST /invitations: HTTP 503');
    };
    const first = await inviteGuest(deps(), command('jane@fabrikam.com'));
    expect(first).toMatchObject({ kind: 'failed', error: { code: 'graph.unavailable' } });
    expect(store.all()).toMatchObject([{ state: 'Failed', lastError: { code: 'graph.unavailable' } }]);

    const retry = await inviteGuest(deps(), command('jane@fabrikam.com'));
    expect(retry).toMatchObject({ kind: 'already-invited', record: { state: 'PendingAcceptance', invitedUserId: 'created-anyway' } });
    expect(directory.invitations).toHaveLength(1);
  });

  it('after an uncertain failure, an empty directory answer is asked again with back-off before sending again (replication lag)', async () => {
    let lookups = 0;
    directory.onInvite = (request) => {
      directory.onInvite = () => undefined;
      const created = { id: 'created-anyway', userType: 'Guest' as const, externalUserState: 'PendingAcceptance' as const };
      // The guest exists, but reads miss it for the first two lookups.
      directory.findUserByEmail = async () => (++lookups > 2 ? created : undefined);
      void request;
      throw new ServiceError('graph.unavailable', 'POST /invitations: HTTP 504');
    };
    await inviteGuest(deps(), command('jane@fabrikam.com'));
    const retry = await inviteGuest({ ...deps(), recheckDelaysMs: [100, 200, 400] }, command('jane@fabrikam.com'));
    expect(retry).toMatchObject({ kind: 'already-invited', record: { invitedUserId: 'created-anyway' } });
    expect(directory.invitations).toHaveLength(1);
    expect(clock.slept).toBe(300);
  });

  it('after an uncertain failure, a guest still not found after every look is invited again', async () => {
    directory.onInvite = () => {
      directory.onInvite = () => undefined;
      throw new ServiceError('graph.unavailable', 'POST /invitations: HTTP 503');
    };
    await inviteGuest(deps(), command('jane@fabrikam.com'));
    expect(await inviteGuest({ ...deps(), recheckDelaysMs: [100, 200] }, command('jane@fabrikam.com'))).toMatchObject({ kind: 'invited', record: { attempts: 2 } });
    expect(clock.slept).toBe(300);
  });

  it('a refused connection (nothing left) is retried without waiting for the directory', async () => {
    directory.onInvite = () => {
      directory.onInvite = () => undefined;
      throw new ServiceError('graph.unreachable', 'POST /invitations: ECONNREFUSED');
    };
    await inviteGuest(deps(), command('jane@fabrikam.com'));
    expect(await inviteGuest(deps(), command('jane@fabrikam.com'))).toMatchObject({ kind: 'invited' });
    expect(clock.slept).toBe(0);
  });

  it('the daily budget stops an invitation before anything is recorded or sent', async () => {
    const resumesAt = new Date('2026-11-26T00:00:00Z');
    const quota = { take: async () => ({ ok: false as const, resumesAt }) };
    expect(await inviteGuest({ ...deps(), quota }, command('jane@fabrikam.com'))).toEqual({ kind: 'paced', email: 'jane@fabrikam.com', resumesAt });
    expect(store.all()).toHaveLength(0);
    expect(directory.invitations).toHaveLength(0);
  });

  it('a 429 sends the same request again: no second directory lookup and no second slot of the daily budget', async () => {
    let lookups = 0;
    const lookUp = directory.findUserByEmail.bind(directory);
    directory.findUserByEmail = (email) => (lookups++, lookUp(email));
    let refusals = 3;
    directory.onInvite = () => {
      if (refusals-- > 0) throw new ServiceError('graph.throttled', 'HTTP 429', undefined, 1);
    };
    let slots = 0;
    const quota = { take: async () => (slots++, { ok: true as const }) };
    expect(await inviteGuest({ ...deps(), quota }, command('jane@fabrikam.com'))).toMatchObject({ kind: 'invited' });
    expect({ lookups, slots, posts: directory.invitations.length }).toEqual({ lookups: 1, slots: 1, posts: 4 });
  });

  it('a long wait for the pace renews the intent before sending; if another worker took the address over meanwhile, it is not sent twice', async () => {
    const takeOver = async () => {
      clock.advance(SENDING_LEASE_MS * 0.75);
      const record = (await store.get(TENANT, 'jane@fabrikam.com'))!;
      await store.replace({ ...record.value, updatedAt: clock.now().toISOString() }, record.etag);
    };
    expect(await inviteGuest({ ...deps(), pace: { turn: takeOver, throttled: async () => undefined } }, command('jane@fabrikam.com'))).toMatchObject({ kind: 'in-progress' });
    expect(directory.invitations).toHaveLength(0);

    const justWait = async () => clock.advance(SENDING_LEASE_MS * 0.75);
    expect(await inviteGuest({ ...deps(), pace: { turn: justWait, throttled: async () => undefined } }, command('bob@fabrikam.com'))).toMatchObject({ kind: 'invited' });
  });

  it('each attempt waits its turn of the pace, and a 429 is told to it with its Retry-After', async () => {
    const told: (number | undefined)[] = [];
    let turns = 0;
    let refusals = 2;
    directory.onInvite = () => {
      if (refusals-- > 0) throw new ServiceError('graph.throttled', 'HTTP 429', undefined, 3);
    };
    const pace = { turn: async () => void turns++, throttled: async (seconds?: number) => void told.push(seconds) };
    expect(await inviteGuest({ ...deps(), pace }, command('jane@fabrikam.com'))).toMatchObject({ kind: 'invited' });
    expect({ turns, told }).toEqual({ turns: 3, told: [3, 3] });
  });

  it('an address tried again the same day (after 429s, a redelivered message) holds its daily slot; the next day takes a new one', async () => {
    directory.onInvite = () => {
      throw new ServiceError('graph.throttled', 'HTTP 429', undefined, 1);
    };
    let slots = 0;
    const quota = { take: async () => (slots++, { ok: true as const }) };
    expect(await inviteGuest({ ...deps(), quota }, command('jane@fabrikam.com'))).toMatchObject({ kind: 'failed', error: { code: 'graph.throttled' } });
    expect(await inviteGuest({ ...deps(), quota }, command('jane@fabrikam.com'))).toMatchObject({ kind: 'failed' });
    expect(slots).toBe(1);
    clock.advance(24 * 60 * 60 * 1000);
    directory.onInvite = () => undefined;
    expect(await inviteGuest({ ...deps(), quota }, command('jane@fabrikam.com'))).toMatchObject({ kind: 'invited' });
    expect(slots).toBe(2);
  });

  it('a refused invitation can be tried again and then succeeds', async () => {
    directory.onInvite = () => {
      throw new ServiceError('graph.invitation-refused', 'HTTP 400', 'The invited address is not allowed.');
    };
    expect(await inviteGuest(deps(), command('jane@fabrikam.com'))).toMatchObject({ kind: 'failed' });
    directory.onInvite = () => undefined;
    expect(await inviteGuest(deps(), command('jane@fabrikam.com'))).toMatchObject({ kind: 'invited', record: { attempts: 2 } });
    expect(store.all()[0]?.lastError).toBeUndefined();
  });

  it('an intent left by a crash is settled by the directory once its lease has run out', async () => {
    await store.create({
      tenantId: TENANT, email: 'jane@fabrikam.com', state: 'Sending', inviter: {}, attempts: 1,
      createdAt: clock.now().toISOString(), updatedAt: clock.now().toISOString(),
    });
    directory.users.set('jane@fabrikam.com', { id: 'g9', userType: 'Guest', externalUserState: 'PendingAcceptance' });
    expect(await inviteGuest(deps(), command('jane@fabrikam.com'))).toMatchObject({ kind: 'in-progress' });

    clock.advance(SENDING_LEASE_MS + 1);
    expect(await inviteGuest(deps(), command('jane@fabrikam.com'))).toMatchObject({ kind: 'already-invited', record: { invitedUserId: 'g9' } });
    expect(directory.invitations).toHaveLength(0);
  });

  it('storage being down means nothing is sent', async () => {
    store.get = async () => {
      throw new ServiceError('storage.unreachable', 'read invitation: ECONNREFUSED');
    };
    expect(await inviteGuest(deps(), command('jane@fabrikam.com'))).toMatchObject({ kind: 'failed', error: { code: 'storage.unreachable' } });
    expect(directory.invitations).toHaveLength(0);
  });
});
