/** Check 5: the connection string reaches Table Storage and Queue Storage; the bot's tables and queues exist afterwards. */
import { QueueServiceClient } from '@azure/storage-queue';
import { isServiceError } from '../../domain/errors.js';
import { QUEUE_NAMES } from '../../storage/queue-work.js';
import { toStorageError } from '../../storage/table-errors.js';
import { ensureTables, openTables, TABLE_NAMES, type Tables } from '../../storage/tables.js';
import { fail, pass, TimeoutError, withTimeout, type CheckResult } from './result.js';

/** One retry at most: the doctor should say "unreachable" in seconds, not after the SDK's long back-off. */
const RETRIES = 1;

export async function checkStorage(connectionString: string, timeoutSeconds: number): Promise<CheckResult[]> {
  return Promise.all([checkTables(connectionString, timeoutSeconds), checkQueues(connectionString, timeoutSeconds)]);
}

async function checkTables(connectionString: string, timeoutSeconds: number): Promise<CheckResult> {
  const name = 'Table storage';
  let tables: Tables;
  try {
    tables = openTables(connectionString, { maxRetries: RETRIES });
  } catch {
    return fail(name, unparsable);
  }
  const endpoint = where(tables.invitations.url);
  try {
    await withTimeout(ensureTables(tables), timeoutSeconds, `Table Storage at ${endpoint}`);
  } catch (error) {
    return fail(name, storageAdvice(error, 'Table', endpoint));
  }
  return pass(name, `${endpoint}: tables ${Object.values(TABLE_NAMES).join(', ')} ready (created where missing)`);
}

async function checkQueues(connectionString: string, timeoutSeconds: number): Promise<CheckResult> {
  const name = 'Queue storage';
  let service: QueueServiceClient;
  try {
    service = QueueServiceClient.fromConnectionString(connectionString, { retryOptions: { maxTries: RETRIES + 1 } });
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
    return fail(name, storageAdvice(error, 'Queue', endpoint));
  }
  return pass(name, `${endpoint}: queues ${Object.values(QUEUE_NAMES).join(', ')} ready (created where missing)`);
}

const unparsable =
  'AZURE_STORAGE_CONNECTION_STRING could not be read as a storage connection string. Copy the connection string from the storage account’s access keys (DefaultEndpointsProtocol=https;AccountName=…;AccountKey=…;EndpointSuffix=core.windows.net).';

function storageAdvice(error: unknown, service: 'Table' | 'Queue', endpoint: string): string {
  if (error instanceof TimeoutError) return `${error.message}. Check the account name and endpoints in AZURE_STORAGE_CONNECTION_STRING, DNS, proxy and the account's network rules.`;
  if (isServiceError(error) && error.code === 'storage.unreachable') {
    return `${service} Storage at ${endpoint} could not be reached (${error.detail.replace(/^[^:]*: /, '')}). Check the account name and endpoints in AZURE_STORAGE_CONNECTION_STRING, DNS, proxy and the account's network rules.`;
  }
  const detail = error instanceof Error ? (isServiceError(error) ? error.detail : error.message.split('\n')[0] ?? error.name) : String(error);
  if (/\b403\b|AuthorizationFailure|AuthenticationFailed/i.test(detail)) {
    return `${service} Storage at ${endpoint} refused the connection string (${detail}). Copy a current access key's connection string into AZURE_STORAGE_CONNECTION_STRING, and check the account's network rules.`;
  }
  return `${service} Storage at ${endpoint} answered with an error (${detail}). Check AZURE_STORAGE_CONNECTION_STRING.`;
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
