/**
 * Translates what the Graph SDK and @azure/identity throw into the domain's ServiceError catalogue.
 * Branches on status codes, Graph error codes and AADSTS numbers, never on English message text alone.
 */
import { GraphError } from '@microsoft/microsoft-graph-client';
import { ServiceError } from '../domain/errors.js';

const AADSTS = /AADSTS(\d{5,7})/;

export function toServiceError(error: unknown, operation: string): ServiceError {
  if (error instanceof ServiceError) return error;
  const signIn = signInFailure(error, operation);
  if (signIn) return signIn;
  if (error instanceof GraphError && error.statusCode > 0) return fromGraphResponse(error, operation);
  return new ServiceError('graph.unreachable', `${operation}: no answer from Graph (${describe(error)})`);
}

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
  if (status === 429) return new ServiceError('graph.throttled', detail);
  if (status === 503 || status === 504 || status === 502) return new ServiceError('graph.unavailable', detail);
  if (status === 401) return new ServiceError('signin.failed', detail);
  if (status === 403) {
    if (error.code === 'Authorization_RequestDenied' || error.code === 'Unauthorized') {
      return new ServiceError('graph.permission-denied', detail, error.message);
    }
    return new ServiceError('graph.invitations-not-allowed', detail, error.message);
  }
  if (status === 400) return new ServiceError('graph.invitation-refused', detail, error.message);
  return new ServiceError('graph.unexpected', detail);
}

function collectMessages(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    if (current instanceof Error) {
      parts.push(current.name, current.message);
      current = (current as Error & { cause?: unknown }).cause;
    } else {
      parts.push(String(current));
      break;
    }
  }
  return parts.join(' ');
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: { code?: string } }).cause;
    return cause?.code ?? error.name;
  }
  return typeof error;
}
