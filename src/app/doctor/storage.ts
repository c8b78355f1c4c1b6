/**
 * Check 5: the connection string, or the endpoints with the managed identity (or az login), reach Table Storage
 * and Queue Storage; the bot's tables and queues exist afterwards.
 */
import type { QueueServiceClient } from '@azure/storage-queue';
import { isServiceError } from '../../domain/errors.js';
import { QUEUE_NAMES, queueService } from '../../storage/queue-work.js';
import { toStorageError } from '../../storage/table-errors.js';
import { ensureTables, openTables, TABLE_NAMES, type StorageAccount, type Tables } from '../../storage/tables.js';
import { fail, pass, TimeoutError, withTimeout, type CheckResult } from './result.js';

/** One retry at most: the doctor should say "unreachable" in seconds, not after the SDK's long back-off. */
const RETRIES = 1;

export async function checkStorage(account: StorageAccount, timeoutSeconds: number): Promise<CheckResult[]> {
  return Promise.all([checkTables(account, timeoutSeconds), checkQueues(account, timeoutSeconds)]);
}

/** How the bot reaches storage, for the line that says it worked and the advice when it did not. */
function access(account: StorageAccount): { readonly how: string; readonly setting: string } {
  return account.kind === 'connection-string'
    ? { how: 'connection string', setting: 'AZURE_STORAGE_CONNECTION_STRING' }
    : { how: 'managed identity (AZURE_CLIENT_ID; az login without it)', setting: 'AZURE_STORAGE_TABLE_URL and AZURE_STORAGE_QUEUE_URL' };
}

async function checkTables(account: StorageAccount, timeoutSeconds: number): Promise<CheckResult> {
  const name = 'Table storage';
  let tables: Tables;
  try {
    tables = openTables(account, { maxRetries: RETRIES });
  } catch {
    return fail(name, unparsable);
  }
  const endpoint = where(tables.invitations.url);
  try {
    await withTimeout(ensureTables(tables), timeoutSeconds, `Table Storage at ${endpoint}`);
  } catch (error) {
    return fail(name, storageAdvice(error, 'Table', endpoint, account));
  }
  return pass(name, `${endpoint} by ${access(account).how}: tables ${Object.values(TABLE_NAMES).join(', ')} ready (created where missing)`);
}

async function checkQueues(account: StorageAccount, timeoutSeconds: number): Promise<CheckResult> {
  const name = 'Queue storage';
  let service: QueueServiceClient;
  try {
    service = queueService(account, { retryOptions: { maxTries: RETRIES + 1 } });
  } catch {
    return fail(name, unparsable);
  }
  const endpoint = where(service.url);
  try {
    await withTimeout(
      Promise.all(Object.values(QUEUE_NAMES).map((queue) => service.getQueueClient(queue).createIfNotExists())).catch((error: unknown) => {
        throw toStorageError(error, 'create the invitation queues');
      }),
      timeoutSeconds,
      `Queue Storage at ${endpoint}`,
    );
  } catch (error) {
    return fail(name, storageAdvice(error, 'Queue', endpoint, account));
  }
  return pass(name, `${endpoint} by ${access(account).how}: queues ${Object.values(QUEUE_NAMES).join(', ')} ready (created where missing)`);
}

const unparsable =
  'AZURE_STORAGE_CONNECTION_STRING could not be read as a storage connection string. Copy the connection string from the storage account’s access keys (DefaultEndpointsProtocol=https;AccountName=…;AccountKey=…;EndpointSuffix=core.windows.net).';

function storageAdvice(error: unknown, service: 'Table' | 'Queue', endpoint: string, account: StorageAccount): string {
  const { setting } = access(account);
  if (error instanceof TimeoutError) return `${error.message}. Check the account name and endpoints in ${setting}, DNS, proxy and the account's network rules.`;
  if (isServiceError(error) && error.code === 'storage.signin-failed') {
    return `${service} Storage at ${endpoint}: no token for storage (${error.detail.replace(/^[^:]*: /, '')}). In Azure, set AZURE_CLIENT_ID to the client id of the user-assigned managed identity attached to the app; on a developer machine run az login.`;
  }
  if (isServiceError(error) && error.code === 'storage.unreachable') {
    return `${service} Storage at ${endpoint} could not be reached (${error.detail.replace(/^[^:]*: /, '')}). Check the account name and endpoints in ${setting}, DNS, proxy and the account's network rules.`;
  }
  const detail = error instanceof Error ? (isServiceError(error) ? error.detail : error.message.split('\n')[0] ?? error.name) : String(error);
  if (/\b403\b|AuthorizationFailure|AuthenticationFailed|AuthorizationPermissionMismatch/i.test(detail)) {
    return account.kind === 'connection-string'
      ? `${service} Storage at ${endpoint} refused the connection string (${detail}). Copy a current access key's connection string into AZURE_STORAGE_CONNECTION_STRING, and check the account's network rules.`
      : `${service} Storage at ${endpoint} refused the managed identity (${detail}). Give it the role Storage ${service} Data Contributor on the account (role changes take a few minutes), and check the account's network rules.`;
  }
  return `${service} Storage at ${endpoint} answered with an error (${detail}). Check ${setting}.`;
}

/** The endpoint without any query string (a SAS token lives there). */
function where(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`.replace(/\/+$/, '');
  } catch {
    return '(the configured endpoint)';
  }
}
