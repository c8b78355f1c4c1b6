/**
 * The pacer that hands one instance's requests their start times, claimed in blocks from a ledger that
 * several instances may share.
 */
import { describe, expect, it } from 'vitest';
import { fastestInterval } from '../../src/domain/invitations/invitation-pace.js';
import type { PaceLedger } from '../../src/domain/ports/invitation-pace.js';
import { InMemoryPaceLedger, InvitationPacer, type PacerClock } from '../../src/graph/invitation-pacer.js';
import { busiestWindow } from '../support/busiest-window.js';

/** A clock whose sleep passes time at once, for a single sequential caller. */
function fakeClock(): PacerClock & { time: number } {
  const clock = {
    time: 0,
    now: () => clock.time,
    sleep: async (ms: number) => {
      clock.time += ms;
    },
  };
  return clock;
}

/**
 * A clock shared by concurrent callers: sleepers wake in time order as the test advances it. With `stall`,
 * the first wake at or after `stall.at` comes `stall.ms` late, as after a blocked event loop.
 */
function sharedClock(stall?: { at: number; ms: number }) {
  let time = 0;
  let stalled = false;
  const sleepers: { until: number; wake: () => void }[] = [];
  return {
    now: () => time,
    sleep: (ms: number) => new Promise<void>((wake) => void sleepers.push({ until: time + ms, wake })),
    /** Lets every pending sleeper run, earliest first, until nobody sleeps any more. */
    async runAll(): Promise<void> {
      for (;;) {
        for (let i = 0; i < 5; i++) await Promise.resolve();
        await new Promise((resolve) => setImmediate(resolve));
        if (sleepers.length === 0) return;
        sleepers.sort((a, b) => a.until - b.until);
        const next = sleepers.shift()!;
        time = Math.max(time, next.until);
        if (stall && !stalled && time >= stall.at) {
          stalled = true;
          time += stall.ms;
        }
        next.wake();
      }
    },
  };
}

