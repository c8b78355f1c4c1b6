/**
 * The Microsoft Graph client: the real SDK with its default middleware (auth, retry on 429/503/504 with
 * Retry-After, redirects), signed in with the real @azure/identity client-credentials flow. Both endpoints
 * come from configuration so the same code talks to Graph or to the local tenant simulator.
 */
import { ClientSecretCredential, type TokenCredential } from '@azure/identity';
import { Client } from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials/index.js';

export interface GraphConnection {
  readonly baseUrl: string;
  readonly authorityHost: string;
  readonly tenantId: string;
  readonly clientId: string;
  readonly clientSecret: string;
}

const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';
const GRAPH_CLOUD_HOSTS = new Set(['graph.microsoft.com', 'graph.microsoft.us', 'dod-graph.microsoft.us', 'microsoftgraph.chinacloudapi.cn']);

export function createCredential(connection: GraphConnection): TokenCredential {
  return new ClientSecretCredential(connection.tenantId, connection.clientId, connection.clientSecret, {
    authorityHost: connection.authorityHost,
    // Instance discovery calls the public cloud, which neither the simulator nor sovereign clouds need.
    disableInstanceDiscovery: !isMicrosoftAuthority(connection.authorityHost),
  });
}

export function createGraphClient(connection: GraphConnection, credential: TokenCredential = createCredential(connection)): Client {
  const host = new URL(connection.baseUrl).hostname;
  return Client.initWithMiddleware({
    authProvider: new TokenCredentialAuthenticationProvider(credential, { scopes: [GRAPH_SCOPE] }),
    baseUrl: connection.baseUrl,
    // The SDK attaches the token only to known Graph hosts or to these (hostname only: it ignores ports).
    ...(GRAPH_CLOUD_HOSTS.has(host) ? {} : { customHosts: new Set([host]) }),
  });
}

function isMicrosoftAuthority(authorityHost: string): boolean {
  return /^https:\/\/login\.(microsoftonline\.(com|us)|partner\.microsoftonline\.cn|chinacloudapi\.cn)\/?$/.test(authorityHost);
}
