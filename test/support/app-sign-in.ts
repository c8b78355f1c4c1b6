/** The bot's Graph sign-in as a secret-holding app registration of the simulator's tenant (tests and benches). */
import type { Client } from '@microsoft/microsoft-graph-client';
import type { TokenCredential } from '@azure/identity';
import { createCredential, createGraphClient, type GraphConnection } from '../../src/graph/client.js';

export interface SecretApp {
  readonly clientId: string;
  readonly clientSecret: string;
}

function secretConnection(simulator: { readonly url: string; readonly tenantId: string }, app: SecretApp): GraphConnection {
  return { baseUrl: simulator.url, authorityHost: simulator.url, tenantId: simulator.tenantId, clientId: app.clientId, credential: { kind: 'secret', secret: app.clientSecret } };
}

/** A fresh credential each call: a second getToken on one credential is served from MSAL's cache. */
export function secretCredential(simulator: { readonly url: string; readonly tenantId: string }, app: SecretApp): TokenCredential {
  return createCredential(secretConnection(simulator, app));
}

export function secretGraphClient(simulator: { readonly url: string; readonly tenantId: string }, app: SecretApp): Client {
  return createGraphClient(simulator.url, secretCredential(simulator, app));
}
