/**
 * `POST /v1.0/$batch` (JSON batching, graph-invitations.md "JSON batching", throttling.md "Batching and
 * throttling"): up to 20 requests, each answered as if sent alone — its own authentication, route, permission
 * and throttling, so an inner `/invitations` call spends the tenant's invitation budget and an inner 429 carries
 * its own Retry-After — in one 200 answer.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { decodeSegment, type SimRequest } from '../http/request.js';
import type { SimResponse } from '../http/response.js';
import { badRequest } from './errors.js';
import { readJsonBody } from './json-body.js';

const MAX_REQUESTS = 20;

const batchBody = z.object({
  requests: z
    .array(
      z.object({
        id: z.string().min(1),
        method: z.string().min(1),
        url: z.string().min(1),
        headers: z.record(z.string(), z.string()).optional(),
        body: z.unknown().optional(),
        dependsOn: z.array(z.string()).optional(),
      }),
    )
    .min(1),
});

type InnerAnswer = (request: SimRequest) => Promise<SimResponse>;

export async function answerBatch(request: SimRequest, answer: InnerAnswer): Promise<SimResponse> {
  const parsed = batchBody.safeParse(readJsonBody(request));
  if (!parsed.success) throw badRequest('Invalid batch payload format.');
  const { requests } = parsed.data;
  if (requests.length > MAX_REQUESTS) throw badRequest(`The number of requests in the batch exceeds the limit of ${MAX_REQUESTS}.`);
  if (new Set(requests.map((inner) => inner.id)).size !== requests.length) throw badRequest('Batch request ids must be unique.');
  for (const inner of requests) {
    if (inner.dependsOn !== undefined) throw badRequest('dependsOn is not supported by the tenant simulator.');
    if (inner.body !== undefined && !Object.keys(inner.headers ?? {}).some((name) => name.toLowerCase() === 'content-type')) {
      throw badRequest(`Request ${inner.id}: a request with a body needs a Content-Type header.`);
    }
    if (!inner.url.startsWith('/') || /^\/(v1\.0|beta)\//i.test(inner.url) || /^\/\$batch\b/i.test(inner.url)) {
      throw badRequest(`Request ${inner.id}: the url must be relative to the version, e.g. /users.`);
    }
  }
  // Independent requests run in parallel on Graph; the order of the answers is not guaranteed.
  const responses = await Promise.all(
    requests.map(async (inner) => {
      const url = new URL(`/v1.0${inner.url}`, request.origin);
      const response = await answer({
        method: inner.method.toUpperCase(),
        path: url.pathname,
        segments: url.pathname.split('/').filter((segment) => segment !== '').map(decodeSegment),
        query: url.searchParams,
        // The batch's own Authorization holds for every request in it.
        headers: { ...lowerCased(inner.headers ?? {}), ...(request.headers.authorization ? { authorization: request.headers.authorization } : {}) },
        rawBody: inner.body === undefined ? '' : JSON.stringify(inner.body),
        origin: request.origin,
        requestId: randomUUID(),
        receivedAt: request.receivedAt,
      });
      return { id: inner.id, status: response.status, headers: response.headers ?? {}, ...(response.body === undefined ? {} : { body: response.body }) };
    }),
  );
  return { status: 200, body: { responses } };
}

function lowerCased(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}
