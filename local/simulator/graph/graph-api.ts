import type { SimRequest } from '../http/request.js';
import type { SimResponse } from '../http/response.js';
import { Router, type RouteDefinition } from '../http/router.js';
import type { SimulatorContext } from '../simulator-state.js';
import { authenticate, requireAnyRole } from './authentication.js';
import {
  GraphRequestError,
  graphErrorResponse,
  graphResponseHeaders,
  invitationsBlocked,
  invitationsNotAllowed,
  methodNotAllowed,
  segmentNotFound,
  tooManyRequests,
} from './errors.js';
import { getAuthorizationPolicy } from './authorization-policy.js';
import { getCrossTenantDefault, getCrossTenantPartner, listCrossTenantPartners } from './cross-tenant-access.js';
import { getDirectoryRole, listDirectoryRoleMembers, listDirectoryRoles } from './directory-roles.js';
import { listDomainFederations } from './domain-federations.js';
import { getEmailAuthenticationMethod } from './email-authentication-method.js';
import type { GraphHandler } from './graph-call.js';
import { listIdentityProviders } from './identity-providers.js';
import { createInvitation } from './invitations.js';
import { answerBatch } from './json-batch.js';
import { listMemberships, type MembershipCast, type MembershipScope } from './memberships.js';
import { listOrganization } from './organization.js';
import { acceptedRoles } from './permissions.js';
import { sendMail } from './send-mail.js';
import { addSponsor, listSponsors, removeSponsor } from './sponsors.js';
import { addChannelMember, addChatMember, addGroupMemberByReference, addTeamMember, getChannel, listChatMembers, listTeamMembers } from './team-members.js';
import { createSubscription, deleteSubscription, getSubscription, listSubscriptions, renewSubscription } from './subscriptions.js';
import { findTenantInformationByDomainName } from './tenant-information.js';
import { getUserOrSignInActivity, listLifecyclePolicies, patchUser } from './user-lifecycle.js';
import { deleteUser, listUsers } from './users.js';
import { usersDelta } from './users-delta.js';

interface GraphRoute extends RouteDefinition {
  acceptedRoles: readonly string[];
  /** Operations on /invitations share the tenant's invitation budget (throttling.md). */
  countsTowardInvitationLimit?: true;
  /**
   * Refused while the control API has Graph's anti-abuse protection block invitations, and while the
   * tenant's authorizationPolicy.allowInvitesFrom is 'none' (the only setting that stops app-only invitations).
   */
  blockedByAntiAbuse?: true;
  handler: GraphHandler;
}

