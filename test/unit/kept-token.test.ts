/** The Graph client's token is kept in memory until it is due for renewal; claims always reach the credential. */
import type { AccessToken, GetTokenOptions } from '@azure/identity';
import { describe, expect, it } from 'vitest';
import { keptToken, RENEW_BEFORE_EXPIRY_MS } from '../../src/graph/kept-token.js';

const SCOPE = 'https://graph.microsoft.com/.default';
const HOUR = 60 * 60 * 1000;

/** A credential that counts its calls and hands out numbered tokens valid for an hour from the test's clock. */
function countingCredential(clock: { now: number }, fail?: () => boolean) {
  const calls: (GetTokenOptions | undefined)[] = [];
  return {
    calls,
    credential: {
      getToken: async (_scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken | null> => {
        calls.push(options);
        if (fail?.()) throw new Error('Entra is unreachable');
        return { token: `token-${calls.length}`, expiresOnTimestamp: clock.now + HOUR };
      },
    },
  };
}

describe('keptToken', () => {
  it('asks the credential once while the token is fresh, and again once it is due for renewal', async () => {
    const clock = { now: 0 };
    const { calls, credential } = countingCredential(clock);
    const kept = keptToken(credential, () => clock.now);
    expect((await kept.getToken(SCOPE))?.token).toBe('token-1');
    clock.now = HOUR - RENEW_BEFORE_EXPIRY_MS - 1;
    expect((await kept.getToken(SCOPE))?.token).toBe('token-1');
    expect(calls).toHaveLength(1);
    clock.now = HOUR - RENEW_BEFORE_EXPIRY_MS;
    expect((await kept.getToken(SCOPE))?.token).toBe('token-2');
    expect(calls).toHaveLength(2);
  });

  it('follows MSAL’s refresh hint when the token carries one', async () => {
    const clock = { now: 0 };
    let issued = 0;
    const kept = keptToken({ getToken: async () => ({ token: `t${++issued}`, expiresOnTimestamp: clock.now + HOUR, refreshAfterTimestamp: clock.now + HOUR / 2 }) }, () => clock.now);
    await kept.getToken(SCOPE);
    clock.now = HOUR / 2 - 1;
    expect((await kept.getToken(SCOPE))?.token).toBe('t1');
    clock.now = HOUR / 2;
    expect((await kept.getToken(SCOPE))?.token).toBe('t2');
  });

  it('sends a claims challenge to the credential every time, and keeps the token it returns', async () => {
    const clock = { now: 0 };
    const { calls, credential } = countingCredential(clock);
    const kept = keptToken(credential, () => clock.now);
    await kept.getToken(SCOPE);
    const claims = '{"access_token":{"nbf":{"essential":true,"value":"1"}}}';
    expect((await kept.getToken(SCOPE, { claims }))?.token).toBe('token-2');
    expect(calls[1]?.claims).toBe(claims);
    expect((await kept.getToken(SCOPE))?.token).toBe('token-2');
    expect(calls).toHaveLength(2);
  });

  it('shares one request among callers asking at the same moment', async () => {
    const clock = { now: 0 };
    const { calls, credential } = countingCredential(clock);
    const kept = keptToken(credential, () => clock.now);
    const tokens = await Promise.all(Array.from({ length: 20 }, () => kept.getToken(SCOPE)));
    expect(new Set(tokens.map((token) => token?.token))).toEqual(new Set(['token-1']));
    expect(calls).toHaveLength(1);
  });

  it('keeps serving an unexpired token when its renewal fails, and fails once it has expired', async () => {
    const clock = { now: 0 };
    let down = false;
    const { credential } = countingCredential(clock, () => down);
    const kept = keptToken(credential, () => clock.now);
    await kept.getToken(SCOPE);
    down = true;
    clock.now = HOUR - 1;
    expect((await kept.getToken(SCOPE))?.token).toBe('token-1');
    clock.now = HOUR;
    await expect(kept.getToken(SCOPE)).rejects.toThrow('Entra is unreachable');
  });

  it('keeps tokens apart by scope', async () => {
    const clock = { now: 0 };
    const { calls, credential } = countingCredential(clock);
    const kept = keptToken(credential, () => clock.now);
    await kept.getToken(SCOPE);
    await kept.getToken('api://AzureADTokenExchange/.default');
    await kept.getToken([SCOPE]);
    expect(calls).toHaveLength(2);
  });
});
