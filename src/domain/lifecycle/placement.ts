/**
 * Where an invitation started, and getting its guest there: the team (and private channel) or the group chat
 * the list was sent from.
 *
 * **When: at acceptance, not at invitation.** The guest is added once the tracker sees them accept.
 * - Microsoft says an invited user "has to go through the redemption process to access any resources", and
 *   whether a team add accepts a guest who has not redeemed is undocumented; adding after acceptance does not
 *   depend on it.
 * - A guest who never accepts (or whose invitation is withdrawn) never shows in the team's roster or the chat:
 *   nobody there sees a stranger who may never come.
 * - The guest is welcomed in the space when they are actually there, and the add is tried against a user who
 *   has signed in, so a refusal says something about the space, not about a pending invitation.
 * The cost: Teams takes a while to show a new member (minutes, sometimes hours), counted from acceptance
 * rather than from the invitation. Change notifications make acceptance visible within seconds, so that
 * wait starts at once.
 *
 * **Exactly once.** The wish is recorded with the invitation when it is sent (`wanted`); the intent is
 * recorded (`adding`, ETag-checked) before each Graph call and the result after. A crash (or a lost answer)
 * between the two leaves `adding`; the next sweep calls again, and Graph's "already a member" answer counts as
 * done, so the guest is added once and the add is never lost.
 */

/** Where the list was started (from the turn's channelData, or TeamsInfo for the team's group id). */
export type InvitedFrom =
  | {
      readonly kind: 'team';
      /** The team's thread id (the General channel's id), as bot activities carry it. */
      readonly teamId: string;
      /** The Entra group id Graph's team routes take; undefined when Teams did not tell us. */
      readonly groupId?: string;
      readonly teamName?: string;
      /** The channel the list was sent from (General's id is the team id). */
      readonly channelId?: string;
    }
  | { readonly kind: 'chat'; readonly chatId: string };

type PlacementState =
  /** To be added once the guest accepts. */
  | 'wanted'
  /** A Graph call is (or was, before a crash) under way. */
  | 'adding'
  | 'added'
  /** Added through the team's group (the slow path): Teams may take hours to show it. */
  | 'added-via-group'
  | 'refused';

export type PlacementRefusal =
  /** The group's Group.Unified.Guest setting AllowToAddGuests is off (403 Authorization_RequestDenied). */
  | 'group-disallows-guests'
  /** Teams' org-wide guest access is off. */
  | 'teams-guest-access-off'
  /** The app lacks a permission; `permission` names it. */
  | 'missing-permission'
  /** Shared channels take people from other organisations through B2B direct connect, never B2B guests. */
  | 'shared-channel'
  /** The group chat refused the guest (AclCheckFailed): a member of the chat adds them by hand. */
  | 'chat-refused'
  /** Teams did not say which Entra group the team is, so there is nothing to add the guest to. */
  | 'team-unknown'
  /** The team, channel or chat is gone, or the guest's account is blocked (404). */
  | 'not-found'
  /** Graph kept failing (no answer, 5xx) through MAX_PLACEMENT_ATTEMPTS tries. */
  | 'gave-up';

export interface Placement {
  readonly target: InvitedFrom;
  readonly state: PlacementState;
  readonly attempts: number;
  readonly updatedAt: string;
  readonly refusal?: { readonly reason: PlacementRefusal; readonly permission?: string; readonly detail?: string };
  /** Also added to the private channel the list came from. */
  readonly channelAdded?: boolean;
  /** The last transient failure, kept while the add is retried. */
  readonly lastError?: string;
}

/** Each guest's add is looked at again by this sweep: a wish not yet done, or an intent a crash left behind. */
export function needsPlacement(placement: Placement | undefined): placement is Placement {
  return placement?.state === 'wanted' || placement?.state === 'adding';
}

/** How many times an add is tried (across sweeps) before it is reported as failed. */
export const MAX_PLACEMENT_ATTEMPTS = 5;
