/**
 * GraphDirectoryGateway.findUsersByEmail: lookups 20 to a JSON batch; an inner 429 is sent again (alone, after
 * its Retry-After) and any other inner failure fails the lookup as a plain request's would. Graph is played by
 * the last middleware of a real Graph client.
 */
import { describe, expect, it } from 'vitest';
import { isServiceError } from '../../src/domain/errors.js';
import { GraphDirectoryGateway } from '../../src/graph/directory-gateway.js';
import { fakeBatchGraph, graphError, type InnerAnswer } from '../support/batch-graph.js';

const found = (mail: string): InnerAnswer => ({ status: 200, body: { value: [{ id: `id-${mail}`, userType: 'Guest', externalUserState: 'Accepted', mail }] } });
const none: InnerAnswer = { status: 200, body: { value: [] } };
const addressIn = (url: string) => /mail eq '([^']+)'/.exec(decodeURIComponent(url))?.[1] ?? '';

describe('GraphDirectoryGateway.findUsersByEmail', () => {
  it('asks 20 addresses to a batch, each with the single lookup’s filter, and keys what it found by the address given', async () => {
    const { client, batches } = fakeBatchGraph((url) => (addressIn(url).startsWith('guest') ? found(addressIn(url)) : none));
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
    const { client, batches } = fakeBatchGraph((url, attempt) =>
      addressIn(url) === 'slow@example.org' && attempt === 1 ? graphError(429, 'TooManyRequests', { 'Retry-After': '0' }) : found(addressIn(url)),
    );

    const users = await new GraphDirectoryGateway(client).findUsersByEmail(['a@example.org', 'slow@example.org']);

    expect([...users.keys()].sort()).toEqual(['a@example.org', 'slow@example.org']);
    expect(batches.map((batch) => batch.requests.map((inner) => addressIn(inner.url)))).toEqual([['a@example.org', 'slow@example.org'], ['slow@example.org']]);
  });

  it('fails the lookup with the service error a plain request would give for any other inner failure', async () => {
    const { client } = fakeBatchGraph(() => graphError(403, 'Authorization_RequestDenied'));

    const failure = await new GraphDirectoryGateway(client).findUsersByEmail(['a@example.org']).catch((error: unknown) => error);

    expect(isServiceError(failure) && failure.code).toBe('graph.permission-denied');
  });
});
