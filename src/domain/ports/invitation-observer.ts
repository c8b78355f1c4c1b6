/** Who hears what tracking saw happen to a guest. */
import type { InvitationRecord } from '../invitations/invitation.js';

/** Told once per guest when tracking sees an invitation accepted, or its guest gone. */
export interface InvitationObserver {
  accepted(record: InvitationRecord): Promise<void>;
  removed(record: InvitationRecord): Promise<void>;
  /** The guest has not accepted for a while: the inviter gets a reminder with Resend. */
  stillPending(record: InvitationRecord): Promise<void>;
}
