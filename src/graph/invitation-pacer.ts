/**
 * One pace for every POST /invitations of the tenant, whatever the number of bot instances: start times
 * are claimed in small blocks from the shared schedule (domain/invitations/invitation-pace.ts) kept in a
 * PaceLedger — one table row for every instance, or memory for a lone one — and handed out here, one per
 * request. A 429 is written to the ledger, so every instance pauses until its Retry-After and slows.
 *
 * The Graph SDK's RetryHandler retries one request at a time and knows nothing of the others; this is the
 * shared limit it lacks.
 */
import { claimSlots, initialPace, JITTER_MARGIN_MS, recordThrottled, type PaceState, type RequestBudget } from '../domain/invitations/invitation-pace.js';
import type { PaceLedger } from '../domain/ports/invitation-pace.js';

/**
 * How far ahead one claim reaches. Short, because a pause another instance records is seen at the next
 * claim (slots already claimed still go); long enough that a busy instance asks storage about once a second.
 */
const CLAIM_HORIZON_MS = 1000;
/**
 * A request woken later than this after its slot takes a later one: half the schedule's jitter margin, the
 * rest being left for the network and for other instances' clocks.
 */
const LATE_START_MS = JITTER_MARGIN_MS / 2;
/** After this many late wakes in a row the request leaves anyway: the machine is that slow, not this slot. */
const MAX_LATE_RECLAIMS = 3;

export interface PacerClock {
  now(): number;
  sleep(milliseconds: number): Promise<void>;
}

const realClock: PacerClock = { now: () => Date.now(), sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) };

/** The schedule in this process's memory: the pace of a single instance, and the fallback when storage fails. */
export class InMemoryPaceLedger implements PaceLedger {
  private state: PaceState;

  constructor(budget: RequestBudget) {
    this.state = initialPace(budget);
  }

  update<T>(change: (state: PaceState) => { readonly state: PaceState; readonly result: T }): Promise<T> {
    const { state, result } = change(this.state);
    this.state = state;
    return Promise.resolve(result);
  }
}

export class InvitationPacer {
  /** Start times claimed and not yet handed out, earliest first. */
  private slots: number[] = [];
  /** The last start this instance claimed: it claims again only when that is within the horizon. */
  private claimedUntil = 0;
  /** Requests waiting for a slot, lowest order first (equal orders in arrival order). */
  private readonly waiting: { readonly order: number; readonly take: (start: number) => void }[] = [];
  private serving = false;
  /** How long the last claim took to come back from the ledger (a storage round trip or two). */
  private claimMs = 0;
  /** The latest pause this instance knows of: a Retry-After it saw, or one another instance recorded. */
  private pausedUntil = 0;
  private readonly fallback: InMemoryPaceLedger;

  constructor(
    private readonly budget: RequestBudget,
    private readonly ledger: PaceLedger = new InMemoryPaceLedger(budget),
    private readonly clock: PacerClock = realClock,
    /** Told when the shared ledger cannot be reached; the instance then paces alone until it answers. */
    private readonly onLedgerError: (error: unknown) => void = () => undefined,
  ) {
    this.fallback = new InMemoryPaceLedger(budget);
  }

  /** Resolves when this request may start; requests of a lower `order` get their slots first. */
  async turn(order = 0): Promise<void> {
    for (let late = 0; ; ) {
      const start = await this.slot(order);
      let now = this.clock.now();
      if (start > now) await this.clock.sleep(start - now);
      now = this.clock.now();
      // A pause that began before this slot voids it: the requests it held back take new, spaced slots after
      // it rather than all leaving together when it ends (a burst that met the next 429).
      if (start < this.pausedUntil) {
        if (now < this.pausedUntil) await this.clock.sleep(this.pausedUntil - now);
        continue;
      }
      // Woken well after its slot (the event loop stalled): leaving now would bunch with the slots after it,
      // the way a burst does; a later slot costs one slot, a 429 a whole pause.
      if (now - start > LATE_START_MS && late++ < MAX_LATE_RECLAIMS) continue;
      return;
    }
  }

  /** Records a 429 for every instance; resolves once the ledger has it (or the fallback, when storage fails). */
  async throttled(retryAfterSeconds = 1): Promise<void> {
    const now = this.clock.now();
    this.pause(now + retryAfterSeconds * 1000);
    await this.onLedger((ledger) => ledger.update((state) => ({ state: recordThrottled(state, this.budget, now, retryAfterSeconds), result: undefined })));
  }

  private slot(order: number): Promise<number> {
    return new Promise((take) => {
      const after = this.waiting.findIndex((waiter) => waiter.order > order);
      this.waiting.splice(after < 0 ? this.waiting.length : after, 0, { order, take });
      void this.serve();
    });
  }

  /** Hands claimed slots to the waiting requests in order, claiming more while any wait. */
  private async serve(): Promise<void> {
    if (this.serving) return;
    this.serving = true;
    try {
      for (let waiter = this.waiting.shift(); waiter !== undefined; waiter = this.waiting.shift()) {
        let start: number | undefined;
        while ((start = this.slots.shift()) === undefined) {
          // Slots held far ahead would still leave whatever pause another instance records meanwhile.
          const early = this.claimedUntil - CLAIM_HORIZON_MS - this.clock.now();
          if (early > 0) await this.clock.sleep(early);
          else await this.claim(1 + this.waiting.length);
        }
        waiter.take(start);
      }
    } finally {
      this.serving = false;
    }
  }

  private pause(until: number): void {
    if (until <= this.pausedUntil) return;
    this.pausedUntil = until;
    this.slots = this.slots.filter((start) => start >= until);
  }

  private async claim(wanted: number): Promise<void> {
    await this.onLedger(async (ledger) => {
      const asked = this.clock.now();
      const claimed = await ledger.update((state) => {
        // Slots start no sooner than this claim is expected to be back: a slot already past when it arrives
        // would leave late, bunched with the next.
        const earliest = Math.max(this.clock.now(), asked + this.claimMs);
        const { state: next, starts } = claimSlots(state, this.budget, earliest, wanted, CLAIM_HORIZON_MS);
        return { state: next, result: { starts, pausedUntil: next.pausedUntil } };
      });
      this.claimMs = Math.min(CLAIM_HORIZON_MS, this.clock.now() - asked);
      this.pause(claimed.pausedUntil);
      this.slots.push(...claimed.starts);
      this.claimedUntil = Math.max(this.claimedUntil, ...claimed.starts);
    });
  }

  private async onLedger(use: (ledger: PaceLedger) => Promise<void>): Promise<void> {
    try {
      await use(this.ledger);
    } catch (error) {
      this.onLedgerError(error);
      await use(this.fallback);
    }
  }
}
