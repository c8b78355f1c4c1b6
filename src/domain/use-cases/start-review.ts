/** From a paste to a stored draft batch the inviter reviews; nothing is sent. */
import { parseInviteeList } from '../addresses/invitee-list.js';
import type { InvitationOptions, InviteBatch } from '../invitations/batch.js';
import type { Inviter } from '../invitations/invitation.js';
import type { BatchStore } from '../ports/batch-store.js';
import type { Clock } from '../ports/clock.js';
import type { TenantConfigurationGateway } from '../ports/tenant-configuration.js';
import { withPredictions } from './predict-paths.js';
import { reviewInvitees, type ReviewDependencies } from './review-invitees.js';

export interface StartReviewDependencies extends ReviewDependencies {
  readonly batches: BatchStore;
  /** Predicts each ready address's redemption path; without it the review shows none. */
  readonly tenant?: TenantConfigurationGateway;
  readonly clock: Clock;
  readonly newId: () => string;
}

export interface StartReviewCommand {
  readonly addresses: string;
  readonly options: InvitationOptions;
  /** The form's fields as typed (the redirect choice and its free-text "Other"), for Edit. */
  readonly typed: InviteBatch['typed'];
  readonly starter: Inviter & { readonly aadObjectId: string };
  readonly conversationId: string;
  readonly conversationType: InviteBatch['conversationType'];
  readonly invitedFrom?: InviteBatch['invitedFrom'];
}

export type StartReviewOutcome =
  | { readonly kind: 'review'; readonly batch: InviteBatch }
  | { readonly kind: 'empty' }
  | { readonly kind: 'too-many'; readonly count: number };

export async function startReview(deps: StartReviewDependencies, command: StartReviewCommand): Promise<StartReviewOutcome> {
  const review = await reviewInvitees(deps, parseInviteeList(command.addresses));
  if (review.kind !== 'review') return review;
  const now = deps.clock.now().toISOString();
  const batch: InviteBatch = {
    tenantId: deps.tenantId,
    batchId: deps.newId(),
    state: 'Draft',
    starter: command.starter,
    conversationId: command.conversationId,
    conversationType: command.conversationType,
    ...(command.invitedFrom ? { invitedFrom: command.invitedFrom } : {}),
    typed: command.typed,
    options: command.options,
    entries: deps.tenant ? await withPredictions(deps.tenant, review.entries) : review.entries,
    round: 0,
    createdAt: now,
    updatedAt: now,
  };
  const saved = await deps.batches.create(batch);
  return { kind: 'review', batch: saved.value };
}
