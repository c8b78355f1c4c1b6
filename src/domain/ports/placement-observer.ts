/** Who hears how adding a guest to their team or chat ended. */
import type { InvitationRecord } from '../invitations/invitation.js';

/** Told once per guest when their add is settled: done (the space may welcome them), or refused with the reason. */
export interface PlacementObserver {
  placed(record: InvitationRecord): Promise<void>;
  refused(record: InvitationRecord): Promise<void>;
}
