/**
 * The per-guest lifecycle reads in JSON batches (GraphLifecycleDirectory.lastSignIns,
 * GraphSponsorDirectory.sponsorsOfGuests): 20 to a batch, each inner answer mapped as the single request's was
 * (404 skipped, the licence 403 read as unlicensed, any other failure a service error), a throttled one sent
 * again. Graph is played by the last middleware of a real Graph client.
 */
import { describe, expect, it } from 'vitest';
import { isServiceError } from '../../src/domain/errors.js';
import { GraphLifecycleDirectory } from '../../src/graph/lifecycle-directory.js';
import { GraphSponsorDirectory } from '../../src/graph/sponsor-directory.js';
import { fakeBatchGraph, graphError, type InnerAnswer } from '../support/batch-graph.js';

const ids = (count: number) => Array.from({ length: count }, (_, index) => `guest-${index}`);
const idIn = (url: string) => /\/users\/([^/?]+)/.exec(url)?.[1] ?? '';
const signedIn = (url: string): InnerAnswer => ({ status: 200, body: { id: idIn(url), signInActivity: { lastSignInDateTime: `at-${idIn(url)}`, lastSuccessfulSignInDateTime: null } } });
const sizes = (batches: { requests: unknown[] }[]) => batches.map((batch) => batch.requests.length).sort((a, b) => a - b);

describe('GraphLifecycleDirectory.lastSignIns', () => {
  it('reads 45 guests in 3 batches, each with the single read’s $select; a guest gone is skipped, a throttled one asked again', async () => {
    const { client, batches } = fakeBatchGraph((url, attempt) => {
      if (idIn(url) === 'guest-7') return graphError(404, 'Request_ResourceNotFound');
      if (idIn(url) === 'guest-30' && attempt === 1) return graphError(429, 'TooManyRequests', { 'Retry-After': '0' });
      return signedIn(url);
    });

    const signIns = await new GraphLifecycleDirectory(client).lastSignIns(ids(45));

    expect(sizes(batches)).toEqual([1, 5, 20, 20]);
    expect(batches[0]?.requests[0]).toEqual({ id: '1', method: 'GET', url: '/users/guest-0?$select=id,signInActivity' });
    if (signIns.kind !== 'known') throw new Error(`expected known sign-ins, got ${signIns.kind}`);
    expect([...signIns.lastSignInAt.keys()]).toEqual(ids(45).filter((id) => id !== 'guest-7'));
    expect(signIns.lastSignInAt.get('guest-30')).toBe('at-guest-30');
  });

  it('without the licence: unlicensed after the first batch alone, the other guests never asked', async () => {
    const { client, batches } = fakeBatchGraph(() => graphError(403, 'Authentication_RequestFromNonPremiumTenantOrB2CTenant'));

    expect(await new GraphLifecycleDirectory(client).lastSignIns(ids(45))).toEqual({ kind: 'unlicensed' });
    expect(sizes(batches)).toEqual([20]);
  });

  it('without the permission: unreadable; any other failure is the service error a single read gave', async () => {
    const denied = fakeBatchGraph(() => graphError(403, 'Authorization_RequestDenied'));
    expect(await new GraphLifecycleDirectory(denied.client).lastSignIns(ids(3))).toEqual({ kind: 'unreadable' });

    // A refusal in a later batch decides as well: the batches not yet sent are not sent.
    const later = fakeBatchGraph((url) => (idIn(url) === 'guest-25' ? graphError(403, 'Authorization_RequestDenied') : signedIn(url)));
    expect(await new GraphLifecycleDirectory(later.client).lastSignIns(ids(200))).toEqual({ kind: 'unreadable' });
    expect(later.batches.length).toBeLessThan(10);

    const broken = fakeBatchGraph((url) => (idIn(url) === 'guest-2' ? graphError(500, 'InternalServerError') : signedIn(url)));
    const failure = await new GraphLifecycleDirectory(broken.client).lastSignIns(ids(3)).catch((error: unknown) => error);
    expect(isServiceError(failure)).toBe(true);
  });
});

describe('GraphSponsorDirectory.sponsorsOfGuests', () => {
  it('reads 41 guests in 3 batches; a guest gone is left out, a blocked user sponsor is not enabled, a group always is', async () => {
    const { client, batches } = fakeBatchGraph((url) => {
      const id = idIn(url);
      if (id === 'guest-3') return graphError(404, 'Request_ResourceNotFound');
      if (id === 'guest-4') return { status: 200, body: { value: [{ '@odata.type': '#microsoft.graph.group', id: 'group', displayName: 'Sales' }] } };
      return { status: 200, body: { value: [{ '@odata.type': '#microsoft.graph.user', id: 'dana', displayName: 'Dana', accountEnabled: id !== 'guest-5' }] } };
    });

    const sponsors = await new GraphSponsorDirectory(client).sponsorsOfGuests(ids(41));

    expect(sizes(batches)).toEqual([1, 20, 20]);
    expect(batches[0]?.requests.find((inner) => idIn(inner.url) === 'guest-0')?.url).toBe('/users/guest-0/sponsors?$select=id,displayName,accountEnabled');
    expect(sponsors.size).toBe(40);
    expect(sponsors.has('guest-3')).toBe(false);
    expect(sponsors.get('guest-4')).toEqual([{ id: 'group', displayName: 'Sales', enabled: true }]);
    expect(sponsors.get('guest-5')).toEqual([{ id: 'dana', displayName: 'Dana', enabled: false }]);
    expect(sponsors.get('guest-6')).toEqual([{ id: 'dana', displayName: 'Dana', enabled: true }]);
  });

  it('fails with the service error a single read gave for any failure but a guest gone', async () => {
    const { client } = fakeBatchGraph(() => graphError(403, 'Authorization_RequestDenied'));
    const failure = await new GraphSponsorDirectory(client).sponsorsOfGuests(ids(2)).catch((error: unknown) => error);
    expect(isServiceError(failure) && failure.code).toBe('graph.permission-denied');
  });
});
