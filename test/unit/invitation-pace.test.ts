/**
 * The tenant's shared invitation schedule (pure arithmetic): whatever the interleaving of instances claiming
 * blocks of slots and reporting 429s, no window of Graph's holds more than its budget, nobody starts during
 * a pause anyone recorded, and the spacing recovers after calm.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { claimSlots, fastestInterval, initialPace, intervalAt, recordThrottled, type PaceState, type RequestBudget } from '../../src/domain/invitations/invitation-pace.js';
import { busiestWindow } from '../support/busiest-window.js';

const budgetArb = fc.record({ requests: fc.integer({ min: 1, max: 200 }), windowSeconds: fc.integer({ min: 1, max: 10 }) });

type Step = { readonly kind: 'claim'; readonly after: number; readonly wanted: number } | { readonly kind: '429'; readonly after: number; readonly retryAfter: number };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('claim' as const), after: fc.integer({ min: 0, max: 3000 }), wanted: fc.integer({ min: 1, max: 80 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('429' as const), after: fc.integer({ min: 0, max: 3000 }), retryAfter: fc.double({ min: 0, max: 5, noNaN: true }) }) },
);

/** Runs the steps as the serialised updates of one shared record (what the ETag'd row gives). */
function run(budget: RequestBudget, steps: readonly Step[]) {
  let state: PaceState = initialPace(budget);
  let now = 1_700_000_000_000;
  const starts: number[] = [];
  const pauses: { recordedAt: number; until: number }[] = [];
  for (const step of steps) {
    now += step.after;
    if (step.kind === 'claim') {
      const claimed = claimSlots(state, budget, now, step.wanted, 1000);
      state = claimed.state;
      starts.push(...claimed.starts);
      for (const pause of pauses) for (const start of claimed.starts) if (pause.recordedAt <= now) expect(start).toBeGreaterThanOrEqual(pause.until);
    } else {
      state = recordThrottled(state, budget, now, step.retryAfter);
      pauses.push({ recordedAt: now, until: now + step.retryAfter * 1000 });
    }
  }
  return { starts, state, now };
}

describe('the shared invitation schedule', () => {
  it('never puts more than the budget into any window of Graph’s, however instances interleave', () => {
    fc.assert(
      fc.property(budgetArb, fc.array(stepArb, { maxLength: 60 }), (budget, steps) => {
        const { starts } = run(budget, steps);
        expect(busiestWindow(starts, budget.windowSeconds * 1000)).toBeLessThanOrEqual(budget.requests);
        for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(fastestInterval(budget) - 1e-3);
      }),
    );
  });

  it('no slot claimed after a 429 starts before its Retry-After, for any instance', () => {
    fc.assert(fc.property(budgetArb, fc.array(stepArb, { maxLength: 60 }), (budget, steps) => void run(budget, steps)));
  });

  it('a claim gives at least one slot and reaches no further than its horizon past the first', () => {
    fc.assert(
      fc.property(budgetArb, fc.array(stepArb, { maxLength: 20 }), fc.integer({ min: 1, max: 500 }), fc.integer({ min: 0, max: 5000 }), (budget, steps, wanted, horizon) => {
        const { state, now } = run(budget, steps);
        const { starts } = claimSlots(state, budget, now, wanted, horizon);
        expect(starts.length).toBeGreaterThanOrEqual(1);
        expect(starts.length).toBeLessThanOrEqual(wanted);
        expect(starts.at(-1)! - starts[0]!).toBeLessThanOrEqual(horizon);
      }),
    );
  });

  it('keeps an idle tenant from saving up a burst: after a quiet spell the next slot is now, then evenly spaced', () => {
    const budget = { requests: 150, windowSeconds: 5 };
    const first = claimSlots(initialPace(budget), budget, 1_000, 3, 1000);
    const later = claimSlots(first.state, budget, 60_000, 200, 1000);
    expect(later.starts[0]).toBe(60_000);
    expect(later.starts[1]! - later.starts[0]!).toBeCloseTo(fastestInterval(budget));
  });

  it('slows once per 429 episode, whoever reports it, and creeps back to full speed over calm windows', () => {
    const budget = { requests: 100, windowSeconds: 1 };
    const fastest = fastestInterval(budget);
    let state = recordThrottled(initialPace(budget), budget, 10_000, 2);
    // Two more instances report the same episode's 429s.
    state = recordThrottled(state, budget, 10_050, 2);
    state = recordThrottled(state, budget, 10_100, 2);
    expect(intervalAt(state, budget, 10_100)).toBeCloseTo(fastest * 1.25);
    expect(state).toMatchObject({ pausedUntil: 12_100, throttled: 3 });
    expect(intervalAt(state, budget, 11_000)).toBeCloseTo((fastest * 1.25) / 1.1);
    expect(intervalAt(state, budget, 20_000)).toBe(fastest);
  });

  it('never goes slower than one request per 10 seconds, however many 429s', () => {
    const budget = { requests: 150, windowSeconds: 5 };
    let state = initialPace(budget);
    for (let i = 0; i < 100; i++) state = recordThrottled(state, budget, i * 1001, 1);
    expect(intervalAt(state, budget, 100 * 1001)).toBe(10_000);
  });
});
