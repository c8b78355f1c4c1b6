/**
 * A sliding-window request budget, like Graph's invitation limit (150 requests per 5 seconds per
 * tenant, shared/domain/throttling.md). Refused requests count too: Graph keeps counting usage
 * while a caller is throttled, which is why immediate retries make things worse.
 */
export class SlidingWindowThrottle {
  private requestTimes: number[] = [];

  constructor(
    private readonly requestsPerWindow: number,
    private readonly windowMilliseconds: number,
  ) {}

  /** Counts one request; when the window was already full, says how long until a request fits again. */
  admit(now: number = Date.now()): { admitted: true } | { admitted: false; retryAfterSeconds: number } {
    this.requestTimes = this.requestTimes.filter((time) => time > now - this.windowMilliseconds);
    const alreadyInWindow = this.requestTimes.length;
    this.requestTimes.push(now);
    if (alreadyInWindow < this.requestsPerWindow) return { admitted: true };
    // A new request fits once all but (budget - 1) of the counted requests have left the window.
    const lastToLeave = this.requestTimes[this.requestTimes.length - this.requestsPerWindow] ?? now;
    const waitMilliseconds = lastToLeave + this.windowMilliseconds - now;
    return { admitted: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMilliseconds / 1000)) };
  }
}
