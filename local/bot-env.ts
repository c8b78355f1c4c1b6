/**
 * The settings that point the bot at the local tenant simulator and Azurite: what `npm start` gives the
 * bot process, and what tests and benches start their bots with.
 */
import type { RunningAzurite } from './azurite.js';
import { localIdentities } from './local-identities.js';
import { ensureCertificate, type RunningSimulator } from './simulator/index.js';

export function localBotEnv(simulator: RunningSimulator, azurite: RunningAzurite): Record<string, string> {
  const { app } = localIdentities();
  return {
    // The Agents Playground sends no Bot Framework token: authentication off, asked for by name (the bot
    // then listens on 127.0.0.1 only).
    MicrosoftAppId: '',
    BOT_AUTHENTICATION: 'off',
    GRAPH_BASE_URL: simulator.url,
    ENTRA_AUTHORITY_HOST: simulator.url,
    GRAPH_TENANT_ID: simulator.tenantId,
    GRAPH_CLIENT_ID: app.clientId,
    GRAPH_CLIENT_SECRET: app.clientSecret,
    AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString,
    // Read by Node at process start only: a bot process needs it in its environment.
    NODE_EXTRA_CA_CERTS: ensureCertificate().certPath,
  };
}
