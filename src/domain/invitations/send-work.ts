/**
 * A batch's sending, seen as work and as progress: the ready addresses cut into queue messages, and
 * what the outcomes recorded so far say about how far the batch has come.
 */
import { readyEntries, type EntryResult, type InviteBatch } from './batch.js';

/** One queue message: a few addresses of one batch. Small enough to finish well inside its lease. */
export interface SendWork {
  readonly tenantId: string;
  readonly batchId: string;
  readonly addresses: readonly string[];
}

/** Addresses per message; also the most Graph's JSON batching takes in one request. */
const SEND_WORK_SIZE = 20;

export function sendWorkFor(batch: Pick<InviteBatch, 'tenantId' | 'batchId'>, addresses: readonly string[]): SendWork[] {
  const work: SendWork[] = [];
  for (let start = 0; start < addresses.length; start += SEND_WORK_SIZE) {
    work.push({ tenantId: batch.tenantId, batchId: batch.batchId, addresses: addresses.slice(start, start + SEND_WORK_SIZE) });
  }
  return work;
}

/** An outcome that settles the address for this round: a success (of whatever round), or a failure decided in this one. */
export function isSettledOutcome(result: EntryResult | undefined, round: number): boolean {
  if (!result) return false;
  return result.outcome !== 'failed' || result.round >= round;
}

export interface BatchProgress {
  readonly total: number;
  readonly invited: number;
  /** Already invited with Guest Invites, already a guest, or a member: nobody was invited. */
  readonly alreadyThere: number;
  readonly failed: number;
  readonly remaining: number;
}

export function progressOf(batch: InviteBatch, outcomes: readonly EntryResult[]): BatchProgress {
  const byAddress = new Map(outcomes.map((result) => [result.address, result]));
  let invited = 0;
  let alreadyThere = 0;
  let failed = 0;
  const ready = readyEntries(batch);
  for (const entry of ready) {
    const result = byAddress.get(entry.address);
    if (!isSettledOutcome(result, batch.round)) continue;
    if (result?.outcome === 'invited') invited++;
    else if (result?.outcome === 'failed') failed++;
    else alreadyThere++;
  }
  return { total: ready.length, invited, alreadyThere, failed, remaining: ready.length - invited - alreadyThere - failed };
}

/** Ready addresses with no success yet: what Retry failed and Resume send again. */
export function unfinishedAddresses(batch: InviteBatch, outcomes: readonly EntryResult[]): string[] {
  const succeeded = new Set(outcomes.filter((result) => result.outcome !== 'failed').map((result) => result.address));
  return readyEntries(batch)
    .map((entry) => entry.address)
    .filter((address) => !succeeded.has(address));
}

/** Outcomes of this batch's ready addresses in entry order, the latest for each. */
export function outcomesInOrder(batch: InviteBatch, outcomes: readonly EntryResult[]): EntryResult[] {
  const byAddress = new Map(outcomes.map((result) => [result.address, result]));
  return readyEntries(batch).flatMap((entry) => {
    const result = byAddress.get(entry.address);
    return result ? [result] : [];
  });
}
