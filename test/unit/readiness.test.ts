import type { TableClient } from '@azure/data-tables';
import type { TokenCredential } from '@azure/identity';
import { describe, expect, it } from 'vitest';
import { readinessCheck } from '../../src/app/readiness.js';

/** A table whose one-entity read succeeds, fails or never answers, counting the reads. */
function table(behaviour: 'ok' | 'fail' | 'hang') {
  const state = { reads: 0 };
  const client = {
    listEntities: () => ({
      byPage: () => ({
        next: () => {
          state.reads++;
          if (behaviour === 'fail') return Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:9'));
          if (behaviour === 'hang') return new Promise(() => undefined);
          return Promise.resolve({ done: false, value: [] });
        },
      }),
    }),
  } as unknown as TableClient;
  return { client, state };
}

const credential = (ok: boolean): TokenCredential => ({
  getToken: async () => {
    if (!ok) throw new Error('AADSTS7000215: Invalid client secret provided.');
    return { token: 'token', expiresOnTimestamp: Date.now() + 3_600_000 };
  },
});

describe('readinessCheck', () => {
  it('is ready when storage and Graph answer, and reuses its answer for cacheMs', async () => {
    let now = 0;
    const storage = table('ok');
    const check = readinessCheck({ prepare: async () => undefined, table: storage.client, credential: credential(true), timeoutMs: 1000, cacheMs: 5000, now: () => now });
    expect(await check()).toEqual({ ready: true, checks: { storage: 'ok', graph: 'ok' } });
    now = 4999;
    await check();
    expect(storage.state.reads).toBe(1);
    now = 5000;
    await check();
    expect(storage.state.reads).toBe(2);
  });

  it('names the part that fails, in one line', async () => {
    const check = readinessCheck({ prepare: async () => undefined, table: table('fail').client, credential: credential(false), timeoutMs: 1000, cacheMs: 0 });
    expect(await check()).toEqual({
      ready: false,
      checks: { storage: 'failing: connect ECONNREFUSED 127.0.0.1:9', graph: 'failing: AADSTS7000215: Invalid client secret provided.' },
    });
  });

  it('answers within its deadline when storage does not', async () => {
    const check = readinessCheck({ prepare: async () => undefined, table: table('hang').client, credential: credential(true), timeoutMs: 50, cacheMs: 0 });
    expect(await check()).toEqual({ ready: false, checks: { storage: 'failing: no answer within 0.05 s', graph: 'ok' } });
  });
});
