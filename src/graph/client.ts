/**
 * The Microsoft Graph client: the real SDK with its default middleware (auth, retry on 429/503/504 with
 * Retry-After, redirects) plus one retry with a fresh token after a 401 (token-renewal.ts), signed in through @azure/identity with whichever credential is configured. Both
 * endpoints come from configuration so the same code talks to Graph or to the local tenant simulator.
 */
import { ClientAssertionCredential, ClientCertificateCredential, ClientSecretCredential, type TokenCredential } from '@azure/identity';
import { Client, MiddlewareFactory } from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials/index.js';
import { keptToken } from './kept-token.js';
import { TokenRenewalHandler } from './token-renewal.js';

/**
 * How the bot signs in to Graph as its app registration: a client secret, a certificate (a PEM file with the
 * certificate and its private key), or a managed identity that is a federated credential of the app
 * registration (no secret anywhere).
 */
export type GraphCredentialSetting =
  | { readonly kind: 'secret'; readonly secret: string }
  | { readonly kind: 'certificate'; readonly certificatePath: string }
  | { readonly kind: 'managed-identity'; readonly managedIdentityClientId: string };

export interface GraphConnection {
  readonly baseUrl: string;
  readonly authorityHost: string;
  readonly tenantId: string;
  readonly clientId: string;
  readonly credential: GraphCredentialSetting;
}

export const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';
/** The audience Entra expects of a managed identity's token used as a federated client assertion. */
const TOKEN_EXCHANGE_SCOPE = 'api://AzureADTokenExchange/.default';
const GRAPH_CLOUD_HOSTS = new Set(['graph.microsoft.com', 'graph.microsoft.us', 'dod-graph.microsoft.us', 'microsoftgraph.chinacloudapi.cn']);

/**
 * The app registration's credential. `managedIdentity` is the identity whose token is the client assertion
 * in managed-identity mode (built by the caller, which knows the hosting environment).
 */
export function createCredential(connection: GraphConnection, managedIdentity?: TokenCredential): TokenCredential {
  const options = {
    authorityHost: connection.authorityHost,
    // Instance discovery calls the public cloud, which neither the simulator nor sovereign clouds need.
    disableInstanceDiscovery: !isMicrosoftAuthority(connection.authorityHost),
  };
  const { tenantId, clientId, credential } = connection;
  switch (credential.kind) {
    case 'secret':
      return new ClientSecretCredential(tenantId, clientId, credential.secret, options);
    case 'certificate':
      return new ClientCertificateCredential(tenantId, clientId, { certificatePath: credential.certificatePath }, options);
    case 'managed-identity': {
      if (!managedIdentity) throw new Error('a managed-identity Graph credential needs the managed identity that signs its assertions');
      return new ClientAssertionCredential(
        tenantId,
        clientId,
        async () => {
          const token = await managedIdentity.getToken(TOKEN_EXCHANGE_SCOPE);
          if (!token?.token) throw new Error(`the managed identity ${credential.managedIdentityClientId} gave no token for ${TOKEN_EXCHANGE_SCOPE}`);
          return token.token;
        },
        options,
      );
    }
  }
}

export function createGraphClient(baseUrl: string, credential: TokenCredential): Client {
  const host = new URL(baseUrl).hostname;
  const token = keptToken(credential);
  const middleware = MiddlewareFactory.getDefaultMiddlewareChain(new TokenCredentialAuthenticationProvider(token, { scopes: [GRAPH_SCOPE] }));
  // Right after the AuthenticationHandler (first in the chain), so the request sent again carries the fresh token.
  middleware.splice(1, 0, new TokenRenewalHandler(token, [GRAPH_SCOPE]));
  return Client.initWithMiddleware({
    middleware,
    baseUrl,
    // The SDK attaches the token only to known Graph hosts or to these (hostname only: it ignores ports).
    ...(GRAPH_CLOUD_HOSTS.has(host) ? {} : { customHosts: new Set([host]) }),
  });
}

function isMicrosoftAuthority(authorityHost: string): boolean {
  return /^https:\/\/login\.(microsoftonline\.(com|us)|partner\.microsoftonline\.cn|chinacloudapi\.cn)\/?$/.test(authorityHost);
}
