/** What the bot needs from the rest of the app for intake and sending, bound to their dependencies by src/app. */
import type { EntryResult, InviteBatch, StatusCardLocation } from '../domain/invitations/batch.js';
import type { InvitationRecord } from '../domain/invitations/invitation.js';
import type { TenantSnapshot } from '../domain/redemption/tenant-snapshot.js';
import type { FixAction, FixActor, FixOutcome } from '../domain/use-cases/fix-invitation.js';
import type { PathReport } from '../domain/use-cases/verify-paths.js';
import type { InvitationPage } from '../domain/use-cases/my-invitations.js';
import type { BatchActionOutcome } from '../domain/use-cases/batch-actions.js';
import type { DeliveryMode } from '../domain/use-cases/send-work.js';
import type { StartReviewCommand, StartReviewOutcome } from '../domain/use-cases/start-review.js';

export interface IntakeServices {
  startReview(command: StartReviewCommand): Promise<StartReviewOutcome>;
  getBatch(batchId: string): Promise<InviteBatch | undefined>;
  changeDraft(batchId: string, actorAadObjectId: string | undefined, change: (batch: InviteBatch) => InviteBatch): Promise<BatchActionOutcome>;
  /** Send a draft: it goes on the durable queue, and `card` is where its progress is shown. */
  send(batchId: string, actorAadObjectId: string | undefined, card: StatusCardLocation | undefined): Promise<BatchActionOutcome>;
  /** Retry failed (a finished batch) or Resume (a paused one). */
  sendAgain(batchId: string, actorAadObjectId: string | undefined, card: StatusCardLocation | undefined): Promise<BatchActionOutcome>;
  outcomes(batchId: string): Promise<EntryResult[]>;
  /** Resend, Reset redemption or Copy link, for someone allowed to (checked in the use case, audited). */
  fix(address: string, action: FixAction, actor: FixActor): Promise<FixOutcome>;
  /** The invitations this person sent, a page at a time, brought up to date with the directory. */
  myInvitations(inviterAadObjectId: string, page: number): Promise<InvitationPage>;
  /** Predicted paths against actual ones, after asking the directory about guests not yet seen accepted. */
  pathReport(): Promise<PathReport>;
  /** Forgets the cached tenant configuration and reads it again. */
  refreshSignInSettings(): Promise<TenantSnapshot>;
  /** Our record of an invitation to this (normalised) address, if we sent one. */
  invitation(address: string): Promise<InvitationRecord | undefined>;
}

export interface IntakeSettings {
  readonly tenantId: string;
  readonly defaultRedirectUrl: string;
  readonly redirectChoices: readonly { readonly title: string; readonly url: string }[];
  readonly delivery: DeliveryMode;
}
