import { jsonResponse, type SimResponse } from '../http/response.js';
import { partnerFor, type CrossTenantPartner } from '../tenant-configuration.js';
import { resourceNotFound } from './errors.js';
import type { GraphCall } from './graph-call.js';
import { metadataUrl, refuseUnknownQueryOptions } from './odata.js';

// /policies/crossTenantAccessPolicy/default and /partners. Only B2B collaboration inbound, automatic
// redemption and the redemption order are configurable; the other blocks are rendered with the
// service defaults Microsoft documents (outbound allowed, direct connect blocked, no trust), since no
// decision here depends on them.

const allowedForEveryone = {
  usersAndGroups: { accessType: 'allowed', targets: [{ target: 'AllUsers', targetType: 'user' }] },
  applications: { accessType: 'allowed', targets: [{ target: 'AllApplications', targetType: 'application' }] },
};
const blockedForEveryone = {
  usersAndGroups: { accessType: 'blocked', targets: [{ target: 'AllUsers', targetType: 'user' }] },
  applications: { accessType: 'blocked', targets: [{ target: 'AllApplications', targetType: 'application' }] },
};

export function getCrossTenantDefault({ request, context }: GraphCall): SimResponse {
  refuseUnknownQueryOptions(request, []);
  const policy = context.state.tenant.configuration.crossTenantAccess.default;
  return jsonResponse(200, {
    '@odata.context': metadataUrl(request, 'policies/crossTenantAccessPolicy/default/$entity'),
    isServiceDefault: policy.isServiceDefault,
    inboundTrust: { isMfaAccepted: false, isCompliantDeviceAccepted: false, isHybridAzureADJoinedDeviceAccepted: false },
    automaticUserConsentSettings: policy.automaticUserConsentSettings,
    b2bCollaborationOutbound: allowedForEveryone,
    b2bCollaborationInbound: policy.b2bCollaborationInbound,
    b2bDirectConnectOutbound: blockedForEveryone,
    b2bDirectConnectInbound: blockedForEveryone,
    tenantRestrictions: { ...blockedForEveryone, devices: null },
    invitationRedemptionIdentityProviderConfiguration: policy.invitationRedemptionIdentityProviderConfiguration,
  });
}

export function listCrossTenantPartners({ request, context }: GraphCall): SimResponse {
  refuseUnknownQueryOptions(request, []);
  const { partners } = context.state.tenant.configuration.crossTenantAccess;
  return jsonResponse(200, {
    '@odata.context': metadataUrl(request, 'policies/crossTenantAccessPolicy/partners'),
    value: partners.map(partnerResource),
  });
}

/** GET /partners/{tenantId}: 404 Request_ResourceNotFound when the tenant has no partner configuration (README choice). */
export function getCrossTenantPartner({ request, params, context }: GraphCall): SimResponse {
  refuseUnknownQueryOptions(request, []);
  const tenantId = params['tenantId'] ?? '';
  const partner = partnerFor(context.state.tenant.configuration, tenantId);
  if (partner === undefined) throw resourceNotFound(tenantId);
  return jsonResponse(200, {
    '@odata.context': metadataUrl(request, 'policies/crossTenantAccessPolicy/partners/$entity'),
    ...partnerResource(partner),
  });
}

/** Null blocks inherit the default, exactly as Graph shows them. */
function partnerResource(partner: CrossTenantPartner): Record<string, unknown> {
  return {
    tenantId: partner.tenantId,
    isServiceProvider: partner.isServiceProvider,
    isInMultiTenantOrganization: false,
    inboundTrust: null,
    automaticUserConsentSettings: partner.automaticUserConsentSettings,
    b2bCollaborationInbound: partner.b2bCollaborationInbound,
    b2bCollaborationOutbound: null,
    b2bDirectConnectOutbound: null,
    b2bDirectConnectInbound: null,
    tenantRestrictions: null,
  };
}
