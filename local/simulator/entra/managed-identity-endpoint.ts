import { headerValue, type SimRequest } from '../http/request.js';
import { jsonResponse, type SimResponse } from '../http/response.js';
import type { SimulatorContext } from '../simulator-state.js';
import { accessTokenLifetimeSeconds } from '../tokens.js';

// The identity endpoint an Azure host (App Service, Container Apps) gives its code: IDENTITY_ENDPOINT and
// IDENTITY_HEADER in the environment, `GET ?api-version=2019-08-01&resource=…&client_id=…` with the header
// X-IDENTITY-HEADER. @azure/identity's ManagedIdentityCredential finds it by those variables alone. Its tokens
// come from the tenant's v2.0 issuer about the identity's principal id: what a federated credential names.

export const MANAGED_IDENTITY_PATH = 'msi/token';

export async function handleManagedIdentityRequest(context: SimulatorContext, request: SimRequest): Promise<SimResponse> {
  if (request.method !== 'GET') return { status: 405 };
  if (headerValue(request, 'x-identity-header') !== context.identityHeader) {
    return jsonResponse(401, { statusCode: 401, message: 'Unauthorized: the X-IDENTITY-HEADER is missing or wrong.' });
  }
  const resource = request.query.get('resource');
  if (!resource) return jsonResponse(400, { statusCode: 400, message: 'The resource parameter is required.' });
  const clientId = request.query.get('client_id');
  const { tenant } = context.state;
  const identity = clientId ? tenant.managedIdentities.find((candidate) => candidate.clientId.toLowerCase() === clientId.toLowerCase()) : tenant.managedIdentities[0];
  if (!identity) return jsonResponse(400, { statusCode: 400, message: `No managed identity with client id ${clientId ?? '(system-assigned)'} is assigned to this host.` });
  const token = await context.tokens.issueManagedIdentityToken({
    issuer: managedIdentityIssuer(request.origin, tenant.tenantId),
    tenantId: tenant.tenantId,
    clientId: identity.clientId,
    principalId: identity.principalId,
    audience: resource.replace(/\/\.default$/, ''),
  });
  const expiresOn = String(Math.floor(Date.now() / 1000) + accessTokenLifetimeSeconds);
  return jsonResponse(200, { access_token: token, expires_on: expiresOn, resource, token_type: 'Bearer', client_id: identity.clientId });
}

/** Entra's v2.0 issuer, https://login.microsoftonline.com/{tenant}/v2.0, with the simulator as the host. */
function managedIdentityIssuer(origin: string, tenantId: string): string {
  return `${origin}/${tenantId}/v2.0`;
}
