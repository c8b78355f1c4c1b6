/** Injected faults, the invitation throttle and the call log, as the real Graph client experiences them. */
import type { GraphError } from '@microsoft/microsoft-graph-client';
import { describe, expect, it } from 'vitest';
import type { CallRecord } from '../../../local/simulator/call-log.js';
import { validateGraph } from '../../support/schemas.js';
import { SimulatorControl } from '../../support/simulator-control.js';
import { accessToken, control, invitationFor, send, useSimulator } from './helpers.js';


const tenant = useSimulator({ resetBeforeEach: true });

function invitationCalls(): Promise<CallRecord[]> {
  return control<CallRecord[]>(tenant.sim, 'GET', '/calls?method=POST&path=/v1.0/invitations');
}

describe('injected faults', () => {
  it('lets the Graph client’s retry middleware wait out a 429 and then succeed', async () => {
    await control(tenant.sim, 'POST', '/faults', { method: 'POST', path: '/v1.0/invitations', status: 429, count: 1, retryAfterSeconds: 1 });

    const started = Date.now();
    const invitation = (await tenant.graph.api('/invitations').post(invitationFor('retried@fabrikam.com'))) as { status: string };

    expect(invitation.status).toBe('PendingAcceptance');
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    const calls = await invitationCalls();
    expect(calls.map((call) => call.status)).toEqual([429, 201]);
    expect(calls[1]?.headers['retry-attempt']).toBe('1');
    expect(await control(tenant.sim, 'GET', '/invitations')).toEqual({ 'retried@fabrikam.com': 1 });
  });

  it('answers a 429 with Retry-After and Graph’s documented TooManyRequests body', async () => {
    await control(tenant.sim, 'POST', '/faults', { path: '/v1.0/users', status: 429 });

    const answer = await send(tenant.sim, 'GET', '/v1.0/users', { token: await accessToken(tenant.sim) });

    expect(answer.status).toBe(429);
    expect(answer.headers.get('retry-after')).toBe('1');
    expect(validateGraph('microsoft.graph.ODataErrors.ODataError', answer.body)).toEqual([]);
    expect(answer.body).toMatchObject({ error: { code: 'TooManyRequests', message: 'Please retry again later.' } });
  });

  it('does not have a 500 retried, and uses the code and message the fault names', async () => {
    await control(tenant.sim, 'POST', '/faults', { path: '/v1.0/invitations', status: 500, code: 'InternalServerError', message: 'Unable to find target address' });

    const error = await (tenant.graph.api('/invitations').post(invitationFor('old.mate@outlook.com')) as Promise<unknown>).catch((caught: GraphError) => caught);

    expect(error).toMatchObject({ statusCode: 500, code: 'InternalServerError', message: 'Unable to find target address' });
    expect(await invitationCalls()).toHaveLength(1);
  });

  it('creates the guest but drops the connection for an afterCreate fault', async () => {
    await control(tenant.sim, 'POST', '/faults', { method: 'POST', path: '/v1.0/invitations', afterCreate: true });

    await expect(tenant.graph.api('/invitations').post(invitationFor('dropped@fabrikam.com'))).rejects.toThrow();

    const users = await control<{ mail: string | null; externalUserState: string | null }[]>(tenant.sim, 'GET', '/users');
    expect(users.find((user) => user.mail === 'dropped@fabrikam.com')?.externalUserState).toBe('PendingAcceptance');
    expect((await invitationCalls()).map((call) => call.status)).toEqual([null]);
  });

  it('stops failing once its count is used up, and DELETE clears pending faults', async () => {
    await control(tenant.sim, 'POST', '/faults', { path: '/v1.0/organization', status: 503, count: 1 });
    await control(tenant.sim, 'POST', '/faults', { path: '/v1.0/users', status: 503, count: 5 });
    await control(tenant.sim, 'DELETE', '/faults');
    const token = await accessToken(tenant.sim);

    const users = await send(tenant.sim, 'GET', '/v1.0/users', { token });
    const organization = await send(tenant.sim, 'GET', '/v1.0/organization', { token });

    expect([users.status, organization.status]).toEqual([200, 200]);
  });
});

