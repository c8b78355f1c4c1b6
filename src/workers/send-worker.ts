/**
 * The queue consumer that runs inside every bot instance: takes SendWork messages, keeps each one's lease
 * alive while it is worked on, deletes it when done. A crash leaves the message to come back after its
 * lease, to this instance or another; a message that keeps failing is parked in the poison queue and its
 * addresses reported as failed, never retried forever.
 */
import type { Logger } from 'pino';
import type { SendWork } from '../domain/invitations/send-work.js';
import type { WorkLease, WorkSource } from '../domain/ports.js';

export interface SendWorkerOptions {
  /** Messages worked on at once by this instance. */
  readonly concurrency: number;
  /** How long a taken message stays hidden; renewed at half of it while the work goes on. */
  readonly leaseSeconds: number;
  /** Deliveries after which a message is parked as poison. */
  readonly maxDeliveries: number;
  /** Polling back-off while the queue is empty; wake() cuts it short. */
  readonly idlePollMs: { readonly min: number; readonly max: number };
}

export interface SendWorkHandlers {
  process(work: SendWork): Promise<void>;
  /** A parked message's addresses, so the batch can tell the inviter instead of waiting forever. */
  gaveUp(work: SendWork, reason: string): Promise<void>;
}

export class SendWorker {
  private running = false;
  private loops: Promise<void>[] = [];
  private wakers = new Set<() => void>();

  constructor(
    private readonly source: WorkSource,
    private readonly handlers: SendWorkHandlers,
    private readonly options: SendWorkerOptions,
    private readonly log: Logger,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loops = Array.from({ length: this.options.concurrency }, (_, slot) => this.loop(slot));
  }

  /** New work was queued here: look now instead of at the next poll. */
  wake(): void {
    for (const wake of this.wakers) wake();
  }

  /** Stops taking messages and waits for the ones in hand (their outcomes are recorded before exit). */
  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await Promise.all(this.loops);
  }

  private async loop(slot: number): Promise<void> {
    let idleMs = this.options.idlePollMs.min;
    while (this.running) {
      let lease: WorkLease | undefined;
      try {
        lease = await this.source.receive(this.options.leaseSeconds);
      } catch (error) {
        this.log.warn({ err: error, slot }, 'could not read the invitation queue; trying again');
      }
      if (!lease) {
        await this.idle(idleMs);
        idleMs = Math.min(this.options.idlePollMs.max, idleMs * 2);
        continue;
      }
      idleMs = this.options.idlePollMs.min;
      await this.handle(lease);
    }
  }

  private async handle(lease: WorkLease): Promise<void> {
    const work = lease.work;
    if (!work) {
      this.log.error({ deliveries: lease.deliveries }, 'unreadable message parked in the poison queue');
      await lease.park('not a SendWork message').catch((error: unknown) => this.log.error({ err: error }, 'could not park a message'));
      return;
    }
    const log = this.log.child({ batchId: work.batchId, addresses: work.addresses.length, deliveries: lease.deliveries });
    if (lease.deliveries > this.options.maxDeliveries) {
      const reason = `Could not be processed after ${lease.deliveries - 1} attempts; an administrator has been told (poison queue).`;
      log.error('send work failed too often: parked in the poison queue');
      try {
        await this.handlers.gaveUp(work, reason);
        await lease.park(reason);
      } catch (error) {
        log.error({ err: error }, 'could not park poison work; it comes back after its lease');
      }
      return;
    }
    const renewal = setInterval(() => {
      lease.extend(this.options.leaseSeconds).catch((error: unknown) => log.warn({ err: error }, 'could not renew a queue lease'));
    }, (this.options.leaseSeconds * 1000) / 2);
    try {
      await this.handlers.process(work);
      await lease.complete();
      log.debug('send work done');
    } catch (error) {
      log.error({ err: error }, 'send work failed; it comes back after its lease');
    } finally {
      clearInterval(renewal);
    }
  }

  private idle(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakers.add(done);
    });
  }
}
