/** What to do about a Graph call that failed, in the doctor's words. */
import { GraphError } from '@microsoft/microsoft-graph-client';
import { toServiceError } from '../../graph/errors.js';
import type { Config } from '../config.js';
import { TimeoutError } from './result.js';

export function graphAdvice(error: unknown, operation: string, permission: string, config: Config): string {
  if (error instanceof TimeoutError) return `${error.message}. Check GRAPH_BASE_URL (${config.graph.baseUrl}), proxy and firewall.`;
  const failure = toServiceError(error, operation);
  const graphCode = error instanceof GraphError && error.code ? ` ${error.code}` : '';
  switch (failure.code) {
    case 'graph.permission-denied':
    case 'graph.invitations-not-allowed':
      return `Graph refused ${operation} (HTTP 403${graphCode}): app ${config.graph.clientId} needs the Microsoft Graph application permission ${permission} with admin consent.`;
    case 'graph.unreachable':
    case 'graph.unavailable':
      return `${operation}: Graph at ${config.graph.baseUrl} could not be reached (${failure.detail.replace(`${operation}: `, '')}). Check GRAPH_BASE_URL (https://graph.microsoft.com for the public cloud), DNS, proxy and firewall.`;
    case 'signin.secret-rejected':
    case 'signin.app-not-found':
    case 'signin.failed':
    case 'signin.token-refused':
      return `${operation}: the sign-in failed (${failure.detail.replace(`${operation}: `, '')}); see the Sign-in check.`;
    case 'graph.throttled':
      return `${operation}: Graph is throttling this app (HTTP 429); run the doctor again in a minute.`;
    default:
      return `${operation}: Graph answered ${failure.detail.replace(`${operation}: `, '')}. Check GRAPH_BASE_URL and try again.`;
  }
}
