/** The durable queue of sending work: putting work in, taking it out. */
import type { SendWork } from '../invitations/send-work.js';

/** Durable work: addresses of a batch still to send, consumed by a worker in any bot instance. */
export interface WorkQueue {
  /** `delaySeconds` keeps the work invisible that long (a pause, a retry later). */
  enqueue(work: SendWork, delaySeconds?: number): Promise<void>;
}

/** A message taken from the queue, invisible to other consumers while its lease lasts. */
export interface WorkLease {
  /** Undefined when the message cannot be read as work (it is then parked, never retried). */
  readonly work: SendWork | undefined;
  /** How many times the queue has handed this message out, this time included. */
  readonly deliveries: number;
  /** Keeps the message hidden for another `seconds` from now. */
  extend(seconds: number): Promise<void>;
  /** Done with: deleted from the queue. */
  complete(): Promise<void>;
  /** Moved to the poison queue with the reason, for an administrator to look at. */
  park(reason: string): Promise<void>;
  /** Handed back unfinished: visible again at once, for this or another instance (a stopping instance). */
  release(): Promise<void>;
}

export interface WorkSource {
  receive(leaseSeconds: number): Promise<WorkLease | undefined>;
}
