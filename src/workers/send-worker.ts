/**
 * The queue consumer that runs inside every bot instance: takes SendWork messages, keeps each one's lease
 * alive while it is worked on, deletes it when done. A crash leaves the message to come back after its
 * lease, to this instance or another; a message that keeps failing is parked in the poison queue and its
 * addresses reported as failed, never retried forever.
 */
import type { Logger } from 'pino';
import type { SendWork } from '../domain/invitations/send-work.js';
import type { WorkLease, WorkSource } from '../domain/ports/work-queue.js';

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
  /** A parked message's addresses after `attempts` failed tries, so the batch can tell the inviter instead of waiting forever. */
  gaveUp(work: SendWork, attempts: number): Promise<void>;
}

export class SendWorker {
  private running = false;
  private loops: Promise<void>[] = [];
  private wakers = new Set<() => void>();
  /** The leases being worked on, with what stops their renewal. */
  private inHand = new Map<WorkLease, () => void>();

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

  /**
   * Stops taking messages and waits for the ones in hand, so their outcomes are recorded. Those still in hand
   * after `handBackAfterMs` are handed back to the queue for another instance; resolves once they are.
   */
  async stop(handBackAfterMs = Number.POSITIVE_INFINITY): Promise<void> {
    this.running = false;
    this.wake();
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      if (Number.isFinite(handBackAfterMs)) timer = setTimeout(() => resolve('late'), handBackAfterMs);
    });
    const outcome = await Promise.race([Promise.all(this.loops).then(() => 'finished' as const), late]);
    clearTimeout(timer);
    if (outcome === 'finished') return;
    this.log.warn({ messages: this.inHand.size }, 'queue messages not finished in time: handed back for another instance');
    await Promise.all([...this.inHand.keys()].map((lease) => this.handBack(lease)));
  }

  private async handBack(lease: WorkLease): Promise<void> {
    this.inHand.get(lease)?.();
    this.inHand.delete(lease);
    await lease.release().catch((error: unknown) => this.log.warn({ err: error }, 'could not hand a queue message back; it comes back after its lease'));
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
      // Taken while stopping: not started, so straight back.
      if (!this.running) {
        await this.handBack(lease);
        break;
      }
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
      const attempts = lease.deliveries - 1;
      log.error('send work failed too often: parked in the poison queue');
      try {
        await this.handlers.gaveUp(work, attempts);
        await lease.park(`could not be processed after ${attempts} attempts`);
      } catch (error) {
        log.error({ err: error }, 'could not park poison work; it comes back after its lease');
      }
      return;
    }
    const renewal = setInterval(() => {
      lease.extend(this.options.leaseSeconds).catch((error: unknown) => log.warn({ err: error }, 'could not renew a queue lease'));
    }, (this.options.leaseSeconds * 1000) / 2);
    this.inHand.set(lease, () => clearInterval(renewal));
    try {
      await this.handlers.process(work);
      // Handed back meanwhile: another instance may hold it now; its outcomes are recorded either way.
      if (!this.inHand.has(lease)) return;
      await lease.complete();
      log.debug('send work done');
    } catch (error) {
      log.error({ err: error }, 'send work failed; it comes back after its lease');
    } finally {
      clearInterval(renewal);
      this.inHand.delete(lease);
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
