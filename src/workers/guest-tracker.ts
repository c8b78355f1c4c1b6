/**
 * Runs tracking rounds in every bot instance: one at start, then every TRACKING_POLL_SECONDS, and at once
 * when woken (a change notification). Only the instance holding the tenant's lease does a round; the
 * others find it held and wait for the next tick.
 */
import type { Logger } from 'pino';
import type { RoundOutcome } from '../domain/use-cases/track-guests.js';

export class GuestTracker {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = true;

  constructor(
    private readonly round: () => Promise<RoundOutcome>,
    private readonly intervalMs: number,
    private readonly log: Logger,
    /** Gives the lease up on a clean stop. */
    private readonly release: () => Promise<void> = () => Promise.resolve(),
  ) {}

  start(): void {
    this.stopped = false;
    this.wake();
  }

  /** A round now; if one is running, another right after it. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.running = this.runRound().finally(() => {
      this.running = undefined;
      if (this.stopped) return;
      if (this.again) {
        this.again = false;
        this.wake();
      } else {
        this.timer = setTimeout(() => this.wake(), this.intervalMs);
        this.timer.unref();
      }
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    await this.release().catch((error: unknown) => this.log.warn({ err: error }, 'could not give the tracking lease up; it lapses by itself'));
  }

  private async runRound(): Promise<void> {
    try {
      const outcome = await this.round();
      if (outcome.kind === 'tracked') this.log.debug(outcome, 'tracking round');
      if (outcome.kind === 'tracked' && (outcome.accepted > 0 || outcome.removed > 0)) this.log.info(outcome, 'guests accepted or left');
    } catch (error) {
      this.log.warn({ err: error }, 'tracking round failed; the next one tries again');
    }
  }
}
