/**
 * Translates what the Graph SDK and @azure/identity throw into the domain's ServiceError catalogue.
 * Branches on status codes, Graph error codes and AADSTS numbers, never on English message text alone.
 */
import { inspect } from 'node:util';
import { GraphError } from '@microsoft/microsoft-graph-client';
import { ServiceError } from '../domain/errors.js';

const AADSTS = /AADSTS(\d{5,7})/;

export function toServiceError(error: unknown, operation: string): ServiceError {
  if (error instanceof ServiceError) return error;
  const signIn = signInFailure(error, operation);
  if (signIn) return signIn;
  if (error instanceof GraphError && error.statusCode > 0) return fromGraphResponse(error, operation);
  const cause = describe(error);
  // Refused or unresolvable: the request never left. Anything else (reset, timeout) may have been processed.
  if (NEVER_SENT.test(cause)) return new ServiceError('graph.unreachable', `${operation}: no answer from Graph (${cause})`);
  return new ServiceError('graph.unavailable', `${operation}: the connection broke before Graph answered (${cause})`);
}

const NEVER_SENT = /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT)/;

/**
 * Microsoft documents no code for the anti-abuse block new tenants meet after bursts of invitations; its
 * message is the only sign, so this one branch reads the message.
 */
const ANTI_ABUSE = /suspicious activity/i;

/**
 * Graph documents no code for an invitation its tenant's policy refuses (tenant-policy.md §2–3: the
 * blocked-domain error is undocumented), so these read the message: a domain refused by the collaboration
 * restrictions, and the cross-tenant access block Microsoft words as "blocked by cross-tenant access settings".
 */
const CROSS_TENANT_BLOCK = /cross-tenant access/i;
const DOMAIN_BLOCK = /domain.*\b(blocked|not allowed|restrict)|\b(blocked|not allowed|restrict).*domain/i;

function signInFailure(error: unknown, operation: string): ServiceError | undefined {
  const text = collectMessages(error);
  const code = AADSTS.exec(text)?.[1];
  if (code === '7000215' || code === '7000222') return new ServiceError('signin.secret-rejected', `${operation}: AADSTS${code}`);
  if (code === '700016' || code === '90002') return new ServiceError('signin.app-not-found', `${operation}: AADSTS${code}`);
  if (code) return new ServiceError('signin.failed', `${operation}: AADSTS${code}`);
  if (/endpoints_resolution_error|CredentialUnavailableError|AuthenticationRequiredError/.test(text)) {
    // MSAL reports an unreachable or untrusted authority this way.
    return new ServiceError('graph.unreachable', `${operation}: sign-in endpoint unreachable`);
  }
  return undefined;
}

function fromGraphResponse(error: GraphError, operation: string): ServiceError {
  const detail = `${operation}: HTTP ${error.statusCode} ${error.code ?? ''} request-id ${error.requestId ?? 'none'}`.trim();
  const status = error.statusCode;
  if (status === 429) return new ServiceError('graph.throttled', detail, undefined, retryAfterSeconds(error));
  if (status === 503 || status === 504 || status === 502) return new ServiceError('graph.unavailable', detail);
  // The client already renewed its token and tried again (token-renewal.ts): this is the second refusal.
  if (status === 401) return new ServiceError('signin.token-refused', detail, error.message);
  if (status === 403) {
    if (ANTI_ABUSE.test(error.message)) return new ServiceError('graph.invitations-blocked', detail, error.message);
    if (error.code === 'Authorization_RequestDenied' || error.code === 'Unauthorized') {
      return new ServiceError('graph.permission-denied', detail, error.message);
    }
    return new ServiceError('graph.invitations-not-allowed', detail, error.message);
  }
  if (status === 400) {
    if (CROSS_TENANT_BLOCK.test(error.message)) return new ServiceError('graph.cross-tenant-blocked', detail, error.message);
    if (DOMAIN_BLOCK.test(error.message)) return new ServiceError('graph.domain-blocked', detail, error.message);
    return new ServiceError('graph.invitation-refused', detail, error.message);
  }
  return new ServiceError('graph.unexpected', detail);
}

/** Retry-After in seconds (Graph sends seconds, sometimes fractional; an HTTP date is allowed too). */
function retryAfterSeconds(error: GraphError): number | undefined {
  const value = error.headers?.get('Retry-After');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - Date.now()) / 1000);
}

function collectMessages(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    if (current instanceof Error) {
      parts.push(current.name, current.message);
      current = (current as Error & { cause?: unknown }).cause;
    } else {
      parts.push(typeof current === 'string' ? current : inspect(current));
      break;
    }
  }
  return parts.join(' ');
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: { code?: string; cause?: { code?: string } } }).cause;
    return cause?.code ?? cause?.cause?.code ?? error.name;
  }
  return typeof error;
}
