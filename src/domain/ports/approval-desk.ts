/** Approval requests to administrators and the answer to the requester. */
import type { InviteBatch, StatusCardLocation } from '../invitations/batch.js';

/** Where approval requests go to administrators, and how the requester learns the answer. */
export interface ApprovalDesk {
  /** Posts the approval card in the notification channel; undefined when no channel has been chosen. */
  ask(batch: InviteBatch): Promise<StatusCardLocation | undefined>;
  /** The decision (or the requester's withdrawal) was stored: the requester's card and the channel are told. */
  decided(batch: InviteBatch): Promise<void>;
}
