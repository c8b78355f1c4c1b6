import { jsonResponse, type SimResponse } from '../http/response.js';
import type { GraphCall } from './graph-call.js';
import { metadataUrl, refuseUnknownQueryOptions } from './odata.js';

/**
 * GET /policies/authorizationPolicy: who may invite, email-verified self-join and the guest role come
 * from the configuration; the other properties are the values of Microsoft's own example.
 */
export function getAuthorizationPolicy({ request, context }: GraphCall): SimResponse {
  refuseUnknownQueryOptions(request, []);
  const policy = context.state.tenant.configuration.authorizationPolicy;
  return jsonResponse(200, {
    '@odata.context': metadataUrl(request, 'policies/authorizationPolicy/$entity'),
    id: 'authorizationPolicy',
    displayName: 'Authorization Policy',
    description: 'Used to manage authorization related settings across the company.',
    allowInvitesFrom: policy.allowInvitesFrom,
    allowedToSignUpEmailBasedSubscriptions: true,
    allowedToUseSSPR: true,
    allowEmailVerifiedUsersToJoinOrganization: policy.allowEmailVerifiedUsersToJoinOrganization,
    allowUserConsentForRiskyApps: false,
    blockMsolPowerShell: false,
    guestUserRoleId: policy.guestUserRoleId,
    defaultUserRolePermissions: {
      allowedToCreateApps: true,
      allowedToCreateSecurityGroups: true,
      allowedToCreateTenants: true,
      allowedToReadBitlockerKeysForOwnedDevice: true,
      allowedToReadOtherUsers: true,
      permissionGrantPoliciesAssigned: ['ManagePermissionGrantsForSelf.microsoft-user-default-legacy'],
    },
  });
}
