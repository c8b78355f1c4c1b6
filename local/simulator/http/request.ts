import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';

/** One received request, read completely, in the form every handler of the simulator works with. */
export interface SimRequest {
  method: string;
  /** The pathname as sent, without the query string (MSAL appends `?client-request-id=…` to the token call). */
  path: string;
  /** Decoded path segments, e.g. ['v1.0', 'users', 'ann_fabrikam.com#EXT#@contoso.onmicrosoft.com']. */
  segments: string[];
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  rawBody: string;
  /** `https://host:port` as the client addressed the simulator; links it hands out point back here. */
  origin: string;
  /** Graph's `request-id`, also used as Entra's trace id. */
  requestId: string;
  receivedAt: Date;
}

export async function readRequest(incoming: IncomingMessage): Promise<SimRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  // HTTP/1.1 clients always send Host; the fallback only keeps the URL parseable.
  const origin = `https://${incoming.headers.host ?? 'localhost'}`;
  const url = new URL(incoming.url ?? '/', origin);
  return {
    method: (incoming.method ?? 'GET').toUpperCase(),
    path: url.pathname,
    segments: url.pathname.split('/').filter((segment) => segment !== '').map(decodeSegment),
    query: url.searchParams,
    headers: incoming.headers,
    rawBody: Buffer.concat(chunks).toString('utf8'),
    origin,
    requestId: randomUUID(),
    receivedAt: new Date(),
  };
}

export function headerValue(request: SimRequest, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : value;
}

export type JsonBody = { parsed: true; value: unknown } | { parsed: false };

export function parseJsonBody(request: SimRequest): JsonBody {
  try {
    return { parsed: true, value: JSON.parse(request.rawBody) };
  } catch {
    return { parsed: false };
  }
}

export function parseFormBody(request: SimRequest): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(request.rawBody));
}

export function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // A malformed escape is left as sent; routing will then report the segment as unknown.
  }
}
