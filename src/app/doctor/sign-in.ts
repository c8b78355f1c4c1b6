/** Check 1: the app registration can get a token for Microsoft Graph (client credentials). */
import type { TokenCredential } from '@azure/identity';
import type { ServiceError } from '../../domain/errors.js';
import { toServiceError } from '../../graph/errors.js';
import type { Config } from '../config.js';
import { fail, pass, withTimeout, type CheckResult } from './result.js';

export const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';
const NAME = 'Sign-in';

export interface SignIn {
  readonly result: CheckResult;
  /** The access token, for the permissions check only: never printed. */
  readonly accessToken?: string;
}

export async function checkSignIn(credential: TokenCredential, graph: Config['graph'], timeoutSeconds: number): Promise<SignIn> {
  try {
    const token = await withTimeout(credential.getToken(GRAPH_SCOPE), timeoutSeconds, `the sign-in endpoint ${graph.authorityHost}`);
    if (!token?.token) return { result: fail(NAME, `${graph.authorityHost} gave no token for ${GRAPH_SCOPE}; check ENTRA_AUTHORITY_HOST`) };
    return {
      result: pass(NAME, `app ${graph.clientId} got a token for ${GRAPH_SCOPE} from ${graph.authorityHost} (tenant ${graph.tenantId})`),
      accessToken: token.token,
    };
  } catch (error) {
    return { result: fail(NAME, signInAdvice(toServiceError(error, 'sign in'), graph)) };
  }
}

function signInAdvice(error: ServiceError, graph: Config['graph']): string {
  const code = /AADSTS\d+/.exec(error.detail)?.[0];
  switch (error.code) {
    case 'signin.secret-rejected':
      return code === 'AADSTS7000222'
        ? `${code}: the client secret of app ${graph.clientId} has expired. Create a new client secret on that app registration and set GRAPH_CLIENT_SECRET to its value.`
        : `${code ?? 'AADSTS7000215'}: Entra refused the client secret of app ${graph.clientId} (wrong or not this app's). Set GRAPH_CLIENT_SECRET to the secret's Value (not its Secret ID), or create a new client secret on that app registration.`;
    case 'signin.app-not-found':
      return code === 'AADSTS90002'
        ? `${code}: tenant ${graph.tenantId} was not found. Set GRAPH_TENANT_ID to the Directory (tenant) ID of your Entra tenant.`
        : `${code ?? 'AADSTS700016'}: no app registration with client id ${graph.clientId} in tenant ${graph.tenantId}. Set GRAPH_CLIENT_ID to the app registration's Application (client) ID, and GRAPH_TENANT_ID to the tenant it was registered in.`;
    case 'graph.unreachable':
    case 'graph.unavailable':
      return `the sign-in endpoint ${graph.authorityHost} could not be reached${error.code === 'graph.unavailable' ? ` (${error.detail.replace(/^sign in: /, '')})` : ''}. Check ENTRA_AUTHORITY_HOST (https://login.microsoftonline.com for the public cloud), DNS, proxy and firewall; a private certificate needs NODE_EXTRA_CA_CERTS.`;
    default:
      return code
        ? `Entra refused the sign-in with ${code}. Look it up at https://login.microsoftonline.com/error?code=${code.slice(6)} and check GRAPH_TENANT_ID, GRAPH_CLIENT_ID and GRAPH_CLIENT_SECRET.`
        : `the sign-in failed (${error.detail}). Check ENTRA_AUTHORITY_HOST, GRAPH_TENANT_ID, GRAPH_CLIENT_ID and GRAPH_CLIENT_SECRET.`;
  }
}