describe('the invitation throttle', () => {
  it('answers 429 with the seconds until the window frees once the budget is spent, until removed', async () => {
    await control(tenant.sim, 'POST', '/throttle', { invitationsPerWindow: 3, windowSeconds: 60 });
    const token = await accessToken(tenant.sim);
    const invite = (index: number) => send(tenant.sim, 'POST', '/v1.0/invitations', { token, body: invitationFor(`burst${index}@example.org`) });

    const statuses = [];
    for (const index of [1, 2, 3, 4]) statuses.push((await invite(index)).status);
    const throttled = await invite(5);
    await control(tenant.sim, 'DELETE', '/throttle');
    const afterRemoval = await invite(6);

    expect(statuses).toEqual([201, 201, 201, 429]);
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(55);
    expect(Number(throttled.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(throttled.body).toMatchObject({ error: { code: 'TooManyRequests' } });
    expect(afterRemoval.status).toBe(201);
  });
});

describe('the throttle counters', () => {
  it('count what the throttle admitted and refused since it was set, and read zeros without one', async () => {
    const simulator = new SimulatorControl(tenant.sim.url);
    const withoutThrottle = await simulator.throttleCounts();
    await simulator.throttle(2, 60);
    const token = await accessToken(tenant.sim);
    for (const index of [1, 2, 3]) await send(tenant.sim, 'POST', '/v1.0/invitations', { token, body: invitationFor(`counted${index}@example.org`) });
    const counted = await simulator.throttleCounts();
    await simulator.throttle(5, 60);
    const afterNewBudget = await simulator.throttleCounts();
    await control(tenant.sim, 'DELETE', '/throttle');

    expect(withoutThrottle).toEqual({ admitted: 0, refused: 0 });
    expect(counted).toEqual({ admitted: 2, refused: 1 });
    expect(afterNewBudget).toEqual({ admitted: 0, refused: 0 });
    expect(await simulator.throttleCounts()).toEqual({ admitted: 0, refused: 0 });
  });
});

describe('the call log', () => {
  it('records method, path, query, body and status, never the Authorization header, and can be cleared', async () => {
    await accessToken(tenant.sim); // a fresh credential, so the token request is made and logged
    await tenant.graph.api('/users').filter("mail eq 'ann@fabrikam.com'").select('id').get();
    await tenant.graph.api('/invitations').post(invitationFor('logged@fabrikam.com'));

    const userCalls = await control<CallRecord[]>(tenant.sim, 'GET', '/calls?path=/v1.0/users');
    const tokenCalls = await control<CallRecord[]>(tenant.sim, 'GET', `/calls?method=POST&path=/${tenant.sim.tenantId}/oauth2/v2.0/token`);
    const invitations = await invitationCalls();
    await control(tenant.sim, 'DELETE', '/calls');

    expect(userCalls).toEqual([
      expect.objectContaining({ method: 'GET', path: '/v1.0/users', query: { $filter: "mail eq 'ann@fabrikam.com'", $select: 'id' }, status: 200 }),
    ]);
    expect(userCalls[0]?.headers).not.toHaveProperty('authorization');
    expect(userCalls[0]?.headers['client-request-id']).toEqual(expect.any(String));
    expect(invitations).toEqual([expect.objectContaining({ body: invitationFor('logged@fabrikam.com'), status: 201 })]);
    expect(tokenCalls).toEqual([
      expect.objectContaining({ body: expect.objectContaining({ grant_type: 'client_credentials', client_secret: '***' }), status: 200 }),
    ]);
    expect(await control(tenant.sim, 'GET', '/calls')).toEqual([]);
  });
});

describe('Graph response time', () => {
  it('delays every Graph answer by at least the set latency, and refuses a negative one', async () => {
    await new SimulatorControl(tenant.sim.url).latency(300);
    const started = performance.now();
    await tenant.graph.api('/users').filter("mail eq 'ann@fabrikam.com'").select('id').get();
    expect(performance.now() - started).toBeGreaterThanOrEqual(295);
    expect((await send(tenant.sim, 'POST', '/_sim/latency', { body: { milliseconds: -1 } })).status).toBe(400);
  });
});
