/**
 * The tenant's `/invitations` budget as one schedule of request start times that every bot instance draws
 * from. Graph allows about 150 invitation requests per 5 seconds per tenant, shared by every app, and
 * counts refused requests too, so bursts followed by 429 storms are slower than an even pace. The schedule
 * spaces starts evenly just under the budget; a 429 (seen by any instance) stops every instance until its
 * Retry-After and slows the spacing, which creeps back as calm windows pass (another app may be using the
 * same tenant budget).
 *
 * Why a shared schedule of time slots rather than a token bucket or one elected sender (measured with
 * `npm run bench:scale`): a slot schedule is one small record (the next free start time, the spacing, the
 * pause) that an instance updates once per *block* of slots, with an ETag, so storage is touched about once
 * a second per busy instance whatever the budget; a token bucket over the same record must be written for
 * every request (30 conditional writes a second at Graph's budget, most of them conflicting between
 * instances); an elected sender makes the others forward their work to it, adds a lease hand-over on every
 * crash, and caps the pace at what one instance's event loop and connections do. Even spacing is also the
 * fastest safe pace: a sliding window of B requests per W seconds admits at most B in any W, so a burst
 * allowance only buys a pause later.
 *
 * Pure arithmetic on a plain record: the storage adapter (src/storage/table-pace.ts) keeps it in one table
 * row; a single instance may keep it in memory.
 */

export interface RequestBudget {
  readonly requests: number;
  readonly windowSeconds: number;
}

export interface PaceState {
  /** Epoch ms before which every slot is taken (by some instance); the next claim starts here or later. */
  readonly nextSlotAt: number;
  /** The spacing set by the last slowdown; it shortens again as calm windows pass (intervalAt). */
  readonly intervalMs: number;
  /** When `intervalMs` was set: the start of the calm that shortens it. */
  readonly slowedAt: number;
  /** No slot starts before this: the latest Retry-After any instance was given. */
  readonly pausedUntil: number;
  /** 429s absorbed since the record was made, for logs and the bench. */
  readonly throttled: number;
}

/**
 * The window is taken this much longer than Graph's, so requests that leave on time but arrive bunched
 * (network and event-loop jitter, instance clocks a few ms apart) never put budget + 1 into one window.
 */
export const JITTER_MARGIN_MS = 250;
const SLOWDOWN = 1.25;
/** Each calm window (no 429 in a whole budget window) brings the spacing this much closer to the fastest. */
const SPEEDUP = 1.1;
/** Never slower than one request per this many ms, however many 429s. */
const SLOWEST_INTERVAL_MS = 10_000;

export function fastestInterval(budget: RequestBudget): number {
  return (budget.windowSeconds * 1000 + JITTER_MARGIN_MS) / budget.requests;
}

export function initialPace(budget: RequestBudget): PaceState {
  return { nextSlotAt: 0, intervalMs: fastestInterval(budget), slowedAt: 0, pausedUntil: 0, throttled: 0 };
}

/** The spacing in force at `now`. */
export function intervalAt(state: PaceState, budget: RequestBudget, now: number): number {
  const fastest = fastestInterval(budget);
  if (state.intervalMs <= fastest) return fastest;
  const calmWindows = Math.max(0, Math.floor((now - state.slowedAt) / (budget.windowSeconds * 1000)));
  return Math.max(fastest, state.intervalMs / SPEEDUP ** calmWindows);
}

/**
 * Claims up to `wanted` consecutive slots (at least one), no further ahead than `horizonMs` past the
 * first: a block an instance hands out locally without asking storage again, short enough that a pause
 * another instance records is seen within about a horizon.
 */
export function claimSlots(
  state: PaceState,
  budget: RequestBudget,
  now: number,
  wanted: number,
  horizonMs: number,
): { readonly state: PaceState; readonly starts: readonly number[] } {
  const interval = intervalAt(state, budget, now);
  const first = Math.max(now, state.nextSlotAt, state.pausedUntil);
  const count = Math.max(1, Math.min(Math.floor(wanted), Math.floor(horizonMs / interval) + 1));
  const starts = Array.from({ length: count }, (_, slot) => first + slot * interval);
  return { state: { ...state, nextSlotAt: first + count * interval }, starts };
}

/**
 * A 429: nobody starts before its Retry-After, and the spacing slows, once per episode: the requests in
 * flight when the budget ran out all come back 429 together, from every instance.
 */
export function recordThrottled(state: PaceState, budget: RequestBudget, now: number, retryAfterSeconds: number): PaceState {
  const newEpisode = now >= state.pausedUntil;
  const interval = intervalAt(state, budget, now);
  return {
    ...state,
    ...(newEpisode ? { intervalMs: Math.min(SLOWEST_INTERVAL_MS, interval * SLOWDOWN), slowedAt: now } : {}),
    pausedUntil: Math.max(state.pausedUntil, now + retryAfterSeconds * 1000),
    throttled: state.throttled + 1,
  };
}
