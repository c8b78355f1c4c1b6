/**
 * Tracking rounds with in-memory ports: a change reported once per guest whatever the replays, the delta
 * link saved only after a round, one instance at a time, deleted guests recognised by id.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { ServiceError } from '../../src/domain/errors.js';
import type { InvitationRecord } from '../../src/domain/invitations/invitation.js';
import type { ChangedUser, UserChanges } from '../../src/domain/ports/user-changes.js';
import { trackRound, type TrackDependencies } from '../../src/domain/use-cases/track-guests.js';
import { FakeClock, MemoryInvitationStore, MemoryTrackerStore } from '../support/in-memory-ports.js';

/** A delta feed: changes queued between rounds, a link per position. */
class FeedChanges implements UserChanges {
  readonly rounds: (string | undefined)[] = [];
  private log: ChangedUser[] = [];
  expired = false;
  push(...users: ChangedUser[]) {
    this.log.push(...users);
  }
  async round(deltaLink: string | undefined) {
    this.rounds.push(deltaLink);
    if (deltaLink && this.expired) throw new ServiceError('graph.delta-expired', 'HTTP 410');
    const from = deltaLink ? Number(deltaLink.split('=')[1]) : 0;
    return { users: this.log.slice(from), deltaLink: `delta=${this.log.length}`, requests: 1 };
  }
}

const invitation = (email: string, userId: string): InvitationRecord => ({
  tenantId: 't', email, state: 'PendingAcceptance', inviter: { aadObjectId: 'dana' }, invitedUserId: userId, batchId: 'b1', attempts: 1,
  createdAt: '2026-12-01T00:00:00Z', updatedAt: '2026-12-01T00:00:00Z',
});

let changes: FeedChanges;
let store: MemoryInvitationStore;
let checkpoints: MemoryTrackerStore;
let told: string[];
let clock: FakeClock;
const deps = (): TrackDependencies => ({
  changes, store, checkpoints, clock, tenantId: 't', leaseMs: 60_000,
  tenantDomains: async () => ['contoso.com'],
  observer: {
    accepted: async (r) => void told.push(`accepted ${r.email} ${r.actualPath}`),
    removed: async (r) => void told.push(`removed ${r.email}`),
    stillPending: async (r) => void told.push(`reminder ${r.email}`),
  },
});

beforeEach(async () => {
  changes = new FeedChanges();
  store = new MemoryInvitationStore();
  checkpoints = new MemoryTrackerStore();
  told = [];
  clock = new FakeClock();
  for (let i = 0; i < 5; i++) await store.create(invitation(`g${i}@litware.org`, `u${i}`));
});

const accepted = (i: number, issuer = 'mail'): ChangedUser => ({ id: `u${i}`, mail: `G${i}@litware.org`, externalUserState: 'Accepted', identities: [{ issuer }] });

describe('trackRound', () => {
  it('reports each acceptance once, with how the guest signed in; the delta link moves on', async () => {
    changes.push(accepted(1), { id: 'someone-else', mail: 'x@y.com', externalUserState: 'Accepted' }, { id: 'u2', mail: 'g2@litware.org', externalUserState: 'PendingAcceptance' });
    expect(await trackRound(deps(), 'me')).toMatchObject({ kind: 'tracked', changed: 3, accepted: 1 });
    changes.push(accepted(3, 'google.com'));
    expect(await trackRound(deps(), 'me')).toMatchObject({ kind: 'tracked', changed: 1, accepted: 1 });
    expect(told).toEqual(['accepted g1@litware.org email-otp', 'accepted g3@litware.org google']);
    expect(changes.rounds).toEqual([undefined, 'delta=3']);
    expect(store.all().find((r) => r.email === 'g1@litware.org')).toMatchObject({ state: 'Accepted', actualPath: 'email-otp' });
  });

  it('a round replayed after a crash (the link was not saved) reports nothing twice', async () => {
    changes.push(accepted(1));
    const save = checkpoints.replace.bind(checkpoints);
    let calls = 0;
    checkpoints.replace = async (checkpoint, etag) => {
      // The lease is taken (first write), then the process dies before the link is saved.
      if (++calls === 2) throw new Error('crash');
      return save(checkpoint, etag);
    };
    await trackRound(deps(), 'me').catch(() => undefined);
    checkpoints.replace = save;
    await trackRound(deps(), 'me');
    expect(told).toEqual(['accepted g1@litware.org email-otp']);
  });

  it('one instance at a time: a live lease held by another is respected, an expired one taken over', async () => {
    await trackRound(deps(), 'a');
    expect(await trackRound(deps(), 'b')).toEqual({ kind: 'not-mine' });
    clock.advance(60_001);
    expect(await trackRound(deps(), 'b')).toMatchObject({ kind: 'tracked' });
  });

  it('a guest deleted from the directory is recognised by id alone and reported once', async () => {
    changes.push({ id: 'u4', removed: 'deleted' });
    await trackRound(deps(), 'me');
    changes.push({ id: 'u4', removed: 'deleted' });
    await trackRound(deps(), 'me');
    expect(told).toEqual(['removed g4@litware.org']);
    expect(store.all().find((r) => r.email === 'g4@litware.org')?.state).toBe('Removed');
  });

  it('a guest the bot deleted itself (a withdrawn invitation) stays withdrawn, and nobody is told of a removal', async () => {
    const stored = await store.get('t', 'g3@litware.org');
    await store.replace({ ...stored!.value, state: 'Withdrawn', withdrawn: { at: '2026-12-02T00:00:00Z', by: { name: 'Dana' } } }, stored!.etag);
    changes.push({ id: 'u3', removed: 'changed' });
    await trackRound(deps(), 'me');
    expect(told).toEqual([]);
    expect(store.all().find((r) => r.email === 'g3@litware.org')?.state).toBe('Withdrawn');
  });

  it('an invitation pending for longer than the configured days: the inviter is reminded once, at most an hourly look', async () => {
    clock.advance(14 * 24 * 60 * 60 * 1000); // the invitations were sent on 2026-12-01
    changes.push(accepted(0));
    await trackRound({ ...deps(), reminderAfterDays: 7 }, 'me');
    expect(told.filter((line) => line.startsWith('reminder')).sort()).toEqual(['reminder g1@litware.org', 'reminder g2@litware.org', 'reminder g3@litware.org', 'reminder g4@litware.org']);
    clock.advance(2 * 60 * 60 * 1000);
    await trackRound({ ...deps(), reminderAfterDays: 7 }, 'me');
    expect(told.filter((line) => line.startsWith('reminder'))).toHaveLength(4);
  });

  it('an expired delta link starts a full round again, and replays report nothing twice', async () => {
    changes.push(accepted(2));
    await trackRound(deps(), 'me');
    changes.expired = true;
    changes.push(accepted(0));
    await trackRound(deps(), 'me');
    expect(told).toEqual(['accepted g2@litware.org email-otp', 'accepted g0@litware.org email-otp']);
    expect(changes.rounds).toEqual([undefined, 'delta=1', undefined]);
  });
});
