/**
 * The Send button of a review: the requester must still be allowed to invite (the tenant's rule and the
 * organisation's groups, checked now, not when the list was pasted); within the organisation's
 * thresholds the batch goes straight to the sending queue, outside them it waits for an administrator.
 */
import { readyEntries, type InviteBatch, type StatusCardLocation } from '../invitations/batch.js';
import type { Inviter } from '../invitations/invitation.js';
import { approvalReasons, type ApprovalRules } from '../policy/approval-rules.js';
import type { ApprovalDesk } from '../ports/approval-desk.js';
import type { RequesterTally } from '../ports/requester-tally.js';
import { updateVersioned, WriteConflictError } from '../ports/versioned.js';
import { storedBatch } from '../ports/batch-store.js';
import { checkInviter, type AuthorizeDependencies, type InviterCheck } from './authorize.js';
import { changeDraft, sendBatch, type BatchActionOutcome, type BatchKey, type SendingDependencies } from './batch-actions.js';

export interface RequestSendingDependencies extends SendingDependencies, AuthorizeDependencies {
  readonly approvalRules: ApprovalRules;
  readonly tally: RequesterTally;
  readonly desk: ApprovalDesk;
}

export type RequestSendingOutcome =
  | BatchActionOutcome
  | { readonly kind: 'refused'; readonly batch: InviteBatch; readonly check: Extract<InviterCheck, { ok: false }> }
  | { readonly kind: 'awaiting-approval'; readonly batch: InviteBatch }
  /** Approval is needed but administrators have chosen no channel to be asked in: nothing changed. */
  | { readonly kind: 'no-approver'; readonly batch: InviteBatch };

export async function requestSending(
  deps: RequestSendingDependencies,
  key: BatchKey,
  actor: Inviter,
  card: StatusCardLocation | undefined,
): Promise<RequestSendingOutcome> {
  const stored = await deps.batches.get(key.tenantId, key.batchId);
  if (!stored) return { kind: 'not-found' };
  const batch = stored.value;
  if (!actor.aadObjectId || actor.aadObjectId !== batch.starter.aadObjectId) return { kind: 'not-yours', batch };
  if (batch.state !== 'Draft') return { kind: 'no-longer-draft', batch };
  const ready = readyEntries(batch);
  const addresses = ready.map((entry) => entry.address);
  const check = await checkInviter(deps, actor, `batch ${batch.batchId}`, addresses);
  if (!check.ok) return { kind: 'refused', batch, check };

  const now = deps.clock.now();
  const sentToday = deps.approvalRules.dailyPerRequesterAbove > 0 && !check.administrator ? await deps.tally.sentToday(actor.aadObjectId, now) : 0;
  const reasons = approvalReasons(
    {
      addresses,
      outsideAllowed: ready.filter((entry) => entry.outsideAllowedDomains).map((entry) => entry.address),
      sentToday,
      requesterIsAdministrator: check.administrator,
    },
    deps.approvalRules,
  );
  if (reasons.length === 0) {
    const outcome = await sendBatch(deps, key, actor.aadObjectId, card);
    if (outcome.kind === 'done') await deps.tally.add(actor.aadObjectId, addresses.length, now);
    return outcome;
  }

  const waiting = await changeDraft(deps, key, actor.aadObjectId, (draft) => ({
    ...draft,
    state: 'AwaitingApproval',
    approval: { reasons, requestedAt: now.toISOString() },
    ...(card ? { statusCard: card } : {}),
  }));
  if (waiting.kind !== 'done') return waiting;
  let approvalCard: StatusCardLocation | undefined;
  try {
    approvalCard = await deps.desk.ask(waiting.batch);
  } catch (error) {
    await backToDraft(deps, waiting.batch);
    throw error;
  }
  if (!approvalCard) return { kind: 'no-approver', batch: await backToDraft(deps, waiting.batch) };
  const asked = await remember(deps, waiting.batch, approvalCard);
  await deps.audit.append(key.tenantId, {
    at: now.toISOString(),
    actor,
    action: 'approval-requested',
    subject: `batch ${batch.batchId}`,
    addresses,
    outcome: 'awaiting-approval',
    detail: reasons.map((reason) => reason.kind).join(','),
  });
  return { kind: 'awaiting-approval', batch: asked };
}

async function backToDraft(deps: RequestSendingDependencies, batch: InviteBatch): Promise<InviteBatch> {
  const stored = await deps.batches.get(batch.tenantId, batch.batchId);
  if (!stored || stored.value.state !== 'AwaitingApproval') return stored?.value ?? batch;
  const { approval: _dropped, ...draft } = stored.value;
  return (await deps.batches.replace({ ...draft, state: 'Draft' }, stored.etag)).value;
}

/** Keeps where the approval card is, unless an administrator was quicker and already decided. */
async function remember(deps: RequestSendingDependencies, batch: InviteBatch, card: StatusCardLocation): Promise<InviteBatch> {
  try {
    const update = await updateVersioned(
      storedBatch(deps.batches, batch),
      (current): InviteBatch | undefined => (current?.approval && !current.approval.decision ? { ...current, approval: { ...current.approval, card } } : undefined),
      { what: `remember the approval card of batch ${batch.batchId}`, attempts: 3 },
    );
    return update.record?.value ?? batch;
  } catch (error) {
    if (!(error instanceof WriteConflictError)) throw error;
    return batch;
  }
}
