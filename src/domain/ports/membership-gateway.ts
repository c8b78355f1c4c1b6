/** Teams and group chats the guests are added to: the space an invitation came from. */
import type { InvitedFrom, PlacementRefusal } from '../lifecycle/placement.js';

export type MembershipOutcome =
  /** Added now, or found a member already (an earlier call went through before its answer was recorded). */
  | { readonly kind: 'added'; readonly channelAdded?: boolean }
  /** The team refused an app's guest add; the guest went into the team's group instead (slow to show). */
  | { readonly kind: 'added-via-group' }
  | { readonly kind: 'refused'; readonly reason: PlacementRefusal; readonly permission?: string; readonly detail?: string };

/**
 * Adds a guest to the team (and private channel) or group chat an invitation came from, paced as Teams asks
 * (2 s between adds, 4 requests a second per team). Throws a ServiceError for a failure worth retrying.
 */
export interface MembershipGateway {
  add(target: InvitedFrom, userId: string): Promise<MembershipOutcome>;
}
