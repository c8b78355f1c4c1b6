/**
 * One pace for every POST /invitations of the tenant, whatever the number of bot instances: start times
 * are claimed in small blocks from the shared schedule (domain/invitations/invitation-pace.ts) kept in a
 * PaceLedger — one table row for every instance, or memory for a lone one — and handed out here, one per
 * request. A 429 is written to the ledger, so every instance pauses until its Retry-After and slows.
 *
 * The Graph SDK's RetryHandler retries one request at a time and knows nothing of the others; this is the
 * shared limit it lacks.
 */
import { claimSlots, initialPace, recordThrottled, type PaceState, type RequestBudget } from '../domain/invitations/invitation-pace.js';
import type { PaceLedger } from '../domain/ports/invitation-pace.js';

/**
 * How far ahead one claim reaches. Short, because a pause another instance records is seen at the next
 * claim (slots already claimed still go); long enough that a busy instance asks storage about once a second.
 */
const CLAIM_HORIZON_MS = 1000;

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
  private readonly slots: number[] = [];
  /** Requests waiting for a slot. */
  private unserved = 0;
  private claiming: Promise<void> | undefined;
  /** The latest Retry-After this instance saw: also holds back slots it claimed before the 429. */
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

  /** Resolves when this request may start. */
  async turn(): Promise<void> {
    this.unserved++;
    let start: number | undefined;
    try {
      while ((start = this.slots.shift()) === undefined) await this.claim();
    } finally {
      this.unserved--;
    }
    let now = this.clock.now();
    if (start > now) await this.clock.sleep(start - now);
    // A 429 seen while waiting pauses requests that already had their slot, too.
    while ((now = this.clock.now()) < this.pausedUntil) await this.clock.sleep(this.pausedUntil - now);
  }

  /** Records a 429 for every instance; resolves once the ledger has it (or the fallback, when storage fails). */
  async throttled(retryAfterSeconds = 1): Promise<void> {
    const now = this.clock.now();
    this.pausedUntil = Math.max(this.pausedUntil, now + retryAfterSeconds * 1000);
    await this.onLedger((ledger) => ledger.update((state) => ({ state: recordThrottled(state, this.budget, now, retryAfterSeconds), result: undefined })));
  }

  private claim(): Promise<void> {
    this.claiming ??= this.onLedger(async (ledger) => {
      const starts = await ledger.update((state) => {
        const claimed = claimSlots(state, this.budget, this.clock.now(), this.unserved, CLAIM_HORIZON_MS);
        return { state: claimed.state, result: claimed.starts };
      });
      this.slots.push(...starts);
    }).finally(() => {
      this.claiming = undefined;
    });
    return this.claiming;
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
