import { describe, expect, it } from 'vitest';
import { InvitationPacer, type PacerClock } from '../../src/graph/invitation-pacer.js';

/** A clock whose sleep passes time at once; records when each turn was given. */
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

async function turns(pacer: InvitationPacer, clock: { time: number }, count: number): Promise<number[]> {
  const starts: number[] = [];
  for (let i = 0; i < count; i++) {
    await pacer.turn();
    starts.push(clock.time);
  }
  return starts;
}

/** The most starts that fall in any window of `windowMs`. */
function busiestWindow(starts: number[], windowMs: number): number {
  let most = 0;
  for (const [i, start] of starts.entries()) most = Math.max(most, starts.slice(i).filter((t) => t < start + windowMs).length);
  return most;
}

describe('InvitationPacer', () => {
  it('spaces requests so no window of Graph’s holds more than its budget, and stays within 5% of it', async () => {
    const clock = fakeClock();
    const pacer = new InvitationPacer({ requests: 150, windowSeconds: 5 }, clock);
    const starts = await turns(pacer, clock, 600);
    expect(busiestWindow(starts, 5000)).toBeLessThanOrEqual(150);
    const rate = (starts.length - 1) / ((starts.at(-1)! - starts[0]!) / 1000);
    expect(rate).toBeGreaterThan(30 * 0.95);
  });

  it('a 429 stops every request until its Retry-After, and slows the pace once per episode', async () => {
    const clock = fakeClock();
    const pacer = new InvitationPacer({ requests: 100, windowSeconds: 1 }, clock);
    await pacer.turn();
    const before = pacer.state().intervalMs;
    pacer.throttled(2);
    pacer.throttled(2);
    pacer.throttled(2);
    expect(pacer.state()).toEqual({ intervalMs: before * 1.25, throttled: 3 });
    await pacer.turn();
    expect(clock.time).toBeGreaterThanOrEqual(2000);
  });

  it('creeps back to full speed while requests succeed', () => {
    const clock = fakeClock();
    const pacer = new InvitationPacer({ requests: 100, windowSeconds: 1 }, clock);
    const fastest = pacer.state().intervalMs;
    pacer.throttled(1);
    for (let i = 0; i < 200; i++) pacer.succeeded();
    expect(pacer.state().intervalMs).toBe(fastest);
  });

  it('never goes slower than one request per 10 seconds, however many 429s', () => {
    const clock = fakeClock();
    const pacer = new InvitationPacer({ requests: 150, windowSeconds: 5 }, clock);
    for (let i = 0; i < 100; i++) {
      pacer.throttled(1);
      clock.time += 1001;
    }
    expect(pacer.state().intervalMs).toBe(10_000);
  });
});
