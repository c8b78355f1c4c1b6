import { headerValue, type SimRequest } from '../http/request.js';
import type { SimResponse } from '../http/response.js';
import { graphDateTime } from '../time.js';

// Graph's error JSON (shared/domain/graph-invitations.md, "Errors"). graphErrorResponse is the
// only place that builds an error body; everything else throws a GraphRequestError.

export class GraphRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** Headers Graph puts on every answer: its own request id, and the caller's id echoed back. */
export function graphResponseHeaders(request: SimRequest): Record<string, string> {
  return { 'request-id': request.requestId, 'client-request-id': clientRequestId(request) };
}

export function graphErrorResponse(request: SimRequest, error: GraphRequestError): SimResponse {
  return {
    status: error.status,
    headers: { ...graphResponseHeaders(request), ...error.headers },
    body: {
      error: {
        code: error.code,
        message: error.message,
        innerError: {
          date: graphDateTime(),
          'request-id': request.requestId,
          'client-request-id': clientRequestId(request),
        },
      },
    },
  };
}

// Without a client-request-id, Graph reports its own request id in that field.
function clientRequestId(request: SimRequest): string {
  return headerValue(request, 'client-request-id') ?? request.requestId;
}

export const badRequest = (message: string): GraphRequestError => new GraphRequestError(400, 'BadRequest', message);

export const unsupportedQuery = (message = 'Unsupported Query.'): GraphRequestError =>
  new GraphRequestError(400, 'Request_UnsupportedQuery', message);

export const segmentNotFound = (segment: string): GraphRequestError =>
  badRequest(`Resource not found for the segment '${segment}'.`);

export const methodNotAllowed = (): GraphRequestError =>
  new GraphRequestError(405, 'Request_BadRequest', 'Specified HTTP method is not allowed for the request target.');

export const resourceNotFound = (id: string): GraphRequestError =>
  new GraphRequestError(
    404,
    'Request_ResourceNotFound',
    `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
  );

export const insufficientPrivileges = (): GraphRequestError =>
  new GraphRequestError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');

export const invalidAuthenticationToken = (message: string): GraphRequestError =>
  new GraphRequestError(401, 'InvalidAuthenticationToken', message, {
    'WWW-Authenticate': 'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"',
  });

export const tooManyRequests = (retryAfterSeconds: number): GraphRequestError =>
  new GraphRequestError(429, 'TooManyRequests', 'Please retry again later.', { 'Retry-After': String(retryAfterSeconds) });

// Microsoft publishes no code for an anti-abuse refusal; Forbidden is the simulator's choice (README).
export const invitationsBlocked = (): GraphRequestError =>
  new GraphRequestError(
    403,
    'Forbidden',
    'Invitations are blocked due to suspicious activity. Contact Microsoft support or try again later.',
  );

// Microsoft publishes no code for an invitation refused because the tenant turned invitations off
// (allowInvitesFrom 'none'); the message is the one users report (graph-invitations.md). README choice.
export const invitationsNotAllowed = (): GraphRequestError =>
  new GraphRequestError(403, 'Forbidden', 'Guest invitations not allowed for your company. Contact your company administrator for more details.');

// The collaboration restrictions' refusal is undocumented beyond "a blocked-domain message" (tenant-policy.md §2).
export const invitationDomainBlocked = (domain: string): GraphRequestError =>
  badRequest(`Invitations to users in the domain '${domain}' are blocked by your organization's collaboration restrictions.`);
