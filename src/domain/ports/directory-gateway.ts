/** The directory the guests are invited into: lookups, invitations, redemption resets, deletion. */
import type { ExternalUserState } from '../invitations/guest-state.js';
import type { ObjectIdentity } from '../redemption/actual-path.js';

export interface DirectoryUser {
  readonly id: string;
  readonly displayName?: string;
  readonly userType: 'Member' | 'Guest';
  readonly externalUserState?: ExternalUserState;
  readonly externalUserStateChangeDateTime?: string;
}

export interface InvitationRequest {
  readonly email: string;
  readonly displayName?: string;
  readonly redirectUrl: string;
  readonly sendInvitationMessage: boolean;
  /** Object ids of the people responsible for the guest (the inviter); Graph takes up to five. */
  readonly sponsorIds: readonly string[];
  /** Graph copies its invitation email to one extra recipient at most. */
  readonly ccAddress?: string;
  /** Language of Microsoft's invitation email (ISO 639, e.g. en-US). */
  readonly messageLanguage?: string;
}

export interface SentInvitation {
  readonly invitationId: string;
  readonly invitedUserId: string;
  readonly inviteRedeemUrl: string;
}

export interface DirectoryGateway {
  /** The tenant's own verified domains (cached by the adapter: they rarely change). */
  verifiedDomains(): Promise<readonly string[]>;
  /** A user whose mail, otherMails, proxy address or UPN is this address, as Microsoft recommends checking before inviting. */
  findUserByEmail(email: string): Promise<DirectoryUser | undefined>;
  /**
   * The same lookup for many addresses, grouped into as few Graph requests as Graph allows; the map holds the
   * addresses (as given) that were found.
   */
  findUsersByEmail(emails: readonly string[]): Promise<ReadonlyMap<string, DirectoryUser>>;
  invite(request: InvitationRequest): Promise<SentInvitation>;
  /** A guest's redemption state and sign-in identities; undefined when the user no longer exists. */
  guestSignIn(userId: string): Promise<{ readonly state?: ExternalUserState; readonly stateChangedAt?: string; readonly identities: readonly ObjectIdentity[] } | undefined>;
  /** POST /invitations with resetRedemption: the same guest object accepts again, with the address given. */
  resetRedemption(request: InvitationRequest & { readonly userId: string }): Promise<SentInvitation>;
  /** DELETE /users/{id}: Entra keeps the user restorable for 30 days. A user already gone counts as deleted. */
  deleteUser(userId: string): Promise<void>;
}
