import { parseFormBody, type SimRequest } from '../http/request.js';
import { jsonResponse, type SimResponse } from '../http/response.js';
import { Router, type RouteDefinition } from '../http/router.js';
import type { SimulatorContext } from '../simulator-state.js';
import { accessTokenLifetimeSeconds } from '../tokens.js';
import { checkClientCredentials } from './client-credentials.js';
import { entraErrorResponse, entraFailures } from './errors.js';

// The part of Microsoft Entra that @azure/identity's ClientSecretCredential talks to
// (stack-on-this-machine.md §4): OpenID discovery, the signing keys, and the token endpoint.

type EntraHandler = (context: SimulatorContext, request: SimRequest, tenantId: string) => SimResponse | Promise<SimResponse>;

interface EntraRoute extends RouteDefinition {
  handler: EntraHandler;
}

const router = new Router<EntraRoute>([
  { method: 'GET', pattern: ':tenant/v2.0/.well-known/openid-configuration', handler: openIdConfiguration },
  { method: 'GET', pattern: ':tenant/discovery/v2.0/keys', handler: signingKeys },
  { method: 'POST', pattern: ':tenant/oauth2/v2.0/token', handler: issueToken },
]);

const noStore = { 'Cache-Control': 'no-store, no-cache' };

export async function handleEntraRequest(context: SimulatorContext, request: SimRequest): Promise<SimResponse> {
  const match = router.match(request.method, request.segments);
  if (match.kind === 'no-route') return { status: 404 };
  if (match.kind === 'method-not-allowed') return { status: 405 };
  const tenantInPath = match.params['tenant'] ?? '';
  const { tenant } = context.state;
  if (!tenant.matchesTenant(tenantInPath)) return entraErrorResponse(request, entraFailures.tenantNotFound(tenantInPath));
  return match.route.handler(context, request, tenant.tenantId);
}

/** The v2.0 discovery document; MSAL requires authorization_endpoint, token_endpoint, issuer and jwks_uri. */
function openIdConfiguration(_context: SimulatorContext, request: SimRequest, tenantId: string): SimResponse {
  const base = `${request.origin}/${tenantId}`;
  return jsonResponse(200, {
    token_endpoint: `${base}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    jwks_uri: `${base}/discovery/v2.0/keys`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    // Entra's v2.0 issuer has the form https://login.microsoftonline.com/{tid}/v2.0; here it names the simulator.
    issuer: `${base}/v2.0`,
    // Advertised because MSAL insists on it; the simulator has no interactive sign-in behind it.
    authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
    tenant_region_scope: 'NA',
    cloud_instance_name: 'microsoftonline.com',
    cloud_graph_host_name: 'graph.windows.net',
    msgraph_host: 'graph.microsoft.com',
  });
}

function signingKeys(context: SimulatorContext): SimResponse {
  return jsonResponse(200, context.tokens.jwks());
}

async function issueToken(context: SimulatorContext, request: SimRequest, tenantId: string): Promise<SimResponse> {
  const tokenEndpoint = `${request.origin}${request.path}`;
  const outcome = await checkClientCredentials(parseFormBody(request), context.state.tenant, {
    tokenEndpoint,
    verifyFederatedToken: (token) => context.tokens.verifyOwnToken(token),
  });
  if (!outcome.granted) return entraErrorResponse(request, outcome.failure);
  return jsonResponse(
    200,
    {
      token_type: 'Bearer',
      expires_in: accessTokenLifetimeSeconds,
      ext_expires_in: accessTokenLifetimeSeconds,
      access_token: await context.tokens.issueAppToken(tenantId, outcome.app),
    },
    noStore,
  );
}
