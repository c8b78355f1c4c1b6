import { headerValue, type SimRequest } from '../http/request.js';
import type { SimResponse } from '../http/response.js';

// Entra's OAuth error answers: `error`, an `error_description` that starts with the AADSTS code and
// ends with trace id, correlation id and timestamp, plus `error_codes`, `timestamp`, `trace_id`,
// `correlation_id` and `error_uri`. entraErrorResponse is the only place that builds one.

export interface EntraFailure {
  status: number;
  error: string;
  aadsts: number;
  description: string;
}

export function entraErrorResponse(request: SimRequest, failure: EntraFailure): SimResponse {
  const timestamp = entraTimestamp(new Date());
  // MSAL sends its client-request-id both as header and as query parameter; Entra echoes it as the correlation id.
  const correlationId = headerValue(request, 'client-request-id') ?? request.query.get('client-request-id') ?? request.requestId;
  return {
    status: failure.status,
    headers: { 'Cache-Control': 'no-store, no-cache' },
    body: {
      error: failure.error,
      error_description: `AADSTS${failure.aadsts}: ${failure.description}\r\nTrace ID: ${request.requestId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${timestamp}`,
      error_codes: [failure.aadsts],
      timestamp,
      trace_id: request.requestId,
      correlation_id: correlationId,
      error_uri: `https://login.microsoftonline.com/error?code=${failure.aadsts}`,
    },
  };
}

/** Entra writes '2024-05-01 12:34:56Z', not the ISO 'T' form. */
function entraTimestamp(date: Date): string {
  return date.toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, 'Z');
}

// The failures the simulated endpoints produce, with Entra's wording (reference-error-codes).
export const entraFailures = {
  tenantNotFound: (tenant: string): EntraFailure => ({
    status: 400,
    error: 'invalid_tenant',
    aadsts: 90002,
    description: `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`,
  }),
  missingParameter: (parameter: string): EntraFailure => ({
    status: 400,
    error: 'invalid_request',
    aadsts: 900144,
    description: `The request body must contain the following parameter: '${parameter}'.`,
  }),
  unsupportedGrantType: (grantType: string): EntraFailure => ({
    status: 400,
    error: 'unsupported_grant_type',
    aadsts: 70003,
    description: `The app requested an unsupported grant type '${grantType}'.`,
  }),
  applicationNotFound: (clientId: string, tenantName: string): EntraFailure => ({
    status: 400,
    error: 'unauthorized_client',
    aadsts: 700016,
    description: `Application with identifier '${clientId}' was not found in the directory '${tenantName}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
  }),
  missingClientCredential: (): EntraFailure => ({
    status: 401,
    error: 'invalid_client',
    aadsts: 7000218,
    description: "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
  }),
  invalidClientSecret: (clientId: string): EntraFailure => ({
    status: 401,
    error: 'invalid_client',
    aadsts: 7000215,
    description: `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`,
  }),
  scopeWithoutDefault: (scope: string): EntraFailure => ({
    status: 400,
    error: 'invalid_scope',
    aadsts: 1002012,
    description: `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
  }),
  resourceNotFound: (resource: string, tenantName: string): EntraFailure => ({
    status: 400,
    error: 'invalid_resource',
    aadsts: 500011,
    description: `The resource principal named ${resource} was not found in the tenant named ${tenantName}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`,
  }),
  malformedAssertion: (): EntraFailure => ({
    status: 400,
    error: 'invalid_request',
    aadsts: 50027,
    description: 'JWT token is invalid or malformed.',
  }),
  certificateNotRegistered: (clientId: string, thumbprint: string): EntraFailure => ({
    status: 401,
    error: 'invalid_client',
    aadsts: 700027,
    description: `The certificate with identifier used to sign the client assertion is not registered on application. [Reason - The key was not found., Thumbprint of key used by client: '${thumbprint}', Please visit the Azure Portal, Graph Explorer or directly use MS Graph to see configured keys for app Id '${clientId}'.]`,
  }),
  assertionSignatureInvalid: (clientId: string): EntraFailure => ({
    status: 401,
    error: 'invalid_client',
    aadsts: 700027,
    description: `Client assertion failed signature validation. [Reason - The provided signature value did not match the expected signature value., Please visit the Azure Portal, Graph Explorer or directly use MS Graph to see configured keys for app Id '${clientId}'.]`,
  }),
  assertionOutsideLifetime: (now: Date): EntraFailure => ({
    status: 401,
    error: 'invalid_client',
    aadsts: 700024,
    description: `Client assertion is not within its valid time range. Current time: ${now.toISOString()}.`,
  }),
  assertionClientMismatch: (): EntraFailure => ({
    status: 401,
    error: 'invalid_client',
    aadsts: 700021,
    description: "Client assertion application identifier doesn't match 'client_id' parameter.",
  }),
  assertionAudienceMismatch: (): EntraFailure => ({
    status: 401,
    error: 'invalid_client',
    aadsts: 700023,
    description: 'Client assertion audience claim does not match Realm issuer.',
  }),
  noMatchingFederatedCredential: (): EntraFailure => ({
    status: 400,
    error: 'invalid_request',
    aadsts: 70021,
    description: 'No matching federated identity record found for presented assertion.',
  }),
};