const router = new Router<GraphRoute>([
  {
    method: 'POST',
    pattern: 'invitations',
    acceptedRoles: acceptedRoles.createInvitation,
    countsTowardInvitationLimit: true,
    blockedByAntiAbuse: true,
    handler: createInvitation,
  },
  { method: 'GET', pattern: 'users', acceptedRoles: acceptedRoles.readUsers, handler: listUsers },
  // Before users/:id, which would otherwise take 'delta' for a user id. `/delta` is short for the function's
  // qualified name, which the Graph SDKs send (delta-query-users).
  ...['delta', 'delta()', 'microsoft.graph.delta', 'microsoft.graph.delta()'].map((name) => ({
    method: 'GET',
    pattern: `users/${name}`,
    acceptedRoles: acceptedRoles.readUsers,
    handler: usersDelta,
  })),
  { method: 'GET', pattern: 'users/:id', acceptedRoles: acceptedRoles.readUsers, handler: getUserOrSignInActivity },
  { method: 'PATCH', pattern: 'users/:id', acceptedRoles: acceptedRoles.enableDisableUsers, handler: patchUser },
  {
    method: 'GET',
    pattern: 'identityGovernance/lifecycleWorkflows/lifecyclePolicies',
    acceptedRoles: acceptedRoles.readLifecyclePolicies,
    handler: listLifecyclePolicies,
  },
  { method: 'DELETE', pattern: 'users/:id', acceptedRoles: acceptedRoles.deleteUsers, handler: deleteUser },
  // A user's sponsors (user-list-sponsors, user-post-sponsors, user-delete-sponsors).
  { method: 'GET', pattern: 'users/:id/sponsors', acceptedRoles: acceptedRoles.readUsers, handler: listSponsors },
  { method: 'POST', pattern: 'users/:id/sponsors/$ref', acceptedRoles: acceptedRoles.changeSponsors, handler: addSponsor },
  { method: 'DELETE', pattern: 'users/:id/sponsors/:sponsorId/$ref', acceptedRoles: acceptedRoles.changeSponsors, handler: removeSponsor },
  { method: 'POST', pattern: 'users/:id/sendMail', acceptedRoles: acceptedRoles.sendMail, handler: sendMail },
  // A user's memberships, each also with an OData cast segment (namespace alias or full name).
  ...membershipRoutes(),
  { method: 'GET', pattern: 'directoryRoles', acceptedRoles: acceptedRoles.readDirectoryRoles, handler: listDirectoryRoles },
  { method: 'GET', pattern: 'directoryRoles/:id', acceptedRoles: acceptedRoles.readDirectoryRoles, handler: getDirectoryRole },
  { method: 'GET', pattern: 'directoryRoles/:id/members', acceptedRoles: acceptedRoles.readDirectoryRoles, handler: listDirectoryRoleMembers },
  // Change notifications. Subscribing needs the permission that reads the resource; only users are offered.
  { method: 'POST', pattern: 'subscriptions', acceptedRoles: acceptedRoles.readUsers, handler: createSubscription },
  { method: 'GET', pattern: 'subscriptions', acceptedRoles: acceptedRoles.readUsers, handler: listSubscriptions },
  { method: 'GET', pattern: 'subscriptions/:id', acceptedRoles: acceptedRoles.readUsers, handler: getSubscription },
  { method: 'PATCH', pattern: 'subscriptions/:id', acceptedRoles: acceptedRoles.readUsers, handler: renewSubscription },
  { method: 'DELETE', pattern: 'subscriptions/:id', acceptedRoles: acceptedRoles.readUsers, handler: deleteSubscription },
  // Guests into the team, channel or chat they were invited from (guest-lifecycle.md §1–3).
  { method: 'POST', pattern: 'teams/:groupId/members', acceptedRoles: acceptedRoles.addTeamMembers, handler: addTeamMember },
  { method: 'GET', pattern: 'teams/:groupId/members', acceptedRoles: acceptedRoles.readTeamMembers, handler: listTeamMembers },
  { method: 'GET', pattern: 'teams/:groupId/channels/:channelId', acceptedRoles: acceptedRoles.readChannels, handler: getChannel },
  { method: 'POST', pattern: 'teams/:groupId/channels/:channelId/members', acceptedRoles: acceptedRoles.addChannelMembers, handler: addChannelMember },
  { method: 'POST', pattern: 'groups/:groupId/members/$ref', acceptedRoles: acceptedRoles.addGroupMembers, handler: addGroupMemberByReference },
  { method: 'POST', pattern: 'chats/:chatId/members', acceptedRoles: acceptedRoles.addChatMembers, handler: addChatMember },
  { method: 'GET', pattern: 'chats/:chatId/members', acceptedRoles: acceptedRoles.readChatMembers, handler: listChatMembers },
  { method: 'GET', pattern: 'organization', acceptedRoles: acceptedRoles.readOrganization, handler: listOrganization },
  // The tenant configuration that decides how guests redeem (redemption-paths.md).
  {
    method: 'GET',
    pattern: 'policies/authenticationMethodsPolicy/authenticationMethodConfigurations/email',
    acceptedRoles: acceptedRoles.readEmailAuthenticationMethod,
    handler: getEmailAuthenticationMethod,
  },
  { method: 'GET', pattern: 'identity/identityProviders', acceptedRoles: acceptedRoles.readIdentityProviders, handler: listIdentityProviders },
  // A type-cast segment: Graph accepts the namespace's alias and its full name.
  ...['graph', 'microsoft.graph'].map((namespace) => ({
    method: 'GET',
    pattern: `directory/federationConfigurations/${namespace}.samlOrWsFedExternalDomainFederation`,
    acceptedRoles: acceptedRoles.readDomainFederations,
    handler: listDomainFederations,
  })),
  ...['', 'microsoft.graph.'].map((namespace) => ({
    method: 'GET',
    pattern: `tenantRelationships/${namespace}findTenantInformationByDomainName(:arguments)`,
    acceptedRoles: acceptedRoles.findTenantInformation,
    handler: findTenantInformationByDomainName,
  })),
  {
    method: 'GET',
    pattern: 'policies/crossTenantAccessPolicy/default',
    acceptedRoles: acceptedRoles.readCrossTenantAccessPolicy,
    handler: getCrossTenantDefault,
  },
  {
    method: 'GET',
    pattern: 'policies/crossTenantAccessPolicy/partners',
    acceptedRoles: acceptedRoles.readCrossTenantAccessPolicy,
    handler: listCrossTenantPartners,
  },
  {
    method: 'GET',
    pattern: 'policies/crossTenantAccessPolicy/partners/:tenantId',
    acceptedRoles: acceptedRoles.readCrossTenantAccessPolicy,
    handler: getCrossTenantPartner,
  },
  { method: 'GET', pattern: 'policies/authorizationPolicy', acceptedRoles: acceptedRoles.readAuthorizationPolicy, handler: getAuthorizationPolicy },
]);

