/**
 * What the person who started a batch can do with it: change it while it is a draft, cancel it, send it,
 * and later retry its failures or resume it after a pause. Only that person (checked by their Entra object
 * id against the stored batch), and only once: a second Send of the same batch, from a double click or a
 * second instance, finds it no longer in the state it needs.
 */
import { readyEntries, type BatchState, type InviteBatch, type StatusCardLocation } from '../invitations/batch.js';
import { sendWorkFor, unfinishedAddresses } from '../invitations/send-work.js';
import type { BatchOutcomeStore } from '../ports/batch-outcome-store.js';
import type { BatchStore } from '../ports/batch-store.js';
import type { Clock } from '../ports/clock.js';
import type { Versioned } from '../ports/versioned.js';
import type { WorkQueue } from '../ports/work-queue.js';
import { StaleWriteError } from '../ports/versioned.js';

export type BatchActionOutcome =
  | { readonly kind: 'done'; readonly batch: InviteBatch }
  | { readonly kind: 'not-found' }
  | { readonly kind: 'not-yours'; readonly batch: InviteBatch }
  /** The batch is not (any more) in the state the action needs: a second click, another instance. */
  | { readonly kind: 'no-longer-draft'; readonly batch: InviteBatch };

export interface BatchActionDependencies {
  readonly batches: BatchStore;
  readonly clock: Clock;
}

export interface SendingDependencies extends BatchActionDependencies {
  readonly queue: WorkQueue;
  readonly outcomes: BatchOutcomeStore;
}

export interface BatchKey {
  readonly tenantId: string;
  readonly batchId: string;
}

/** Applies `change` to a draft the actor started; the stored batch moves only if nobody changed it meanwhile. */
export function changeDraft(
  deps: BatchActionDependencies,
  key: BatchKey,
  actorAadObjectId: string | undefined,
  change: (batch: InviteBatch) => InviteBatch,
): Promise<BatchActionOutcome> {
  return changeBatch(deps, key, actorAadObjectId, ['Draft'], change);
}

export async function changeBatch(
  deps: BatchActionDependencies,
  key: BatchKey,
  actorAadObjectId: string | undefined,
  from: readonly BatchState[],
  change: (batch: InviteBatch) => InviteBatch,
): Promise<BatchActionOutcome> {
  const stored = await deps.batches.get(key.tenantId, key.batchId);
  if (!stored) return { kind: 'not-found' };
  const guard = guardState(stored, actorAadObjectId, from);
  if (guard) return guard;
  try {
    const saved = await deps.batches.replace({ ...change(stored.value), updatedAt: deps.clock.now().toISOString() }, stored.etag);
    return { kind: 'done', batch: saved.value };
  } catch (error) {
    if (!(error instanceof StaleWriteError)) throw error;
    const latest = await deps.batches.get(key.tenantId, key.batchId);
    return { kind: 'no-longer-draft', batch: latest?.value ?? stored.value };
  }
}

function guardState(stored: Versioned<InviteBatch>, actor: string | undefined, from: readonly BatchState[]): BatchActionOutcome | undefined {
  if (!actor || actor !== stored.value.starter.aadObjectId) return { kind: 'not-yours', batch: stored.value };
  if (!from.includes(stored.value.state)) return { kind: 'no-longer-draft', batch: stored.value };
  return undefined;
}

export const removeFlagged = (batch: InviteBatch): InviteBatch => ({ ...batch, entries: readyEntries(batch) });
export const cancel = (batch: InviteBatch): InviteBatch => ({ ...batch, state: 'Cancelled' });
/** Only the ready addresses the inviter left ticked are sent; flagged ones stay on the list (never sent). */
export const keepChosen =
  (chosen: ReadonlySet<string>) =>
  (batch: InviteBatch): InviteBatch => ({ ...batch, entries: batch.entries.filter((entry) => entry.attention !== undefined || chosen.has(entry.address)) });

/**
 * Send: the draft becomes Sending and its addresses go on the durable queue; the answer is immediate.
 * When the queue cannot take the work, the batch goes back to a draft so Send can be pressed again.
 */
export async function sendBatch(deps: SendingDependencies, key: BatchKey, actor: string | undefined, card: StatusCardLocation | undefined): Promise<BatchActionOutcome> {
  let addresses: string[] = [];
  const outcome = await changeDraft(deps, key, actor, (batch) => {
    addresses = readyEntries(batch).map((entry) => entry.address);
    return sending(batch, 1, addresses, card);
  });
  if (outcome.kind !== 'done') return outcome;
  return enqueueOrRevert(deps, outcome.batch, addresses, 'Draft');
}

/** Retry failed (a Done batch) or Resume (a Paused one): a new round for every address without a success. */
export async function sendAgain(deps: SendingDependencies, key: BatchKey, actor: string | undefined, card: StatusCardLocation | undefined): Promise<BatchActionOutcome> {
  const outcomes = await deps.outcomes.list(key.tenantId, key.batchId);
  let addresses: string[] = [];
  let previous: BatchState = 'Done';
  const outcome = await changeBatch(deps, key, actor, ['Done', 'Paused'], (batch) => {
    addresses = unfinishedAddresses(batch, outcomes);
    previous = batch.state;
    return sending(batch, batch.round + 1, addresses, card ?? batch.statusCard);
  });
  if (outcome.kind !== 'done') return outcome;
  return enqueueOrRevert(deps, outcome.batch, addresses, previous);
}

export function sending(batch: InviteBatch, round: number, addresses: readonly string[], card: StatusCardLocation | undefined): InviteBatch {
  const { pause: _resumed, ...rest } = batch;
  return { ...rest, state: addresses.length === 0 ? 'Done' : 'Sending', round, ...(card ? { statusCard: card } : {}) };
}

export async function enqueueOrRevert(deps: SendingDependencies, batch: InviteBatch, addresses: readonly string[], revertTo: BatchState): Promise<BatchActionOutcome> {
  try {
    for (const work of sendWorkFor(batch, addresses)) await deps.queue.enqueue(work);
    return { kind: 'done', batch };
  } catch (error) {
    // Best effort: storage may be down too. A batch left Sending is repaired by the sweep (repair-batches.ts).
    await revert(deps, batch, revertTo).catch(() => undefined);
    throw error;
  }
}

/** Back to the state before this Send, unless the batch moved on; another write in between is read again. */
async function revert(deps: SendingDependencies, batch: InviteBatch, revertTo: BatchState): Promise<void> {
  for (;;) {
    const stored = await deps.batches.get(batch.tenantId, batch.batchId);
    if (stored?.value.state !== 'Sending' || stored.value.round !== batch.round) return;
    try {
      await deps.batches.replace({ ...stored.value, state: revertTo, round: batch.round - 1 }, stored.etag);
      return;
    } catch (writeError) {
      if (!(writeError instanceof StaleWriteError)) throw writeError;
    }
  }
}