describe('InvitationPacer', () => {
  it('spaces one instance’s requests so no window holds more than the budget, within 5% of it', async () => {
    const clock = fakeClock();
    const budget = { requests: 150, windowSeconds: 5 };
    const pacer = new InvitationPacer(budget, new InMemoryPaceLedger(budget), clock);
    const starts: number[] = [];
    for (let i = 0; i < 600; i++) {
      await pacer.turn();
      starts.push(clock.time);
    }
    expect(busiestWindow(starts, 5000)).toBeLessThanOrEqual(150);
    const rate = (starts.length - 1) / ((starts.at(-1)! - starts[0]!) / 1000);
    expect(rate).toBeGreaterThan(30 * 0.95);
  });

  it('three instances on one ledger send, together, at the budget’s pace and never above it', async () => {
    const clock = sharedClock();
    const budget = { requests: 150, windowSeconds: 5 };
    const ledger = new InMemoryPaceLedger(budget);
    let ledgerCalls = 0;
    const counted: PaceLedger = { update: (change) => (ledgerCalls++, ledger.update(change)) };
    const instances = [1, 2, 3].map(() => new InvitationPacer(budget, counted, clock));
    const starts: number[] = [];
    const requests = instances.flatMap((pacer) => Array.from({ length: 300 }, () => pacer.turn().then(() => void starts.push(clock.now()))));
    await clock.runAll();
    await Promise.all(requests);
    expect(starts).toHaveLength(900);
    expect(busiestWindow(starts, 5000)).toBeLessThanOrEqual(150);
    const seconds = (Math.max(...starts) - Math.min(...starts)) / 1000;
    expect(899 / seconds).toBeGreaterThan(30 * 0.95);
    // Slots go in blocks: far fewer ledger updates than requests.
    expect(ledgerCalls).toBeLessThan(900 / 10);
  });

  it('a 429 told by one instance pauses the others’ next slots until its Retry-After', async () => {
    const clock = sharedClock();
    const budget = { requests: 100, windowSeconds: 1 };
    const ledger = new InMemoryPaceLedger(budget);
    const [one, other] = [new InvitationPacer(budget, ledger, clock), new InvitationPacer(budget, ledger, clock)];
    await one.throttled(2);
    let startedAt = -1;
    const turn = other.turn().then(() => void (startedAt = clock.now()));
    await clock.runAll();
    await turn;
    expect(startedAt).toBe(2000);
  });

  it('a 429 holds back this instance’s own slots claimed before it', async () => {
    const clock = sharedClock();
    const budget = { requests: 10, windowSeconds: 1 };
    const pacer = new InvitationPacer(budget, new InMemoryPaceLedger(budget), clock);
    const starts: number[] = [];
    const turns = Array.from({ length: 3 }, () => pacer.turn().then(() => void starts.push(clock.now())));
    await pacer.throttled(3);
    await clock.runAll();
    await Promise.all(turns);
    expect(Math.min(...starts)).toBeGreaterThanOrEqual(3000);
  });

  it('the requests a 429 held back leave spaced after its Retry-After, not together when it ends', async () => {
    const clock = sharedClock();
    const budget = { requests: 10, windowSeconds: 1 };
    const pacer = new InvitationPacer(budget, new InMemoryPaceLedger(budget), clock);
    const starts: number[] = [];
    const turns = Array.from({ length: 6 }, () => pacer.turn().then(() => void starts.push(clock.now())));
    await pacer.throttled(3);
    await clock.runAll();
    await Promise.all(turns);
    const sorted = [...starts].sort((a, b) => a - b);
    for (let i = 1; i < sorted.length; i++) expect(sorted[i]! - sorted[i - 1]!).toBeGreaterThanOrEqual(fastestInterval(budget) - 1e-6);
  });

  it('requests woken late by a stalled event loop take later slots, so no window holds more than the budget', async () => {
    const clock = sharedClock({ at: 1000, ms: 700 });
    const budget = { requests: 10, windowSeconds: 1 };
    const pacer = new InvitationPacer(budget, new InMemoryPaceLedger(budget), clock);
    const starts: number[] = [];
    const turns = Array.from({ length: 40 }, () => pacer.turn().then(() => void starts.push(clock.now())));
    await clock.runAll();
    await Promise.all(turns);
    expect(starts).toHaveLength(40);
    expect(busiestWindow(starts, 1000)).toBeLessThanOrEqual(10);
  });

  it('an instance holds slots no further than about a second ahead, so another instance’s 429 stops it within that', async () => {
    const clock = sharedClock();
    const budget = { requests: 10, windowSeconds: 1 };
    const ledger = new InMemoryPaceLedger(budget);
    const [busy, other] = [new InvitationPacer(budget, ledger, clock), new InvitationPacer(budget, ledger, clock)];
    const starts: number[] = [];
    const turns = Array.from({ length: 60 }, () => busy.turn().then(() => void starts.push(clock.now())));
    const told = clock.sleep(500).then(() => other.throttled(4));
    await clock.runAll();
    await Promise.all([...turns, told]);
    // Slots claimed before the 429 may still go for about a horizon (1 s) and one claim; none after that until the pause ends.
    expect(starts.filter((start) => start > 500 + 1000 + 2 * fastestInterval(budget) && start < 4500)).toEqual([]);
  });

  it('hands slots to the lowest order first, whatever order the requests waiting for one arrived in', async () => {
    const clock = sharedClock();
    const budget = { requests: 10, windowSeconds: 1 };
    const pacer = new InvitationPacer(budget, new InMemoryPaceLedger(budget), clock);
    const served: number[] = [];
    // The first request is served at once; the others arrive while it holds the pacer.
    const turns = [9, 3, 1, 2, 1, 3, 2].map((order) => pacer.turn(order).then(() => void served.push(order)));
    await clock.runAll();
    await Promise.all(turns);
    expect(served).toEqual([9, 1, 1, 2, 2, 3, 3]);
  });

  it('when the shared ledger fails, the instance paces alone and says so', async () => {
    const clock = fakeClock();
    const budget = { requests: 10, windowSeconds: 1 };
    const errors: unknown[] = [];
    const broken: PaceLedger = { update: () => Promise.reject(new Error('storage down')) };
    const pacer = new InvitationPacer(budget, broken, clock, (error) => errors.push(error));
    await pacer.turn();
    await pacer.turn();
    expect(clock.time).toBeCloseTo(fastestInterval(budget));
    expect(errors).toHaveLength(2);
  });
});