function membershipRoutes(): GraphRoute[] {
  const relationships: [string, MembershipScope][] = [
    ['memberOf', 'direct'],
    ['transitiveMemberOf', 'transitive'],
  ];
  return relationships.flatMap(([relationship, scope]) => [
    { method: 'GET', pattern: `users/:id/${relationship}`, acceptedRoles: acceptedRoles.readMemberships, handler: listMemberships(scope) },
    ...(['group', 'directoryRole'] as MembershipCast[]).flatMap((cast) =>
      ['graph', 'microsoft.graph'].map((namespace) => ({
        method: 'GET',
        pattern: `users/:id/${relationship}/${namespace}.${cast}`,
        acceptedRoles: acceptedRoles.readMemberships,
        handler: listMemberships(scope, cast),
      })),
    ),
  ]);
}

const odataJson = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

/**
 * Answers a request under /v1.0: authenticate, route, throttle, authorise, anti-abuse, invitations turned off,
 * then run the operation.
 */
export async function handleGraphRequest(context: SimulatorContext, request: SimRequest): Promise<SimResponse> {
  try {
    const caller = await authenticate(context, request);
    if (request.method === 'POST' && request.segments.length === 2 && request.segments[1] === '$batch') {
      const batch = await answerBatch(request, (inner) => handleGraphRequest(context, inner));
      return { ...batch, headers: { ...graphResponseHeaders(request), 'Content-Type': odataJson } };
    }
    const match = router.match(request.method, request.segments.slice(1));
    if (match.kind === 'no-route') throw segmentNotFound(match.unmatchedSegment);
    if (match.kind === 'method-not-allowed') throw methodNotAllowed();
    const { route, params } = match;
    if (route.countsTowardInvitationLimit) admitInvitationRequest(context);
    requireAnyRole(caller, route.acceptedRoles);
    if (route.blockedByAntiAbuse && context.state.invitationsBlocked) throw invitationsBlocked();
    if (route.blockedByAntiAbuse && context.state.tenant.configuration.authorizationPolicy.allowInvitesFrom === 'none') {
      throw invitationsNotAllowed();
    }
    const response = await route.handler({ request, params, caller, context });
    // An empty answer (sendMail's 202) has no content, so no content type either.
    const contentType: Record<string, string> = response.body === undefined ? {} : { 'Content-Type': odataJson };
    return { ...response, headers: { ...graphResponseHeaders(request), ...contentType, ...response.headers } };
  } catch (error) {
    if (error instanceof GraphRequestError) return graphErrorResponse(request, error);
    throw error;
  }
}

function admitInvitationRequest(context: SimulatorContext): void {
  const verdict = context.state.invitationThrottle?.admit();
  if (verdict !== undefined && !verdict.admitted) throw tooManyRequests(verdict.retryAfterSeconds);
}
