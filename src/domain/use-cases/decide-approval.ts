/**
 * An administrator approves or rejects a batch that waits for approval. Only administrators (checked on
 * the server against the directory, whatever the card showed), never the requester themself, and only
 * once: the AwaitingApproval → Sending/Rejected move is ETag-checked. Every attempt is audited.
 */
import { readyEntries, type InviteBatch } from '../invitations/batch.js';
import type { Inviter } from '../invitations/invitation.js';
import type { ApprovalDesk } from '../ports/approval-desk.js';
import type { AuditLog } from '../ports/audit-log.js';
import type { Clock } from '../ports/clock.js';
import type { RequesterTally } from '../ports/requester-tally.js';
import { StaleWriteError } from '../ports/versioned.js';
import { isAdministrator, type AuthorizeDependencies } from './authorize.js';
import { changeBatch, enqueueOrRevert, sending, type BatchActionOutcome, type BatchKey, type SendingDependencies } from './batch-actions.js';
import { message, type Message } from '../message.js';

export interface DecideApprovalDependencies extends SendingDependencies, Pick<AuthorizeDependencies, 'people' | 'groups'> {
  readonly audit: AuditLog;
  readonly clock: Clock;
  readonly tally: RequesterTally;
  readonly desk: ApprovalDesk;
}

export type Decision = 'approved' | 'rejected';

export type DecisionOutcome =
  | { readonly kind: 'decided'; readonly batch: InviteBatch }
  | { readonly kind: 'not-found' }
  | { readonly kind: 'not-allowed'; readonly reason: Message }
  /** Someone decided first (or the request was withdrawn): nothing changed. */
  | { readonly kind: 'already-decided'; readonly batch: InviteBatch };

/** The longest comment kept: enough for a reason, not a letter. */
export const MAX_DECISION_COMMENT = 500;

export async function decideApproval(
  deps: DecideApprovalDependencies,
  key: BatchKey,
  actor: Inviter,
  decision: Decision,
  comment: string,
): Promise<DecisionOutcome> {
  const stored = await deps.batches.get(key.tenantId, key.batchId);
  if (!stored) return { kind: 'not-found' };
  const batch = stored.value;
  const addresses = readyEntries(batch).map((entry) => entry.address);
  const audit = (outcome: string, detail?: string) =>
    deps.audit.append(key.tenantId, {
      at: deps.clock.now().toISOString(),
      actor,
      action: decision === 'approved' ? 'approve' : 'reject',
      subject: `batch ${batch.batchId}`,
      addresses,
      outcome,
      ...(detail ? { detail } : {}),
    });

  if (!(await isAdministrator(deps, actor))) {
    await audit('not-allowed', 'not an administrator of Guest Invites');
    return { kind: 'not-allowed', reason: message('outcomes:approval.not-an-administrator') };
  }
  if (actor.aadObjectId === batch.starter.aadObjectId) {
    await audit('not-allowed', 'own request');
    return { kind: 'not-allowed', reason: message('outcomes:approval.own-request') };
  }
  if (batch.state !== 'AwaitingApproval' || !batch.approval) return { kind: 'already-decided', batch };

  const trimmed = comment.trim().slice(0, MAX_DECISION_COMMENT);
  const now = deps.clock.now();
  const decided: InviteBatch = {
    ...batch,
    approval: { ...batch.approval, decision: { outcome: decision, by: actor, comment: trimmed, at: now.toISOString() } },
    updatedAt: now.toISOString(),
  };
  let saved: InviteBatch;
  try {
    saved = (await deps.batches.replace(decision === 'approved' ? sending(decided, 1, addresses, batch.statusCard) : { ...decided, state: 'Rejected' }, stored.etag)).value;
  } catch (error) {
    if (!(error instanceof StaleWriteError)) throw error;
    return { kind: 'already-decided', batch: (await deps.batches.get(key.tenantId, key.batchId))?.value ?? batch };
  }
  if (decision === 'approved') {
    await enqueueOrRevert(deps, saved, addresses, 'AwaitingApproval');
    await deps.tally.add(batch.starter.aadObjectId, addresses.length, now);
  }
  await audit('done', trimmed || undefined);
  await deps.desk.decided(saved);
  return { kind: 'decided', batch: saved };
}

/** The requester takes a waiting request back: nothing is sent, and the approval card says so. Audited. */
export async function withdrawRequest(
  deps: Pick<DecideApprovalDependencies, 'batches' | 'clock' | 'audit' | 'desk'>,
  key: BatchKey,
  actor: Inviter,
): Promise<BatchActionOutcome> {
  const outcome = await changeBatch(deps, key, actor.aadObjectId, ['AwaitingApproval'], (batch) => ({ ...batch, state: 'Cancelled' }));
  if (outcome.kind !== 'done') return outcome;
  await deps.audit.append(key.tenantId, {
    at: deps.clock.now().toISOString(),
    actor,
    action: 'withdraw',
    subject: `batch ${key.batchId}`,
    addresses: readyEntries(outcome.batch).map((entry) => entry.address),
    outcome: 'done',
  });
  await deps.desk.decided(outcome.batch);
  return outcome;
}
