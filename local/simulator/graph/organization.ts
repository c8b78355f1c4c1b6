import type { Fixture } from '../fixture.js';
import { jsonResponse, type SimResponse } from '../http/response.js';
import type { GraphCall } from './graph-call.js';
import { contextFragment, metadataUrl, refuseUnknownQueryOptions, selectedProperties } from './odata.js';

const organizationProperties = ['id', 'displayName', 'verifiedDomains'] as const;
type OrganizationProperty = (typeof organizationProperties)[number];

/** GET /organization: the one tenant, with the verified domains an inviter must not invite from. */
export function listOrganization({ request, context }: GraphCall): SimResponse {
  refuseUnknownQueryOptions(request, ['$select']);
  const selected = selectedProperties(request, 'microsoft.graph.organization', organizationPropertyNamed);
  const organization = organizationResource(context.state.tenant.tenant);
  const properties = selected ?? organizationProperties;
  return jsonResponse(200, {
    '@odata.context': metadataUrl(request, contextFragment('organization', selected)),
    value: [Object.fromEntries(properties.map((property) => [property, organization[property]]))],
  });
}

function organizationResource(tenant: Fixture['tenant']): Record<OrganizationProperty, unknown> {
  return {
    id: tenant.id,
    displayName: tenant.displayName,
    verifiedDomains: tenant.verifiedDomains.map((domain) => ({
      capabilities: 'Email, OfficeCommunicationsOnline',
      isDefault: domain.isDefault,
      isInitial: domain.isInitial,
      name: domain.name,
      type: 'Managed',
    })),
  };
}

function organizationPropertyNamed(name: string): OrganizationProperty | undefined {
  return organizationProperties.find((property) => property.toLowerCase() === name.toLowerCase());
}
