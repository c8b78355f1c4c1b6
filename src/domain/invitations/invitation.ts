/**
 * An invitation as the bot records it: one per (tenant, normalised address), which is also what makes
 * "never invite anyone twice" checkable across retries, restarts and several bot instances.
 */

import type { RedemptionPath } from '../redemption/predict-path.js';
import type { Placement } from '../lifecycle/placement.js';

export type InvitationState =
  /** Intent recorded, Graph not (yet) known to have answered: a crash here is resolved by a directory lookup. */
  | 'Sending'
  | 'PendingAcceptance'
  | 'Accepted'
  | 'Failed'
  /** The guest was deleted from the directory (or the user behind the invitation disappeared). */
  | 'Removed'
  /** Withdrawn by its inviter (or an administrator) before the guest accepted: the guest user was deleted. */
  | 'Withdrawn';

export interface Inviter {
  readonly aadObjectId?: string;
  readonly name?: string;
  /** The inviter's Teams locale ("de-DE") when they started the list: what is posted to them later speaks it. */
  readonly locale?: string;
  /** Their IANA time zone ("Europe/Berlin"), for the dates and times in those posts. */
  readonly timeZone?: string;
}

export interface InvitationRecord {
  readonly tenantId: string;
  readonly email: string;
  readonly displayName?: string;
  readonly state: InvitationState;
  readonly inviter: Inviter;
  /** Who answers for the guest in Microsoft Entra: the inviter first, then any co-sponsors (at most five). */
  readonly sponsorIds?: readonly string[];
  /** The chat the invitation was asked for in, so later status updates go back there. */
  readonly originConversationId?: string;
  /** The batch that sent it: a second look by the same batch (a redelivered queue message) still counts it as invited. */
  readonly batchId?: string;
  readonly invitationId?: string;
  readonly invitedUserId?: string;
  /** Graph returns this once, in the 201; it cannot be read back later. */
  readonly inviteRedeemUrl?: string;
  readonly attempts: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly sentAt?: string;
  /** Where the guest lands after redeeming; a resend or a reset keeps it. */
  readonly redirectUrl?: string;
  /** The redemption path predicted at review, kept to compare with the path the guest really took. */
  readonly predictedPath?: RedemptionPath;
  /** The organisation or identity provider the predicted path goes through (e.g. Fabrikam). */
  readonly predictedVia?: string;
  /** The branch the prediction named, when it depended on the guest. */
  readonly predictedOtherwise?: RedemptionPath;
  /** The path the guest really took, read from their identities once they accepted. */
  readonly actualPath?: RedemptionPath;
  readonly acceptedAt?: string;
  /** When the inviter was reminded that the guest had not accepted (once per invitation). */
  readonly remindedAt?: string;
  /** When the bot's own mailbox emailed the invitation (INVITATION_DELIVERY=mailbox). */
  readonly mailedAt?: string;
  readonly lastError?: { readonly code: string; readonly message: string };
  /** The UTC day (YYYY-MM-DD) whose daily-budget slot this invitation holds: a retry that day takes no second one. */
  readonly quotaDay?: string;
  /** Adding the guest, once they accept, to the team or group chat the invitation came from. */
  readonly placement?: Placement;
  /** Who withdrew the invitation, and when (state Withdrawn). */
  readonly withdrawn?: { readonly at: string; readonly by: Inviter };
}

/** The UTC day (YYYY-MM-DD) a daily count belongs to. */
export function utcDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** States in which a new `POST /invitations` would be a second invitation. */
export function isSettled(state: InvitationState): boolean {
  return state === 'PendingAcceptance' || state === 'Accepted';
}
