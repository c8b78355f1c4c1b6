/**
 * A sliding-window request budget, like Graph's invitation limit (150 requests per 5 seconds per
 * tenant, shared/domain/throttling.md). Refused requests count too: Graph keeps counting usage
 * while a caller is throttled, which is why immediate retries make things worse.
 */
export class SlidingWindowThrottle {
  private requestTimes: number[] = [];
  private admittedCount = 0;
  private refusedCount = 0;

  constructor(
    private readonly requestsPerWindow: number,
    private readonly windowMilliseconds: number,
  ) {}

  /** Counts one request; when the window was already full, says how long until a request fits again. */
  admit(now: number = Date.now()): { admitted: true } | { admitted: false; retryAfterSeconds: number } {
    this.requestTimes = this.requestTimes.filter((time) => time > now - this.windowMilliseconds);
    const alreadyInWindow = this.requestTimes.length;
    this.requestTimes.push(now);
    if (alreadyInWindow < this.requestsPerWindow) {
      this.admittedCount += 1;
      return { admitted: true };
    }
    this.refusedCount += 1;
    // A new request fits once all but (budget - 1) of the counted requests have left the window.
    const lastToLeave = this.requestTimes[this.requestTimes.length - this.requestsPerWindow] ?? now;
    const waitMilliseconds = lastToLeave + this.windowMilliseconds - now;
    return { admitted: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMilliseconds / 1000)) };
  }

  /** What this throttle decided since it was set, for tests that check a caller backed off. */
  counts(): { admitted: number; refused: number } {
    return { admitted: this.admittedCount, refused: this.refusedCount };
  }
}
