/**
 * Azurite's Table and Queue services in memory on free ports, in this process. Run as its own process by
 * local/azurite.ts: Azurite is an Express app, and restify (the bot) replaces IncomingMessage.prototype.query
 * for every server in a process, which makes Azurite lose query parameters (popreceipt, visibilitytimeout).
 * Prints one JSON line with the endpoints when ready; SIGTERM stops it.
 */
import { createRequire } from 'node:module';

interface AzuriteServer {
  start(): Promise<void>;
  close(): Promise<void>;
  getHttpServerAddress(): string;
}
type AzuriteServerClass = new (configuration: unknown) => AzuriteServer;
type ConfigurationClass = new (...settings: unknown[]) => unknown;

// Azurite's package entry is its VS Code extension; its servers are reached by their deep CommonJS paths.
const require = createRequire(import.meta.url);
const load = <T>(path: string) => (require(`azurite/dist/src/${path}`) as { default: T }).default;
const TableServer = load<AzuriteServerClass>('table/TableServer');
const TableConfiguration = load<ConfigurationClass>('table/TableConfiguration');
const QueueServer = load<AzuriteServerClass>('queue/QueueServer');
const QueueConfiguration = load<ConfigurationClass>('queue/QueueConfiguration');

// Positional: host, port, keepAlive, dbPath, debugLog, accessLog, accessLogStream, debugLogPath, loose,
// skipApiVersionCheck, cert, key, pwd, oauth, disableProductStyleUrl, isMemoryPersistence.
const tables = new TableServer(
  new TableConfiguration('127.0.0.1', 0, undefined, undefined, false, false, undefined, undefined, false, true, '', '', '', undefined, false, true),
);
// Positional: host, port, keepAlive, metadataDBPath, extentDBPath, persistencePaths, accessLog, accessLogStream,
// debugLog, debugLogPath, loose, skipApiVersionCheck, cert, key, pwd, oauth, disableProductStyleUrl,
// isMemoryPersistence. skipApiVersionCheck: @azure/storage-queue speaks a newer API version than Azurite knows.
const queues = new QueueServer(
  new QueueConfiguration('127.0.0.1', 0, undefined, undefined, undefined, undefined, false, undefined, false, undefined, false, true, '', '', '', undefined, false, true),
);
await Promise.all([tables.start(), queues.start()]);
process.stdout.write(`${JSON.stringify({ table: tables.getHttpServerAddress(), queue: queues.getHttpServerAddress() })}\n`);

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => void Promise.all([tables.close(), queues.close()]).finally(() => process.exit(0)));
}
