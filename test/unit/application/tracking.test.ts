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
    hour: 8,
    timeZone: 'UTC',
    publish: async () => {
      digests++;
    },
  };
});

let repairs = 0;
const warnings: object[] = [];
const serviceBasics = {
  repair: () => {
    repairs++;
    return Promise.resolve(repairs === 1 ? 2 : 0);
  },
  log: { info: () => undefined, warn: (details: object) => void warnings.push(details) },
};

describe('tracking service', () => {
  it('the lease holder tracks and posts the digest that is due, once', async () => {
    const mine = trackingService({ ...serviceBasics, tracking, digest, instanceId: 'me' });
    expect(await mine.round()).toMatchObject({ kind: 'tracked' });
    expect(await mine.round()).toMatchObject({ kind: 'tracked' });
    expect(digests).toBe(1);
    expect((await checkpoints.get())?.value).toMatchObject({ owner: 'me', deltaLink: 'delta-1' });
  });

  it('another instance, not holding the lease, neither tracks nor posts; once released, it may', async () => {
    const mine = trackingService({ ...serviceBasics, tracking, instanceId: 'me' });
    const theirs = trackingService({ ...serviceBasics, tracking, digest, instanceId: 'them' });
    expect(await mine.round()).toMatchObject({ kind: 'tracked' });
    expect(await theirs.round()).toEqual({ kind: 'not-mine' });
    expect(digests).toBe(0);
    await mine.release();
    expect(await theirs.round()).toMatchObject({ kind: 'tracked' });
    expect(digests).toBe(1);
  });

  it('the lease holder repairs stuck batches after each round and says when it did', async () => {
    repairs = 0;
    warnings.length = 0;
    const mine = trackingService({ ...serviceBasics, tracking, instanceId: 'me' });
    const theirs = trackingService({ ...serviceBasics, tracking, instanceId: 'them' });
    await mine.round();
    await theirs.round();
    await mine.round();
    expect(repairs).toBe(2);
    expect(warnings).toEqual([{ repaired: 2 }]);
  });

  it('without a digest (single notices) a round posts none', async () => {
    expect(await trackingService({ ...serviceBasics, tracking, instanceId: 'me' }).round()).toMatchObject({ kind: 'tracked' });
    expect(digests).toBe(0);
  });

  it('the lease holder, and only it, runs the lifecycle round; its failure costs tracking nothing', async () => {
    warnings.length = 0;
    let lifecycleRounds = 0;
    const lifecycle = () => {
      lifecycleRounds++;
      return Promise.reject(new Error('Graph is down'));
    };
    const mine = trackingService({ ...serviceBasics, tracking, instanceId: 'me', lifecycle });
    const theirs = trackingService({ ...serviceBasics, tracking, instanceId: 'them', lifecycle });
    expect(await mine.round()).toMatchObject({ kind: 'tracked' });
    expect(await theirs.round()).toEqual({ kind: 'not-mine' });
    expect(lifecycleRounds).toBe(1);
    expect(warnings).toEqual([expect.objectContaining({ err: expect.any(Error) })]);
  });
});
