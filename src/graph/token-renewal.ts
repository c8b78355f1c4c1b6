/**
 * A token Graph refuses with 401 (expired early, revoked, issued before a password reset or a disabled
 * app) would be handed back by the credential's cache until it expires. This middleware, right after the
 * SDK's AuthenticationHandler, sees the 401 and asks @azure/identity for a token with a claims challenge —
 * Graph's own (WWW-Authenticate `claims`, continuous access evaluation) or, when Graph sent none, the
 * standard "issued no earlier than now" one. MSAL never answers a claims request from its cache, so the
 * token is new, and it replaces the refused one in the cache for later requests. The request goes once
 * more with it: Graph checks the token before anything else, so even a POST was not carried out. A second
 * 401 is the caller's to report (errors.ts: signin.token-refused).
 */
import type { TokenCredential } from '@azure/identity';
import type { Context, Middleware } from '@microsoft/microsoft-graph-client';

export class TokenRenewalHandler implements Middleware {
  private next?: Middleware;

  constructor(
    private readonly credential: TokenCredential,
    private readonly scopes: string[],
  ) {}

  async execute(context: Context): Promise<void> {
    if (!this.next) throw new Error('TokenRenewalHandler must not be last in the Graph middleware chain');
    await this.next.execute(context);
    if (context.response?.status !== 401 || !hasBearer(context) || !isReplayable(context)) return;
    const claims = claimsChallenge(context.response) ?? issuedFromNow();
    const token = await this.credential.getToken(this.scopes, { claims });
    if (!token) return;
    setHeader(context, 'Authorization', `Bearer ${token.token}`);
    await this.next.execute(context);
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}

/** Graph's claims challenge (base64 JSON in WWW-Authenticate), decoded as @azure/identity expects it. */
function claimsChallenge(response: Response): string | undefined {
  const encoded = /claims="([^"]+)"/.exec(response.headers.get('WWW-Authenticate') ?? '')?.[1];
  return encoded ? Buffer.from(encoded, 'base64').toString('utf8') : undefined;
}

/** The claims request Entra documents for a token revoked before its expiry: one issued no earlier than now. */
function issuedFromNow(): string {
  return JSON.stringify({ access_token: { nbf: { essential: true, value: String(Math.floor(Date.now() / 1000)) } } });
}

type HeaderBag = Headers | Record<string, string>;

function headersOf(context: Context): HeaderBag | undefined {
  const headers = context.options?.headers;
  if (headers instanceof Headers) return headers;
  // The SDK builds headers as a Headers object or a plain record; it never uses the tuple form.
  return headers && !Array.isArray(headers) ? (headers as Record<string, string>) : undefined;
}

function getHeader(context: Context, name: string): string | undefined {
  const headers = headersOf(context);
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  return headers?.[name];
}

function setHeader(context: Context, name: string, value: string): void {
  const headers = headersOf(context);
  if (headers instanceof Headers) headers.set(name, value);
  else if (headers) headers[name] = value;
}

/** Only requests this client signed: a 401 from a host it sends no token to is not about our token. */
function hasBearer(context: Context): boolean {
  return getHeader(context, 'Authorization')?.startsWith('Bearer ') === true;
}

/** A request whose body can be sent twice: the SDK's own retry handler asks the same (no octet stream). */
function isReplayable(context: Context): boolean {
  return typeof context.request === 'string' && getHeader(context, 'Content-Type') !== 'application/octet-stream';
}
