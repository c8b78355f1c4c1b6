/** Random fault injection: seeded, reproducible, and faithful to what a gateway failure does to a create. */
import { describe, expect, it } from 'vitest';
import type { CallRecord } from '../../../local/simulator/call-log.js';
import { type RandomFaultKind } from '../../support/simulator-control.js';
import { validateGraph } from '../../support/schemas.js';
import { accessToken, control, invitationFor, send, useSimulator } from './helpers.js';


const tenant = useSimulator({ resetBeforeEach: true });

async function statusesOf(requests: number): Promise<number[]> {
  const token = await accessToken(tenant.sim);
  const statuses: number[] = [];
  for (let index = 0; index < requests; index += 1) statuses.push((await send(tenant.sim, 'GET', '/v1.0/users', { token })).status);
  return statuses;
}

async function guestWithMail(address: string): Promise<Record<string, unknown> | undefined> {
  return (await tenant.control.users()).find((user) => user['mail'] === address);
}

describe('random faults', () => {
  it('fail the same requests the same way again for the same seed, and count what they injected', async () => {
    const rule = { method: 'GET', path: '/v1.0/users', rate: 0.5, seed: 42, kinds: ['500', '503', '504'] as RandomFaultKind[] };
    await tenant.control.randomFaults(rule);
    const first = await statusesOf(20);
    const counts = await tenant.control.randomFaultCounts();
    await tenant.control.reset();
    await tenant.control.randomFaults(rule);
    const second = await statusesOf(20);

    expect(second).toEqual(first);
    expect(new Set(first)).toEqual(new Set([200, 500, 503, 504]));
    expect(counts).toEqual({
      '500': first.filter((status) => status === 500).length,
      '503': first.filter((status) => status === 503).length,
      '504': first.filter((status) => status === 504).length,
      '504-after-create': 0,
      'drop-after-create': 0,
    });
  });

  it.each([
    ['500', 500, 'InternalServerError', null],
    ['503', 503, 'ServiceUnavailable', '1'],
    ['504', 504, 'GatewayTimeout', null],
  ] as const)('answer %s with Graph’s error JSON before the operation runs: nothing is created', async (kind, status, code, retryAfter) => {
    await tenant.control.randomFaults({ method: 'POST', path: '/v1.0/invitations', rate: 1, seed: 1, kinds: [kind] });

    const answer = await send(tenant.sim, 'POST', '/v1.0/invitations', { token: await accessToken(tenant.sim), body: invitationFor('never@fabrikam.com') });

    expect(answer.status).toBe(status);
    expect(answer.headers.get('retry-after')).toBe(retryAfter);
    expect(validateGraph('microsoft.graph.ODataErrors.ODataError', answer.body)).toEqual([]);
    expect(answer.body).toMatchObject({ error: { code } });
    expect(await guestWithMail('never@fabrikam.com')).toBeUndefined();
    expect(await tenant.control.invitationCounts()).toEqual({});
  });

  it('answer 504 GatewayTimeout after creating the guest for 504-after-create, so a retry re-invites the same guest', async () => {
    // Seed 7 at rate 0.5 fails the first matching request and lets the second through.
    await tenant.control.randomFaults({ method: 'POST', path: '/v1.0/invitations', rate: 0.5, seed: 7, kinds: ['504-after-create'] });
    const token = await accessToken(tenant.sim);

    const timedOut = await send(tenant.sim, 'POST', '/v1.0/invitations', { token, body: invitationFor('slow@fabrikam.com') });
    const created = await guestWithMail('slow@fabrikam.com');
    const retried = await send(tenant.sim, 'POST', '/v1.0/invitations', { token, body: invitationFor('slow@fabrikam.com') });

    expect(timedOut.status).toBe(504);
    expect(timedOut.body).toMatchObject({ error: { code: 'GatewayTimeout', message: 'The gateway timed out.' } });
    expect(created?.['externalUserState']).toBe('PendingAcceptance');
    expect(retried.status).toBe(201);
    expect(retried.body).toMatchObject({ invitedUser: { id: created?.['id'] } });
    expect(await tenant.control.invitationCounts()).toEqual({ 'slow@fabrikam.com': 2 });
    expect(await tenant.control.randomFaultCounts()).toMatchObject({ '504-after-create': 1 });
  });

  it('create the guest and then drop the connection without an answer for drop-after-create', async () => {
    await tenant.control.randomFaults({ path: '/v1.0/invitations', rate: 1, seed: 3, kinds: ['drop-after-create'] });

    const outcome = await send(tenant.sim, 'POST', '/v1.0/invitations', { token: await accessToken(tenant.sim), body: invitationFor('lost@fabrikam.com') }).then(
      () => 'answered',
      () => 'network error',
    );

    expect(outcome).toBe('network error');
    expect((await guestWithMail('lost@fabrikam.com'))?.['externalUserState']).toBe('PendingAcceptance');
    const calls = await control<CallRecord[]>(tenant.sim, 'GET', '/calls?method=POST&path=/v1.0/invitations');
    expect(calls.map((call) => call.status)).toEqual([null]);
  });

  it('give way to count-based faults, which do not use up a draw', async () => {
    await tenant.control.fault({ path: '/v1.0/users', status: 429, count: 1 });
    await tenant.control.randomFaults({ path: '/v1.0/users', rate: 1, seed: 5, kinds: ['500'] });

    expect(await statusesOf(2)).toEqual([429, 500]);
    expect(await tenant.control.randomFaultCounts()).toMatchObject({ '500': 1 });
  });

  it('apply only to their method and path, never at rate 0', async () => {
    await tenant.control.randomFaults({ method: 'POST', path: '/v1.0/invitations', rate: 1, seed: 9, kinds: ['500'] });
    await tenant.control.randomFaults({ path: '/v1.0/organization', rate: 0, seed: 9, kinds: ['500'] });
    const token = await accessToken(tenant.sim);

    const users = await send(tenant.sim, 'GET', '/v1.0/users', { token });
    const organization = await send(tenant.sim, 'GET', '/v1.0/organization', { token });

    expect([users.status, organization.status]).toEqual([200, 200]);
  });

  it('are cleared with their counts by DELETE /_sim/faults and by reset', async () => {
    await tenant.control.randomFaults({ path: '/v1.0/users', rate: 1, seed: 1, kinds: ['503'] });
    await statusesOf(1);
    await tenant.control.clearFaults();
    const afterClear = await statusesOf(1);
    const countsAfterClear = await tenant.control.randomFaultCounts();
    await tenant.control.randomFaults({ path: '/v1.0/users', rate: 1, seed: 1, kinds: ['503'] });
    await tenant.control.reset();

    expect(afterClear).toEqual([200]);
    expect(Object.values(countsAfterClear)).toEqual([0, 0, 0, 0, 0]);
    expect(await statusesOf(1)).toEqual([200]);
  });

  it('refuse a rule with a rate outside 0..1, an unknown kind or no kinds', async () => {
    const answers = await Promise.all(
      [
        { path: '/v1.0/users', rate: 1.5, seed: 1, kinds: ['500'] },
        { path: '/v1.0/users', rate: 0.5, seed: 1, kinds: ['429'] },
        { path: '/v1.0/users', rate: 0.5, seed: 1, kinds: [] },
        { path: '/v1.0/users', rate: 0.5, seed: 1.5, kinds: ['500'] },
      ].map((body) => send(tenant.sim, 'POST', '/_sim/faults/random', { body })),
    );

    expect(answers.map((answer) => answer.status)).toEqual([400, 400, 400, 400]);
    expect(answers[0]?.body).toMatchObject({ error: expect.stringContaining('rate') });
  });
});
