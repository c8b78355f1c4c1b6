/** What the bot needs from the rest of the app for intake and sending, bound to their dependencies by src/app. */
import type { ConversationReference } from 'botbuilder';
import type { InviteBatch } from '../domain/invitations/batch.js';
import type { BatchActionOutcome } from '../domain/use-cases/batch-actions.js';
import type { StartReviewCommand, StartReviewOutcome } from '../domain/use-cases/start-review.js';

export interface IntakeServices {
  startReview(command: StartReviewCommand): Promise<StartReviewOutcome>;
  getBatch(batchId: string): Promise<InviteBatch | undefined>;
  changeDraft(batchId: string, actorAadObjectId: string | undefined, change: (batch: InviteBatch) => InviteBatch): Promise<BatchActionOutcome>;
  sendBatch(batch: InviteBatch): Promise<InviteBatch>;
  updateCard(reference: Partial<ConversationReference>, activityId: string, card: object): Promise<void>;
}

export interface IntakeSettings {
  readonly tenantId: string;
  readonly defaultRedirectUrl: string;
  readonly redirectChoices: readonly { readonly title: string; readonly url: string }[];
  readonly sendInvitationEmail: boolean;
}
