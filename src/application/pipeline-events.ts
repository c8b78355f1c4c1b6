/**
 * Who hears what the sending pipeline and tracking did: the chat's batch card follows every batch and the
 * inviter hears about their guests; the administrators' channel hears when a batch ends or is blocked and
 * when a guest accepts.
 */
import type { EntryResult, InviteBatch } from '../domain/invitations/batch.js';
import type { InvitationRecord } from '../domain/invitations/invitation.js';
import type { BatchObserver } from '../domain/ports/batch-observer.js';
import type { BatchOutcomeStore } from '../domain/ports/batch-outcome-store.js';
import type { InvitationObserver } from '../domain/ports/invitation-observer.js';

/** What the administrators' channel is told, in domain terms (the app renders and posts it). */
export interface AdministratorNotices {
  batchFinished(batch: InviteBatch, results: readonly EntryResult[]): Promise<void>;
  /** Microsoft blocked invitations from the tenant (anti-abuse): sending waits for an administrator. */
  batchBlocked(batch: InviteBatch): Promise<void>;
  guestAccepted(record: InvitationRecord): Promise<void>;
}

export function batchEvents(deps: { readonly card: BatchObserver; readonly outcomes: BatchOutcomeStore; readonly tenantId: string; readonly administrators: AdministratorNotices }): BatchObserver {
  return {
    recorded: (batch, result) => deps.card.recorded(batch, result),
    stateChanged: async (batch) => {
      await deps.card.stateChanged(batch);
      if (batch.state === 'Done') await deps.administrators.batchFinished(batch, await deps.outcomes.list(deps.tenantId, batch.batchId));
      if (batch.state === 'Paused' && batch.pause?.reason === 'anti-abuse') await deps.administrators.batchBlocked(batch);
    },
  };
}

export function guestEvents(deps: { readonly inviter: InvitationObserver; readonly administrators: Pick<AdministratorNotices, 'guestAccepted'> }): InvitationObserver {
  return {
    accepted: async (record) => {
      await deps.inviter.accepted(record);
      await deps.administrators.guestAccepted(record);
    },
    removed: (record) => deps.inviter.removed(record),
    stillPending: (record) => deps.inviter.stillPending(record),
  };
}
