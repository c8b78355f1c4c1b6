/**
 * Who hears what the sending pipeline and tracking did: the chat's batch card follows every batch and the
 * inviter hears about their guests; the administrators' channel hears when a batch ends or is blocked,
 * when a guest accepts, and when a guest could not be added to the team or chat they were invited from.
 */
import type { EntryResult, InviteBatch } from '../domain/invitations/batch.js';
import type { InvitationRecord } from '../domain/invitations/invitation.js';
import type { BatchObserver } from '../domain/ports/batch-observer.js';
import type { BatchOutcomeStore } from '../domain/ports/batch-outcome-store.js';
import type { InvitationObserver } from '../domain/ports/invitation-observer.js';
import type { PlacementObserver } from '../domain/ports/placement-observer.js';

/** What the administrators' channel is told, in domain terms (the app renders and posts it). */
export interface AdministratorNotices {
  batchFinished(batch: InviteBatch, results: readonly EntryResult[]): Promise<void>;
  /** Microsoft blocked invitations from the tenant (anti-abuse): sending waits for an administrator. */
  batchBlocked(batch: InviteBatch): Promise<void>;
  guestAccepted(record: InvitationRecord): Promise<void>;
  /** A guest could not be added to their team or chat: the record's placement names why. */
  guestNotPlaced(record: InvitationRecord): Promise<void>;
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

/** The space the guest was invited from hears how their add ended; the administrators hear of a refusal too. */
export function placementEvents(deps: { readonly space: PlacementObserver; readonly administrators: Pick<AdministratorNotices, 'guestNotPlaced'> }): PlacementObserver {
  return {
    placed: (record) => deps.space.placed(record),
    refused: async (record) => {
      await deps.space.refused(record);
      await deps.administrators.guestNotPlaced(record);
    },
  };
}
