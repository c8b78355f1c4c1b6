import { tenantOwningDomain } from '../external-world.js';
import { jsonResponse, type SimResponse } from '../http/response.js';
import type { TenantState } from '../tenant-state.js';
import { badRequest, resourceNotFound } from './errors.js';
import type { GraphCall } from './graph-call.js';
import { metadataUrl, refuseUnknownQueryOptions } from './odata.js';

interface TenantInformation {
  tenantId: string;
  displayName: string;
  defaultDomainName: string;
  federationBrandName: string | null;
}

/**
 * GET /tenantRelationships/findTenantInformationByDomainName(domainName='…'): the tenant that verified
 * the domain, the resource tenant itself included. A domain of no tenant (gmail.com, litware.org) is
 * UNDOCUMENTED; the simulator answers 404 Request_ResourceNotFound (README choice). A hit says nothing
 * about whether a given user exists there.
 */
export function findTenantInformationByDomainName({ request, params, context }: GraphCall): SimResponse {
  refuseUnknownQueryOptions(request, []);
  const domainName = parseDomainNameArgument(params['arguments'] ?? '');
  const information = tenantInformationFor(context.state.tenant, domainName);
  if (information === undefined) throw resourceNotFound(domainName);
  return jsonResponse(200, { '@odata.context': metadataUrl(request, 'microsoft.graph.tenantInformation'), ...information });
}

function tenantInformationFor(tenant: TenantState, domainName: string): TenantInformation | undefined {
  if (tenant.isVerifiedDomain(domainName)) {
    const defaultDomain = tenant.tenant.verifiedDomains.find((domain) => domain.isDefault)?.name ?? tenant.initialDomain;
    return { tenantId: tenant.tenantId, displayName: tenant.tenant.displayName, defaultDomainName: defaultDomain, federationBrandName: null };
  }
  const external = tenantOwningDomain(tenant.world, domainName);
  if (external === undefined) return undefined;
  return {
    tenantId: external.tenantId,
    displayName: external.displayName,
    defaultDomainName: external.defaultDomainName,
    federationBrandName: external.federationBrandName,
  };
}

/** The function's one parameter, an OData string literal: domainName='contoso.com' ('' is a quote). */
function parseDomainNameArgument(argumentsText: string): string {
  const match = /^\s*domainName\s*=\s*'((?:[^']|'')*)'\s*$/i.exec(argumentsText);
  if (match === null) {
    throw badRequest(`The function 'findTenantInformationByDomainName' needs its parameter as domainName='<domain>'; got '(${argumentsText})'.`);
  }
  const domainName = (match[1] ?? '').replaceAll("''", "'").trim();
  if (domainName === '') throw badRequest("The parameter 'domainName' must not be empty.");
  return domainName;
}
