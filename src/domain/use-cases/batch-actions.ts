/**
 * What the person who started a batch can do with it: change it while it is a draft, cancel it, send it.
 * Only that person (checked by their Entra object id against the stored batch), and only once: a second
 * Send of the same batch, from a double click or a second instance, finds it no longer a draft.
 */
import { flaggedEntries, readyEntries, type EntryResult, type InviteBatch } from '../invitations/batch.js';
import type { BatchStore, Clock, Versioned } from '../ports.js';
import { StaleWriteError } from '../ports.js';
import { inviteGuest, type InviteGuestDependencies, type InviteGuestOutcome } from './invite-guest.js';

export type BatchActionOutcome =
  | { readonly kind: 'done'; readonly batch: InviteBatch }
  | { readonly kind: 'not-found' }
  | { readonly kind: 'not-yours'; readonly batch: InviteBatch }
  | { readonly kind: 'no-longer-draft'; readonly batch: InviteBatch };

export interface BatchActionDependencies {
  readonly batches: BatchStore;
  readonly clock: Clock;
}

/** Applies `change` to a draft the actor started; the stored batch moves only if nobody changed it meanwhile. */
export async function changeDraft(
  deps: BatchActionDependencies,
  key: { tenantId: string; batchId: string },
  actorAadObjectId: string | undefined,
  change: (batch: InviteBatch) => InviteBatch,
): Promise<BatchActionOutcome> {
  const stored = await deps.batches.get(key.tenantId, key.batchId);
  if (!stored) return { kind: 'not-found' };
  const guard = guardDraft(stored, actorAadObjectId);
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

function guardDraft(stored: Versioned<InviteBatch>, actor: string | undefined): BatchActionOutcome | undefined {
  if (!actor || actor !== stored.value.starter.aadObjectId) return { kind: 'not-yours', batch: stored.value };
  if (stored.value.state !== 'Draft') return { kind: 'no-longer-draft', batch: stored.value };
  return undefined;
}

export const removeFlagged = (batch: InviteBatch): InviteBatch => ({ ...batch, entries: readyEntries(batch) });
export const cancel = (batch: InviteBatch): InviteBatch => ({ ...batch, state: 'Cancelled' });
export const startSending = (batch: InviteBatch): InviteBatch => ({ ...batch, state: 'Sending' });

export interface SendBatchDependencies extends InviteGuestDependencies {
  readonly batches: BatchStore;
  readonly sendInvitationMessage: boolean;
}

/**
 * Invites every ready address of a batch already moved to Sending, one after another; a failure of one
 * never stops the others. Returns the batch as stored with its results.
 */
export async function sendBatch(deps: SendBatchDependencies, batch: InviteBatch): Promise<InviteBatch> {
  const results: EntryResult[] = [];
  for (const entry of readyEntries(batch)) {
    const outcome = await inviteGuest(deps, {
      tenantId: batch.tenantId,
      address: entry.address,
      ...(entry.displayName ? { displayName: entry.displayName } : {}),
      inviter: batch.starter,
      originConversationId: batch.conversationId,
      redirectUrl: batch.options.redirectUrl,
      sendInvitationMessage: deps.sendInvitationMessage,
      messageLanguage: batch.options.messageLanguage,
      ...(batch.options.ccAddress ? { ccAddress: batch.options.ccAddress } : {}),
    });
    results.push(resultOf(entry.address, outcome));
  }
  for (const entry of flaggedEntries(batch)) results.push({ address: entry.address, outcome: 'refused', reason: entry.attention });
  return saveResults(deps, batch, results);
}

async function saveResults(deps: SendBatchDependencies, batch: InviteBatch, results: EntryResult[]): Promise<InviteBatch> {
  const stored = await deps.batches.get(batch.tenantId, batch.batchId);
  const done: InviteBatch = { ...(stored?.value ?? batch), state: 'Done', results, updatedAt: deps.clock.now().toISOString() };
  if (stored) await deps.batches.replace(done, stored.etag);
  return done;
}

function resultOf(address: string, outcome: InviteGuestOutcome): EntryResult {
  switch (outcome.kind) {
    case 'invited':
      return { address, outcome: 'invited' };
    case 'already-invited':
    case 'in-progress':
      return { address, outcome: 'already-invited' };
    case 'existing-guest':
      return { address, outcome: 'existing-guest' };
    case 'existing-member':
    case 'own-domain':
      return { address, outcome: 'existing-member' };
    case 'invalid-address':
      return { address, outcome: 'refused', reason: 'invalid-address' };
    case 'failed':
      return { address, outcome: 'failed', reason: outcome.error.serviceMessage ?? outcome.error.userMessage };
  }
}
