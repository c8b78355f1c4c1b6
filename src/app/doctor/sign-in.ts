/** Check 1: the app registration can get a token for Microsoft Graph (client credentials). */
import type { TokenCredential } from '@azure/identity';
import type { ServiceError } from '../../domain/errors.js';
import { toServiceError } from '../../graph/errors.js';
import type { Config } from '../config.js';
import { fail, pass, withTimeout, type CheckResult } from './result.js';

import { GRAPH_SCOPE } from '../../graph/client.js';

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
      result: pass(NAME, `app ${graph.clientId} got a token for ${GRAPH_SCOPE} from ${graph.authorityHost} (tenant ${graph.tenantId}) with its ${credentialName(graph)}`),
      accessToken: token.token,
    };
  } catch (error) {
    return { result: fail(NAME, signInAdvice(toServiceError(error, 'sign in'), graph)) };
  }
}

function credentialName(graph: Config['graph']): string {
  switch (graph.credential.kind) {
    case 'secret':
      return 'client secret (GRAPH_CLIENT_SECRET)';
    case 'certificate':
      return `certificate (${graph.credential.certificatePath})`;
    case 'managed-identity':
      return `managed identity ${graph.credential.managedIdentityClientId} as a federated credential`;
  }
}

/** The setting that holds the credential, for advice that names what to change. */
function credentialSettings(graph: Config['graph']): string {
  return { secret: 'GRAPH_CLIENT_SECRET', certificate: 'GRAPH_CLIENT_CERTIFICATE_PATH', 'managed-identity': 'AZURE_CLIENT_ID' }[graph.credential.kind];
}

function signInAdvice(error: ServiceError, graph: Config['graph']): string {
  const code = /AADSTS\d+/.exec(error.detail)?.[0];
  switch (code) {
    case 'AADSTS700027':
      return `${code}: Entra refused the certificate of app ${graph.clientId}: it is not registered on that app registration (or the PEM's key is not the certificate's). Upload the certificate in ${credentialSettings(graph)} (public part, .cer/.pem) under Certificates & secrets of the app registration.`;
    case 'AADSTS700024':
      return `${code}: the signed client assertion is outside its valid time range. Check this machine's clock (NTP).`;
    case 'AADSTS700023':
      return `${code}: the client assertion's audience is not this tenant's token endpoint. Check ENTRA_AUTHORITY_HOST and GRAPH_TENANT_ID.`;
    case 'AADSTS70021':
    case 'AADSTS700213':
      return `${code}: app ${graph.clientId} has no federated credential matching the managed identity${graph.credential.kind === 'managed-identity' ? ` ${graph.credential.managedIdentityClientId}` : ''}. Add one under Certificates & secrets → Federated credentials: issuer https://login.microsoftonline.com/${graph.tenantId}/v2.0, subject the managed identity's object (principal) id, audience api://AzureADTokenExchange.`;
  }
  if (graph.credential.kind === 'managed-identity' && /ManagedIdentity|CredentialUnavailable|IDENTITY_ENDPOINT|IMDS/i.test(error.detail)) {
    return `the managed identity ${graph.credential.managedIdentityClientId} gave no token (${error.detail}). Attach that user-assigned identity to the app (App Service or Container App → Identity) and set AZURE_CLIENT_ID to its client id; off Azure, use GRAPH_CREDENTIAL=certificate or secret.`;
  }
  if (graph.credential.kind === 'certificate' && /ENOENT|EACCES|certificate|PEM|private key/i.test(error.detail)) {
    return `the certificate at ${graph.credential.certificatePath} could not be used (${error.detail}). GRAPH_CLIENT_CERTIFICATE_PATH must be a PEM file holding the certificate and its unencrypted private key.`;
  }
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
        ? `Entra refused the sign-in with ${code}. Look it up at https://login.microsoftonline.com/error?code=${code.slice(6)} and check GRAPH_TENANT_ID, GRAPH_CLIENT_ID and ${credentialSettings(graph)}.`
        : `the sign-in failed (${error.detail}). Check ENTRA_AUTHORITY_HOST, GRAPH_TENANT_ID, GRAPH_CLIENT_ID and ${credentialSettings(graph)}.`;
  }
}
