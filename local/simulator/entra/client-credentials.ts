import { decodeJwt, type JWTPayload } from 'jose';
import type { Application } from '../fixture.js';
import type { TenantState } from '../tenant-state.js';
import { graphApplicationId, graphResource } from '../tokens.js';
import { checkCertificateAssertion, checkFederatedAssertion, JWT_BEARER } from './client-assertion.js';
import { entraFailures, type EntraFailure } from './errors.js';

// The checks Entra makes on a client-credentials token request, in the order it reports them.
// Pure: the caller turns the outcome into a token or an error answer.

export type ClientCredentialsOutcome = { granted: true; app: Application } | { granted: false; failure: EntraFailure };

/** Where the request came in (an assertion's audience) and how to verify a federated credential's token. */
export interface AssertionContext {
  readonly tokenEndpoint: string;
  readonly verifyFederatedToken: (token: string) => Promise<JWTPayload | undefined>;
}

export async function checkClientCredentials(form: Record<string, string>, tenant: TenantState, assertions: AssertionContext): Promise<ClientCredentialsOutcome> {
  const refuse = (failure: EntraFailure): ClientCredentialsOutcome => ({ granted: false, failure });
  const tenantName = tenant.tenant.displayName;

  const grantType = form['grant_type'];
  if (grantType === undefined) return refuse(entraFailures.missingParameter('grant_type'));
  if (grantType !== 'client_credentials') return refuse(entraFailures.unsupportedGrantType(grantType));

  const clientId = form['client_id'];
  if (clientId === undefined) return refuse(entraFailures.missingParameter('client_id'));
  const app = tenant.findApplication(clientId);
  if (app === undefined) return refuse(entraFailures.applicationNotFound(clientId, tenantName));

  const secret = form['client_secret'];
  const assertion = form['client_assertion'];
  if (secret !== undefined) {
    if (secret !== app.clientSecret) return refuse(entraFailures.invalidClientSecret(app.clientId));
  } else if (assertion !== undefined && form['client_assertion_type'] === JWT_BEARER) {
    // Signed by the app itself (iss = its client id): a certificate; by anyone else: a federated credential.
    const outcome = issuerOf(assertion) === app.clientId
      ? await checkCertificateAssertion(assertion, app, assertions.tokenEndpoint)
      : await checkFederatedAssertion(assertion, app, assertions.verifyFederatedToken);
    if (!outcome.valid) return refuse(outcome.failure);
  } else {
    return refuse(entraFailures.missingClientCredential());
  }

  const scope = form['scope'];
  if (scope === undefined) return refuse(entraFailures.missingParameter('scope'));
  if (!scope.endsWith('/.default')) return refuse(entraFailures.scopeWithoutDefault(scope));
  const resource = scope.slice(0, -'/.default'.length).replace(/\/+$/, '');
  if (resource !== graphResource && resource !== graphApplicationId) return refuse(entraFailures.resourceNotFound(resource, tenantName));

  return { granted: true, app };
}

function issuerOf(assertion: string): string | undefined {
  try {
    return decodeJwt(assertion).iss;
  } catch {
    return undefined;
  }
}
