/**
 * /readyz's question: can this instance do its work? Storage answers a cheap table read and Graph gives a
 * token. The answer is kept a few seconds so frequent probes cost one check, and each part has a deadline so
 * a probe never hangs.
 */
import type { TokenCredential } from '@azure/identity';
import type { TableClient } from '@azure/data-tables';
import { GRAPH_SCOPE } from '../graph/client.js';
import type { Readiness } from './server.js';

export interface ReadinessProbe {
  /** Creates the bot's tables once (they are missing when storage was down at start). */
  readonly prepare: () => Promise<void>;
  /** A table the bot uses (read, never written). */
  readonly table: TableClient;
  readonly credential: TokenCredential;
  readonly timeoutMs: number;
  /** How long an answer is reused. */
  readonly cacheMs: number;
  readonly now?: () => number;
}

export function readinessCheck(probe: ReadinessProbe): () => Promise<Readiness> {
  const now = probe.now ?? Date.now;
  let cached: { readonly at: number; readonly answer: Promise<Readiness> } | undefined;
  return () => {
    if (!cached || now() - cached.at >= probe.cacheMs) cached = { at: now(), answer: check(probe) };
    return cached.answer;
  };
}

async function check(probe: ReadinessProbe): Promise<Readiness> {
  const [storage, graph] = await Promise.all([
    verdict(probe.timeoutMs, async () => {
      await probe.prepare();
      await probe.table.listEntities({ queryOptions: { filter: "PartitionKey eq 'readiness-probe'" } }).byPage({ maxPageSize: 1 }).next();
    }),
    verdict(probe.timeoutMs, async () => {
      const token = await probe.credential.getToken(GRAPH_SCOPE);
      if (!token?.token) throw new Error('no token');
    }),
  ]);
  return { ready: storage === 'ok' && graph === 'ok', checks: { storage, graph } };
}

/** 'ok', or what failed in one line (no token, no secret: error messages from the SDKs carry neither). */
async function verdict(timeoutMs: number, attempt: () => Promise<void>): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      attempt(),
      new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs);
      }),
    ]);
    return 'ok';
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return `failing: ${message.split('\n')[0]?.slice(0, 300) ?? 'unknown error'}`;
  } finally {
    clearTimeout(timer);
  }
}
