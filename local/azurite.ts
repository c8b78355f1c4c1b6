/**
 * Azurite's Table and Queue services, in memory, on free ports, in a child process (local/azurite-server.ts
 * says why): the same @azure/data-tables and @azure/storage-queue code paths as production, with no account
 * and nothing on disk.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { stopProcess, waitForOutput } from './processes.js';

/** Azurite's published development account; not a secret. */
const DEV_ACCOUNT = 'devstoreaccount1';
const DEV_ACCOUNT_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

const SERVER = fileURLToPath(new URL('./azurite-server.ts', import.meta.url));

export interface RunningAzurite {
  readonly connectionString: string;
  readonly tableEndpoint: string;
  readonly queueEndpoint: string;
  close(): Promise<void>;
}

export async function startAzurite(): Promise<RunningAzurite> {
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER], { stdio: ['ignore', 'pipe', 'pipe'] });
  const line = await waitForOutput(child, /^\{"table":/, 30_000, 'Azurite');
  const { table, queue } = JSON.parse(line) as { table: string; queue: string };
  const tableEndpoint = `${table}/${DEV_ACCOUNT}`;
  const queueEndpoint = `${queue}/${DEV_ACCOUNT}`;
  return {
    connectionString: `DefaultEndpointsProtocol=http;AccountName=${DEV_ACCOUNT};AccountKey=${DEV_ACCOUNT_KEY};TableEndpoint=${tableEndpoint};QueueEndpoint=${queueEndpoint};`,
    tableEndpoint,
    queueEndpoint,
    close: () => stopProcess(child),
  };
}
