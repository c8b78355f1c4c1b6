import { beforeEach, describe, expect, it } from 'vitest';
import type { InvitationRecord, InvitationState } from '../../src/domain/invitations/invitation.js';
import { matchesStatusFilter, myInvitations, STATUS_FILTERS } from '../../src/domain/use-cases/my-invitations.js';
import { parseCommand } from '../../src/bot/commands.js';
import { FakeClock, MemoryInvitationStore, ScriptedDirectory } from '../support/in-memory-ports.js';

let store: MemoryInvitationStore;
let directory: ScriptedDirectory;
const deps = () => ({ directory, store, clock: new FakeClock(), tenantId: 't' });

async function invitation(index: number, state: InvitationState, inviter = 'dana'): Promise<void> {
  const at = new Date(Date.UTC(2026, 10, 1, 0, index)).toISOString();
  const record: InvitationRecord = {
    tenantId: 't', email: `guest${index}@fabrikam.com`, displayName: `Guest ${index}`, state, inviter: { aadObjectId: inviter }, invitedUserId: `g${index}`,
    attempts: 1, createdAt: at, updatedAt: at, sentAt: at,
  };
  await store.create(record);
  if (state === 'PendingAcceptance') directory.users.set(record.email, { id: `g${index}`, userType: 'Guest', externalUserState: 'PendingAcceptance' });
}

beforeEach(() => {
  store = new MemoryInvitationStore();
  directory = new ScriptedDirectory(['contoso.com']);
});

describe('status filters', () => {
  it('pending lists those not accepted yet (being sent included); accepted and failed their own; all everything', () => {
    const states: InvitationState[] = ['Sending', 'PendingAcceptance', 'Accepted', 'Failed', 'Removed', 'Withdrawn'];
    const listed = (filter: (typeof STATUS_FILTERS)[number]) => states.filter((state) => matchesStatusFilter({ state }, filter));
    expect(listed('pending')).toEqual(['Sending', 'PendingAcceptance']);
    expect(listed('accepted')).toEqual(['Accepted']);
    expect(listed('failed')).toEqual(['Failed']);
    expect(listed('all')).toEqual(states);
  });

  it('pages of 10 within the filter, newest first, with the count of every filter', async () => {
    for (let i = 0; i < 25; i++) await invitation(i, i % 2 === 0 ? 'PendingAcceptance' : i % 5 === 0 ? 'Failed' : 'Accepted');
    await invitation(99, 'PendingAcceptance', 'fox');
    const first = await myInvitations(deps(), 'dana', 0, 'pending');
    expect(first).toMatchObject({ filter: 'pending', total: 13, pageCount: 2, page: 0, counts: { all: 25, pending: 13, accepted: 10, failed: 2 } });
    expect(first.rows.map((row) => row.email)).toEqual([24, 22, 20, 18, 16, 14, 12, 10, 8, 6].map((i) => `guest${i}@fabrikam.com`));
    const second = await myInvitations(deps(), 'dana', 1, 'pending');
    expect(second.rows.map((row) => row.email)).toEqual(['guest4@fabrikam.com', 'guest2@fabrikam.com', 'guest0@fabrikam.com']);
    const failed = await myInvitations(deps(), 'dana', 5, 'failed');
    expect(failed).toMatchObject({ page: 0, pageCount: 1, total: 2 });
    expect(failed.rows.every((row) => row.state === 'Failed')).toBe(true);
  });
});

describe('status command', () => {
  it('status followed by a filter word (any case) is a filter; by an address, one invitation', () => {
    expect(parseCommand('status pending')).toEqual({ kind: 'status', filter: 'pending' });
    expect(parseCommand('status Accepted')).toEqual({ kind: 'status', filter: 'accepted' });
    expect(parseCommand('status jane@fabrikam.com')).toEqual({ kind: 'status', address: 'jane@fabrikam.com' });
    expect(parseCommand('status')).toEqual({ kind: 'status' });
  });
});

describe('status filters and the directory', () => {
  it('a guest who accepted since the record was written leaves the pending list and counts as accepted', async () => {
    await invitation(1, 'PendingAcceptance');
    await invitation(2, 'PendingAcceptance');
    directory.users.set('guest2@fabrikam.com', { id: 'g2', userType: 'Guest', externalUserState: 'Accepted' });
    const pending = await myInvitations(deps(), 'dana', 0, 'pending');
    expect(pending.rows.map((row) => row.email)).toEqual(['guest1@fabrikam.com']);
    expect(pending).toMatchObject({ total: 1, counts: { all: 2, pending: 1, accepted: 1, failed: 0 } });
  });
});
