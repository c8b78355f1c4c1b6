import { jsonResponse, type SimResponse } from '../http/response.js';
import type { DomainFederation } from '../tenant-configuration.js';
import { badRequest } from './errors.js';
import type { GraphCall } from './graph-call.js';
import { metadataUrl, refuseUnknownQueryOptions } from './odata.js';

const entitySet = 'directory/federationConfigurations/microsoft.graph.samlOrWsFedExternalDomainFederation';

/**
 * GET /directory/federationConfigurations/graph.samlOrWsFedExternalDomainFederation. `domains` is a
 * navigation property, so it comes back only with $expand=domains (README choice: Microsoft's example
 * shows it without, but a reader that expands works against both).
 */
export function listDomainFederations({ request, context }: GraphCall): SimResponse {
  refuseUnknownQueryOptions(request, ['$expand']);
  const expandDomains = parseExpand(request.query.get('$expand'));
  const federations = context.state.tenant.configuration.externalDomainFederations;
  return jsonResponse(200, {
    '@odata.context': metadataUrl(request, expandDomains ? `${entitySet}(domains())` : entitySet),
    value: federations.map((federation) => federationResource(federation, expandDomains)),
  });
}

function federationResource(federation: DomainFederation, expandDomains: boolean): Record<string, unknown> {
  return {
    id: federation.id,
    displayName: federation.displayName,
    issuerUri: federation.issuerUri,
    metadataExchangeUri: federation.metadataExchangeUri,
    signingCertificate: federation.signingCertificate,
    passiveSignInUri: federation.passiveSignInUri,
    preferredAuthenticationProtocol: federation.preferredAuthenticationProtocol,
    ...(expandDomains ? { domains: federation.domains.map((domain) => ({ id: domain })) } : {}),
  };
}

function parseExpand(expand: string | null): boolean {
  if (expand === null || expand.trim() === '') return false;
  const names = expand.split(',').map((name) => name.trim());
  const unknown = names.find((name) => name.toLowerCase() !== 'domains');
  if (unknown !== undefined) {
    throw badRequest(
      `Parsing OData Select and Expand failed: Could not find a property named '${unknown}' on type 'microsoft.graph.samlOrWsFedExternalDomainFederation'.`,
    );
  }
  return true;
}
