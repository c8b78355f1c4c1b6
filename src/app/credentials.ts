/**
 * The one place that builds the bot's Azure credentials: Graph's (secret, certificate, or the managed
 * identity as a federated credential of the app registration) and storage's (a connection string, or the
 * managed identity; `az login` and the other developer sign-ins when no managed identity is named).
 */
import { DefaultAzureCredential, ManagedIdentityCredential, type TokenCredential } from '@azure/identity';
import { createCredential } from '../graph/client.js';
import type { StorageAccount } from '../storage/tables.js';
import type { GraphSettings, StorageSettings } from './config.js';

/** The user-assigned managed identity, or the developer's own sign-in (az login, VS Code, env) without one. */
function azureIdentity(managedIdentityClientId: string | undefined): TokenCredential {
  return managedIdentityClientId ? new ManagedIdentityCredential({ clientId: managedIdentityClientId }) : new DefaultAzureCredential();
}

/** `managedIdentity` replaces the hosting environment's managed identity (tests). */
export function graphCredential(graph: GraphSettings, managedIdentity?: TokenCredential): TokenCredential {
  if (graph.credential.kind !== 'managed-identity') return createCredential(graph);
  return createCredential(graph, managedIdentity ?? azureIdentity(graph.credential.managedIdentityClientId));
}

export function storageAccount(storage: StorageSettings): StorageAccount {
  if (storage.kind === 'connection-string') return storage;
  return { kind: 'endpoints', tableUrl: storage.tableUrl, queueUrl: storage.queueUrl, credential: azureIdentity(storage.managedIdentityClientId) };
}
