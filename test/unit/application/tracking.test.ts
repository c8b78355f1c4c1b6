/** A tracking round of this instance: the lease holder tracks, and it alone posts a due digest. */
import { beforeEach, describe, expect, it } from 'vitest';
import { trackingService } from '../../../src/application/tracking.js';
import type { DigestDependencies } from '../../../src/domain/use-cases/daily-digest.js';
import type { TrackDependencies } from '../../../src/domain/use-cases/track-guests.js';
import { FakeClock, MemoryAuditLog, MemoryChannelStore, MemoryInvitationStore, MemoryTrackerStore } from '../../support/in-memory-ports.js';

let clock: FakeClock;
let checkpoints: MemoryTrackerStore;
let tracking: TrackDependencies;
let digest: DigestDependencies;
let digests: number;

beforeEach(async () => {
  clock = new FakeClock(new Date('2026-11-25T10:00:00Z').getTime());
  checkpoints = new MemoryTrackerStore();
  tracking = {
    changes: { round: async () => ({ users: [], deltaLink: 'delta-1', requests: 1 }) },
    checkpoints,
    store: new MemoryInvitationStore(),
    observer: { accepted: async () => undefined, removed: async () => undefined, stillPending: async () => undefined },
    clock,
    tenantId: 't',
    tenantDomains: async () => ['contoso.com'],
    leaseMs: 60_000,
  };
  const channels = new MemoryChannelStore();
  await channels.put('t', { conversation: { conversation: { id: 'admins' } }, chosenBy: { name: 'Walter' }, chosenAt: '2026-11-20T00:00:00Z' });
  digests = 0;
  digest = {
    channels,
    audit: new MemoryAuditLog(),
    clock,
    tenantId: 't',
    hourUtc: 8,
    publish: async () => {
      digests++;
    },
  };
});

describe('tracking service', () => {
  it('the lease holder tracks and posts the digest that is due, once', async () => {
    const mine = trackingService({ tracking, digest, instanceId: 'me' });
    expect(await mine.round()).toMatchObject({ kind: 'tracked' });
    expect(await mine.round()).toMatchObject({ kind: 'tracked' });
    expect(digests).toBe(1);
    expect((await checkpoints.get())?.value).toMatchObject({ owner: 'me', deltaLink: 'delta-1' });
  });

  it('another instance, not holding the lease, neither tracks nor posts; once released, it may', async () => {
    const mine = trackingService({ tracking, instanceId: 'me' });
    const theirs = trackingService({ tracking, digest, instanceId: 'them' });
    expect(await mine.round()).toMatchObject({ kind: 'tracked' });
    expect(await theirs.round()).toEqual({ kind: 'not-mine' });
    expect(digests).toBe(0);
    await mine.release();
    expect(await theirs.round()).toMatchObject({ kind: 'tracked' });
    expect(digests).toBe(1);
  });

  it('without a digest (single notices) a round posts none', async () => {
    expect(await trackingService({ tracking, instanceId: 'me' }).round()).toMatchObject({ kind: 'tracked' });
    expect(digests).toBe(0);
  });
});
