/**
 * GraphDirectoryGateway.findUsersByEmail: lookups 20 to a JSON batch; an inner 429 is sent again (alone, after
 * its Retry-After) and any other inner failure fails the lookup as a plain request's would. Graph is played by
 * the last middleware of a real Graph client.
 */
import { Client, type Context, type Middleware } from '@microsoft/microsoft-graph-client';
import { describe, expect, it } from 'vitest';
import { isServiceError } from '../../src/domain/errors.js';
import { GraphDirectoryGateway } from '../../src/graph/directory-gateway.js';

interface BatchRequest {
  requests: { id: string; method: string; url: string }[];
}
type InnerAnswer = { status: number; headers?: Record<string, string>; body: unknown };

/** A Graph whose $batch answers each inner request with `answer(url, attempt of that url)`; records every batch. */
function fakeGraph(answer: (url: string, attempt: number) => InnerAnswer) {
  const batches: BatchRequest[] = [];
  const attempts = new Map<string, number>();
  const graph: Middleware = {
    execute: async (context: Context) => {
      const body = context.options?.body;
      const batch = JSON.parse(typeof body === 'string' ? body : '{}') as BatchRequest;
      batches.push(batch);
      const responses = batch.requests.map((inner) => {
        const attempt = (attempts.get(inner.url) ?? 0) + 1;
        attempts.set(inner.url, attempt);
        const { status, headers, body } = answer(inner.url, attempt);
        return { id: inner.id, status, headers: { 'Content-Type': 'application/json', ...headers }, body };
      });
      context.response = new Response(JSON.stringify({ responses }), { status: 200, headers: { 'Content-Type': 'application/json' } });
    },
  };
  return { client: Client.initWithMiddleware({ middleware: graph }), batches };
}

const found = (mail: string): InnerAnswer => ({ status: 200, body: { value: [{ id: `id-${mail}`, userType: 'Guest', externalUserState: 'Accepted', mail }] } });
const none: InnerAnswer = { status: 200, body: { value: [] } };
const addressIn = (url: string) => /mail eq '([^']+)'/.exec(decodeURIComponent(url))?.[1] ?? '';

describe('GraphDirectoryGateway.findUsersByEmail', () => {
  it('asks 20 addresses to a batch, each with the single lookup’s filter, and keys what it found by the address given', async () => {
    const { client, batches } = fakeGraph((url) => (addressIn(url).startsWith('guest') ? found(addressIn(url)) : none));
    const emails = [...Array.from({ length: 41 }, (_, i) => `new${i}@example.org`), 'guest@example.org'];

    const users = await new GraphDirectoryGateway(client).findUsersByEmail(emails);

    expect(batches.map((batch) => batch.requests.length).sort()).toEqual([2, 20, 20]);
    expect([...users.keys()]).toEqual(['guest@example.org']);
    expect(users.get('guest@example.org')).toMatchObject({ userType: 'Guest', externalUserState: 'Accepted' });
    const url = decodeURIComponent(batches.flatMap((batch) => batch.requests).find((inner) => inner.url.includes('guest'))!.url);
    expect(url).toMatch(/^\/users\?\$filter=mail eq 'guest@example\.org' or userPrincipalName eq .* or otherMails\/any\(m:m eq .*\) or proxyAddresses\/any/);
    expect(url).toContain('$top=1');
  });

  it('sends a throttled lookup again in a new batch of its own after its Retry-After', async () => {
    const { client, batches } = fakeGraph((url, attempt) =>
      addressIn(url) === 'slow@example.org' && attempt === 1 ? { status: 429, headers: { 'Retry-After': '0' }, body: { error: { code: 'TooManyRequests', message: 'Please retry again later.' } } } : found(addressIn(url)),
    );

    const users = await new GraphDirectoryGateway(client).findUsersByEmail(['a@example.org', 'slow@example.org']);

    expect([...users.keys()].sort()).toEqual(['a@example.org', 'slow@example.org']);
    expect(batches.map((batch) => batch.requests.map((inner) => addressIn(inner.url)))).toEqual([['a@example.org', 'slow@example.org'], ['slow@example.org']]);
  });

  it('fails the lookup with the service error a plain request would give for any other inner failure', async () => {
    const { client } = fakeGraph(() => ({ status: 403, body: { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' } } }));

    const failure = await new GraphDirectoryGateway(client).findUsersByEmail(['a@example.org']).catch((error: unknown) => error);

    expect(isServiceError(failure) && failure.code).toBe('graph.permission-denied');
  });
});
