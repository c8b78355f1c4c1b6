import { randomUUID } from 'node:crypto';
import { domainOf, localPartOf } from '../email-address.js';
import type { DirectoryUser } from '../fixture.js';
import { jsonResponse, type SimResponse } from '../http/response.js';
import type { OutboxMessage } from '../invitation-log.js';
import type { SimulatorState } from '../simulator-state.js';
import { collaborationRestrictionsAdmit } from '../tenant-configuration.js';
import type { TenantState } from '../tenant-state.js';
import { graphDateTime } from '../time.js';
import type { AppTokenClaims } from '../tokens.js';
import { requireAnyRole } from './authentication.js';
import { badRequest, invitationDomainBlocked, resourceNotFound } from './errors.js';
import type { GraphCall } from './graph-call.js';
import { parseInvitationRequest, type InvitationRequest } from './invitation-request.js';
import { metadataUrl } from './odata.js';
import { acceptedRoles } from './permissions.js';
import { inviteRedeemUrl } from './redeem-url.js';

// POST /invitations (shared/domain/graph-invitations.md): creates a guest, or reuses the guest
// already holding the address, or resets a guest's redemption; answers 201 with the invitation.

type InvitationStatus = 'PendingAcceptance' | 'Completed';

export function createInvitation({ request, caller, context }: GraphCall): SimResponse {
  const invitation = parseInvitationRequest(request);
  const { tenant, invitations } = context.state;
  const now = graphDateTime();
  const guest =
    invitation.resetUserId === undefined
      ? invitedGuest(context.state, invitation, now)
      : guestWithRedemptionReset(tenant, caller, invitation.resetUserId, invitation, now);

  const status: InvitationStatus = guest.externalUserState === 'Accepted' ? 'Completed' : 'PendingAcceptance';
  const invitationId = randomUUID();
  const redeemUrl = inviteRedeemUrl(tenant.tenantId, invitationId);
  invitations.recordInvitation(invitation.invitedUserEmailAddress);
  // A guest who already accepted has nothing to redeem, so no mail goes out (customize-invitation-api:
  // existing users "won't receive an invitation"); a pending guest is mailed again when asked.
  if (invitation.sendInvitationMessage && status === 'PendingAcceptance') {
    invitations.send(invitationMessage(invitation, guest, invitationId, redeemUrl, now));
  }

  return jsonResponse(201, {
    '@odata.context': metadataUrl(request, 'invitations/$entity'),
    id: invitationId,
    inviteRedeemUrl: redeemUrl,
    invitedUserDisplayName: invitation.invitedUserDisplayName,
    invitedUserType: guest.userType,
    invitedUserEmailAddress: invitation.invitedUserEmailAddress,
    sendInvitationMessage: invitation.sendInvitationMessage,
    resetRedemption: invitation.resetUserId !== undefined,
    inviteRedirectUrl: invitation.inviteRedirectUrl,
    status,
    invitedUserMessageInfo: {
      messageLanguage: invitation.messageLanguage,
      customizedMessageBody: invitation.customizedMessageBody,
      ccRecipients: invitation.ccRecipients,
    },
    invitedUser: { id: guest.id },
    ...(invitation.sponsorIds === undefined ? {} : { invitedUserSponsors: invitation.sponsorIds.map((id) => ({ id })) }),
  });
}

/** The guest an ordinary invitation is for: the existing guest holding the address, or a new one. */
function invitedGuest({ tenant, replication }: SimulatorState, invitation: InvitationRequest, now: string): DirectoryUser {
  const address = invitation.invitedUserEmailAddress;
  const domain = domainOf(address);
  if (tenant.isVerifiedDomain(domain)) {
    throw badRequest(`The invited user's domain '${domain}' is a verified domain of this tenant; invite only external users.`);
  }
  requireDomainAllowed(tenant, address);
  requireExistingSponsors(tenant, invitation.sponsorIds);
  // The directory's own lookup ignores replication lag: a re-invite during the lag reuses the guest.
  const existing = tenant.findUserByAddress(address);
  if (existing === undefined) {
    const displayName = invitation.invitedUserDisplayName ?? localPartOf(address);
    const guest = tenant.createGuest(address, displayName, invitation.invitedUserType, now);
    // Without invitedUserSponsors Entra stamps the inviter; an app has no user to stamp, so the guest has
    // none (undocumented for apps: README choice). A re-invitation leaves an existing guest's sponsors alone.
    tenant.setSponsors(guest.id, invitation.sponsorIds ?? []);
    replication.noteCreated(guest.id);
    return guest;
  }
  if (existing.creationType !== 'Invitation') {
    throw badRequest(`The invited user already exists in the directory as object ID: ${existing.id}.`);
  }
  return existing;
}

/** resetRedemption: the same guest object, back to PendingAcceptance (reset-redemption-status). */
function guestWithRedemptionReset(
  tenant: TenantState,
  caller: AppTokenClaims,
  userId: string,
  invitation: InvitationRequest,
  now: string,
): DirectoryUser {
  requireAnyRole(caller, acceptedRoles.resetRedemption);
  requireDomainAllowed(tenant, invitation.invitedUserEmailAddress);
  requireExistingSponsors(tenant, invitation.sponsorIds);
  const guest = tenant.findUser(userId);
  if (guest === undefined) throw resourceNotFound(userId);
  if (guest.creationType !== 'Invitation') {
    throw badRequest(`User '${userId}' was not created by an invitation; the simulator resets only invited guests.`);
  }
  tenant.resetRedemption(guest, invitation.invitedUserEmailAddress, now);
  return guest;
}

/**
 * The collaboration restrictions (tenant-policy.md §2) are checked at invitation time, re-invitations and
 * resets included: an address at a blocked (or not allowed) domain is refused and nothing is created.
 */
function requireDomainAllowed(tenant: TenantState, address: string): void {
  const domain = domainOf(address);
  if (!collaborationRestrictionsAdmit(tenant.configuration, domain)) throw invitationDomainBlocked(domain);
}

function requireExistingSponsors(tenant: TenantState, sponsorIds: string[] | undefined): void {
  const unknown = sponsorIds?.find((id) => tenant.findUser(id) === undefined);
  if (unknown !== undefined) throw badRequest(`The sponsor '${unknown}' does not exist in the directory.`);
}

function invitationMessage(
  invitation: InvitationRequest,
  guest: DirectoryUser,
  invitationId: string,
  redeemUrl: string,
  now: string,
): OutboxMessage {
  return {
    invitationId,
    userId: guest.id,
    to: invitation.invitedUserEmailAddress,
    cc: invitation.ccRecipients.map((recipient) => recipient.emailAddress.address),
    // Email language precedence (graph-invitations.md): messageLanguage, the guest's preferredLanguage, en-US.
    language: invitation.messageLanguage ?? guest.preferredLanguage ?? 'en-US',
    inviteRedeemUrl: redeemUrl,
    customizedMessageBodyDropped: invitation.customizedMessageBody !== null,
    sentAt: now,
  };
}
