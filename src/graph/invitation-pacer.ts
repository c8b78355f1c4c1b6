/**
 * One pace for every POST /invitations this instance makes. Graph allows about 150 invitation requests per
 * 5 seconds per tenant, shared by every app (shared/domain/throttling.md) and counts refused requests too,
 * so bursts followed by 429 storms are slower than an even pace. The pacer spaces request starts evenly
 * just under the budget; a 429 stops everyone until its Retry-After and slows the pace, which creeps back
 * once requests succeed again (another app may be using the same tenant budget).
 *
 * The Graph SDK's RetryHandler retries one request at a time and knows nothing of the others; this is the
 * shared limit it lacks.
 */

/**
 * The window is taken this much longer than Graph's, so requests that leave on time but arrive bunched
 * (network and event-loop jitter) never put budget + 1 into one of Graph's windows.
 */
const JITTER_MARGIN_MS = 250;
const SLOWDOWN = 1.25;
const SPEEDUP = 1.1;
/** Never slower than one request per this many ms, however many 429s. */
const SLOWEST_INTERVAL_MS = 10_000;

export interface PacerClock {
  now(): number;
  sleep(milliseconds: number): Promise<void>;
}

const realClock: PacerClock = { now: () => Date.now(), sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) };

export class InvitationPacer {
  private readonly fastestInterval: number;
  private interval: number;
  private nextStart = 0;
  private pausedUntil = 0;
  private successesSinceSlowdown = 0;
  private throttledCount = 0;

  constructor(
    private readonly budget: { readonly requests: number; readonly windowSeconds: number },
    private readonly clock: PacerClock = realClock,
  ) {
    this.fastestInterval = (budget.windowSeconds * 1000 + JITTER_MARGIN_MS) / budget.requests;
    this.interval = this.fastestInterval;
  }

  /** Resolves when this request may start. */
  async turn(): Promise<void> {
    let now = this.clock.now();
    const start = Math.max(now, this.nextStart, this.pausedUntil);
    this.nextStart = start + this.interval;
    if (start > now) await this.clock.sleep(start - now);
    // A 429 seen while waiting pauses requests that already had their turn, too.
    while ((now = this.clock.now()) < this.pausedUntil) await this.clock.sleep(this.pausedUntil - now);
  }

  succeeded(): void {
    if (this.interval <= this.fastestInterval) return;
    if (++this.successesSinceSlowdown < this.budget.requests / 10) return;
    this.interval = Math.max(this.fastestInterval, this.interval / SPEEDUP);
    this.successesSinceSlowdown = 0;
  }

  throttled(retryAfterSeconds = 1): void {
    this.throttledCount++;
    const now = this.clock.now();
    // Requests in flight when the budget ran out all come back 429 together: one slowdown per episode.
    if (now >= this.pausedUntil) this.interval = Math.min(SLOWEST_INTERVAL_MS, this.interval * SLOWDOWN);
    this.pausedUntil = Math.max(this.pausedUntil, now + retryAfterSeconds * 1000);
    this.nextStart = Math.max(this.nextStart, this.pausedUntil);
    this.successesSinceSlowdown = 0;
  }

  /** For logs and the bench: the current spacing and how many 429s it has absorbed. */
  state(): { readonly intervalMs: number; readonly throttled: number } {
    return { intervalMs: this.interval, throttled: this.throttledCount };
  }
}
