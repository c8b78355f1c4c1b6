import { beforeEach, describe, expect, it } from 'vitest';
import { ServiceError } from '../../src/domain/errors.js';
import { inviteGuest, SENDING_LEASE_MS, type InviteGuestCommand } from '../../src/domain/use-cases/invite-guest.js';
import { MemoryInvitationStore, ScriptedDirectory } from '../support/in-memory-ports.js';

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
  let now: Date;
  const deps = () => ({ directory, store, clock: { now: () => now } });

  beforeEach(() => {
    directory = new ScriptedDirectory(['contoso.com']);
    store = new MemoryInvitationStore();
    now = new Date('2026-11-25T10:00:00Z');
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
      createdAt: now.toISOString(), updatedAt: now.toISOString(),
    });
    directory.users.set('jane@fabrikam.com', { id: 'g9', userType: 'Guest', externalUserState: 'PendingAcceptance' });
    expect(await inviteGuest(deps(), command('jane@fabrikam.com'))).toMatchObject({ kind: 'in-progress' });

    now = new Date(now.getTime() + SENDING_LEASE_MS + 1);
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
