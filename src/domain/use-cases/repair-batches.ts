/**
 * A batch is Sending only while work for it is in flight: queue messages waiting or being worked on. Two
 * failures can leave it Sending with none: the queue refused its work and the revert to the state before
 * failed too (storage down), or an instance died between recording the last outcome and moving the batch
 * to Done. Its card would then say "sending" for ever. The tracker's lease holder sweeps Sending batches at
 * start and after every round (one instance at a time) and repairs those the rule below calls stuck.
 */
import { readyEntries, type EntryResult, type InviteBatch } from '../invitations/batch.js';
import { isSettledOutcome, progressOf } from '../invitations/send-work.js';
import type { AuditLog } from '../ports/audit-log.js';
import type { BatchObserver } from '../ports/batch-observer.js';
import type { BatchOutcomeStore } from '../ports/batch-outcome-store.js';
import type { BatchStore } from '../ports/batch-store.js';
import type { Clock } from '../ports/clock.js';
import type { InvitationStore } from '../ports/invitation-store.js';
import { message, type Message } from '../message.js';
import { finishIfComplete } from './send-work.js';

/**
 * Silence after which no work can still be in flight for a batch: far longer than any delay a worker puts
 * on its work (a throttled address waits Graph's Retry-After, seconds to minutes; a held intent the sending
 * lease, two request timeouts) and than a queue message's lease after a crash.
 */
export const STUCK_AFTER_MS = 30 * 60_000;

/** Why an address of a repaired batch failed: sending stopped before it, and Retry failed sends it. */
export const ABANDONED_REASON: Message = message('outcomes:reason.abandoned');

export type SendingVerdict =
  /** Every address has its outcome: only the move to Done was missed. */
  | { readonly kind: 'finished' }
  /** Something touched the batch or one of its invitations recently: work may be in flight. */
  | { readonly kind: 'in-flight' }
  /** Silent for STUCK_AFTER_MS with addresses open: no work is left to finish them. */
  | { readonly kind: 'abandoned'; readonly addresses: readonly string[] };

/** The rule: `lastActivity` is the latest write to the batch or to an invitation it sent. */
export function judgeSendingBatch(batch: InviteBatch, outcomes: readonly EntryResult[], lastActivity: Date, now: Date, stuckAfterMs = STUCK_AFTER_MS): SendingVerdict {
  if (progressOf(batch, outcomes).remaining === 0) return { kind: 'finished' };
  if (now.getTime() - lastActivity.getTime() < stuckAfterMs) return { kind: 'in-flight' };
  const byAddress = new Map(outcomes.map((result) => [result.address, result]));
  const open = readyEntries(batch)
    .map((entry) => entry.address)
    .filter((address) => !isSettledOutcome(byAddress.get(address), batch.round));
  return { kind: 'abandoned', addresses: open };
}

export interface RepairBatchesDependencies {
  readonly batches: BatchStore;
  readonly outcomes: BatchOutcomeStore;
  readonly store: InvitationStore;
  readonly observer: BatchObserver;
  readonly audit?: AuditLog;
  readonly clock: Clock;
  readonly tenantId: string;
  readonly stuckAfterMs?: number;
}

/** Repairs every stuck Sending batch of the tenant; says how many it repaired. */
export async function repairStuckBatches(deps: RepairBatchesDependencies): Promise<number> {
  let repaired = 0;
  for (const stored of await deps.batches.list(deps.tenantId, { state: 'Sending' })) {
    if (await repair(deps, stored.value)) repaired++;
  }
  return repaired;
}

async function repair(deps: RepairBatchesDependencies, batch: InviteBatch): Promise<boolean> {
  const now = deps.clock.now();
  const stuckAfterMs = deps.stuckAfterMs ?? STUCK_AFTER_MS;
  // Cheap first: a batch written to recently is not read further.
  if (now.getTime() - Date.parse(batch.updatedAt) < stuckAfterMs) return false;
  const outcomes = await deps.outcomes.list(batch.tenantId, batch.batchId);
  const verdict = judgeSendingBatch(batch, outcomes, await lastActivity(deps, batch), now, stuckAfterMs);
  if (verdict.kind === 'in-flight') return false;
  if (verdict.kind === 'abandoned') {
    for (const address of verdict.addresses) {
      await deps.outcomes.record(batch.tenantId, batch.batchId, { address, outcome: 'failed', reason: ABANDONED_REASON, code: 'batch.abandoned', round: batch.round });
    }
  }
  await finishIfComplete(deps, batch);
  await deps.audit?.append(batch.tenantId, {
    at: now.toISOString(),
    actor: { name: 'Guest Invites' },
    action: 'batch-repaired',
    subject: `batch ${batch.batchId}`,
    ...(verdict.kind === 'abandoned' ? { addresses: verdict.addresses } : {}),
    outcome: verdict.kind,
    // The outcome says what was repaired; the detail when the batch was last written to (silent since then).
    ...(verdict.kind === 'abandoned' ? { detail: batch.updatedAt } : {}),
  });
  return true;
}

/** The latest write to the batch or to an invitation this batch sent. */
async function lastActivity(deps: RepairBatchesDependencies, batch: InviteBatch): Promise<Date> {
  let latest = Date.parse(batch.updatedAt);
  for (const entry of readyEntries(batch)) {
    const record = await deps.store.get(batch.tenantId, entry.address);
    if (record?.value.batchId === batch.batchId) latest = Math.max(latest, Date.parse(record.value.updatedAt));
  }
  return new Date(latest);
}
