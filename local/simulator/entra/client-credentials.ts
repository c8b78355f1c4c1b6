import type { Application } from '../fixture.js';
import type { TenantState } from '../tenant-state.js';
import { graphApplicationId, graphResource } from '../tokens.js';
import { entraFailures, type EntraFailure } from './errors.js';

// The checks Entra makes on a client-credentials token request, in the order it reports them.
// Pure: the caller turns the outcome into a token or an error answer.

export type ClientCredentialsOutcome = { granted: true; app: Application } | { granted: false; failure: EntraFailure };

export function checkClientCredentials(form: Record<string, string>, tenant: TenantState): ClientCredentialsOutcome {
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
  if (secret === undefined) return refuse(entraFailures.missingClientCredential());
  if (secret !== app.clientSecret) return refuse(entraFailures.invalidClientSecret(app.clientId));

  const scope = form['scope'];
  if (scope === undefined) return refuse(entraFailures.missingParameter('scope'));
  if (!scope.endsWith('/.default')) return refuse(entraFailures.scopeWithoutDefault(scope));
  const resource = scope.slice(0, -'/.default'.length).replace(/\/+$/, '');
  if (resource !== graphResource && resource !== graphApplicationId) return refuse(entraFailures.resourceNotFound(resource, tenantName));

  return { granted: true, app };
}
