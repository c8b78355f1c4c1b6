/** Opens the bot's tables on the configured storage account (a real account, or Azurite locally). */
import { TableClient } from '@azure/data-tables';
import type { TokenCredential } from '@azure/identity';
import { isStatus, toStorageError } from './table-errors.js';

export const TABLE_NAMES = { invitations: 'invitations', batches: 'batches', outcomes: 'batchoutcomes', quotas: 'quotas', audit: 'audit', tracker: 'tracker', settings: 'settings', cards: 'batchcards', guestLifecycle: 'guestlifecycle' } as const;

export type Tables = { readonly [name in keyof typeof TABLE_NAMES]: TableClient };

/**
 * Where the bot keeps its data: a connection string (Azurite, local runs), or the account's table and queue
 * endpoints reached with an Entra credential (a managed identity in Azure: no key anywhere).
 */
export type StorageAccount =
  | { readonly kind: 'connection-string'; readonly connectionString: string }
  | { readonly kind: 'endpoints'; readonly tableUrl: string; readonly queueUrl: string; readonly credential: TokenCredential };

/** `maxRetries` shortens the SDK's retries, for a check that must answer quickly (npm run doctor, /readyz). */
export function openTables(account: StorageAccount, retry: { readonly maxRetries?: number } = {}): Tables {
  const retryOptions = retry.maxRetries === undefined ? {} : { retryOptions: { maxRetries: retry.maxRetries } };
  const open = (name: string) => {
    if (account.kind === 'endpoints') {
      return new TableClient(account.tableUrl, name, account.credential, retryOptions);
    }
    // Azurite and local emulators speak plain http; real accounts are https.
    const allowInsecureConnection = /UseDevelopmentStorage=true|Endpoint=http:\/\//i.test(account.connectionString);
    return TableClient.fromConnectionString(account.connectionString, name, { allowInsecureConnection, ...retryOptions });
  };
  return {
    invitations: open(TABLE_NAMES.invitations),
    batches: open(TABLE_NAMES.batches),
    outcomes: open(TABLE_NAMES.outcomes),
    quotas: open(TABLE_NAMES.quotas),
    audit: open(TABLE_NAMES.audit),
    tracker: open(TABLE_NAMES.tracker),
    settings: open(TABLE_NAMES.settings),
    cards: open(TABLE_NAMES.cards),
    guestLifecycle: open(TABLE_NAMES.guestLifecycle),
  };
}

/** Creates the tables when missing. Idempotent; safe for several instances starting together. */
export async function ensureTables(tables: Tables): Promise<void> {
  for (const table of Object.values(tables)) {
    try {
      await table.createTable();
    } catch (error) {
      if (!isStatus(error, 409)) throw toStorageError(error, `create table ${table.tableName}`);
    }
  }
}

/**
 * The bot starts even when storage is down (so it can say so in chat); the tables are then created on first
 * use. Remembers only success, so each later call tries again until storage answers.
 */
export function tableGuard(tables: Tables): () => Promise<void> {
  let ready: Promise<void> | undefined;
  return () => {
    ready ??= ensureTables(tables).catch((error: unknown) => {
      ready = undefined;
      throw error;
    });
    return ready;
  };
}
