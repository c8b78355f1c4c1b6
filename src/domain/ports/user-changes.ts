/** What changed among the directory's users since the last round, for tracking. */
import type { ExternalUserState } from '../invitations/guest-state.js';
import type { ObjectIdentity } from '../redemption/actual-path.js';

/** A user as a delta round reports it: changed properties, or gone. */
export interface ChangedUser {
  readonly id: string;
  readonly mail?: string;
  readonly otherMails?: readonly string[];
  readonly externalUserState?: ExternalUserState;
  readonly externalUserStateChangeDateTime?: string;
  readonly identities?: readonly ObjectIdentity[];
  /** Set when the user was deleted (soft: 'changed', for good: 'deleted'). */
  readonly removed?: 'changed' | 'deleted';
}

/** Graph's users delta: every change since the link, one round at a time. */
export interface UserChanges {
  /** Follows every page; without a link, the first round enumerates everyone. Throws 'graph.delta-expired' when the link is too old. */
  round(deltaLink: string | undefined): Promise<{ readonly users: readonly ChangedUser[]; readonly deltaLink: string; readonly requests: number }>;
}
