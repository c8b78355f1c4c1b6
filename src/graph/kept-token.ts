/**
 * The Graph SDK asks its credential for a token before every request, and @azure/identity answers each time
 * from MSAL's cache: a lookup that cost a fifth of a Graph request's CPU in the bot's turn (bench:turn). The
 * Azure SDKs' own bearer-token policy keeps the token in memory until it is due for refresh; this does the
 * same for the Graph client. A request with a claims challenge (token-renewal.ts) always reaches MSAL, and
 * its new token replaces the kept one; callers asking at the same moment share one request. When a renewal
 * fails while the kept token has not yet expired, that token still serves, as the Azure SDKs' policy does.
 */
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/identity';

/** Without MSAL's own refresh hint, a token is renewed this long before it expires. */
export const RENEW_BEFORE_EXPIRY_MS = 5 * 60 * 1000;

export function keptToken(credential: TokenCredential, now: () => number = Date.now): TokenCredential {
  const kept = new Map<string, AccessToken>();
  const asking = new Map<string, Promise<AccessToken | null>>();
  const ask = async (key: string, scopes: string | string[], options: GetTokenOptions | undefined): Promise<AccessToken | null> => {
    const token = await credential.getToken(scopes, options);
    if (token) kept.set(key, token);
    else kept.delete(key);
    return token;
  };
  return {
    getToken(scopes, options) {
      const key = [scopes].flat().join(' ') + (options?.tenantId ? `@${options.tenantId}` : '');
      if (options?.claims) return ask(key, scopes, options);
      const token = kept.get(key);
      if (token && now() < (token.refreshAfterTimestamp ?? token.expiresOnTimestamp - RENEW_BEFORE_EXPIRY_MS)) return Promise.resolve(token);
      let pending = asking.get(key);
      if (!pending) {
        pending = ask(key, scopes, options)
          .catch((error: unknown) => {
            if (token && now() < token.expiresOnTimestamp) return token;
            throw error;
          })
          .finally(() => asking.delete(key));
        asking.set(key, pending);
      }
      return pending;
    },
  };
}
