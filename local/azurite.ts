/**
 * Azurite's Table service, in this process, in memory, on a free port: the same @azure/data-tables
 * code path as production, with no account and nothing left on disk.
 */
import { createRequire } from 'node:module';

/** Azurite's published development account; not a secret. */
const DEV_ACCOUNT = 'devstoreaccount1';
const DEV_ACCOUNT_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

interface AzuriteServer {
  start(): Promise<void>;
  close(): Promise<void>;
  getHttpServerAddress(): string;
}
type AzuriteServerClass = new (configuration: unknown) => AzuriteServer;
type TableConfigurationClass = new (...settings: unknown[]) => unknown;

export interface RunningAzurite {
  readonly connectionString: string;
  readonly tableEndpoint: string;
  close(): Promise<void>;
}

export async function startAzurite(options: { tablePort?: number } = {}): Promise<RunningAzurite> {
  // Azurite's package entry is its VS Code extension; its servers are reached by their deep CommonJS paths.
  const require = createRequire(import.meta.url);
  const TableServer = (require('azurite/dist/src/table/TableServer') as { default: AzuriteServerClass }).default;
  const TableConfiguration = (require('azurite/dist/src/table/TableConfiguration') as { default: TableConfigurationClass }).default;

  // Positional: host, port, keepAlive, dbPath, debugLog, accessLog, accessLogStream, debugLogPath, loose,
  // skipApiVersionCheck, cert, key, pwd, oauth, disableProductStyleUrl, isMemoryPersistence.
  const configuration = new TableConfiguration(
    '127.0.0.1', options.tablePort ?? 0, undefined, undefined, false, false, undefined, undefined, false, true, '', '', '', undefined, false, true,
  );
  const server = new TableServer(configuration);
  await server.start();
  const tableEndpoint = `${server.getHttpServerAddress()}/${DEV_ACCOUNT}`;
  return {
    connectionString: `DefaultEndpointsProtocol=http;AccountName=${DEV_ACCOUNT};AccountKey=${DEV_ACCOUNT_KEY};TableEndpoint=${tableEndpoint};`,
    tableEndpoint,
    close: () => server.close(),
  };
}
