/** Graph's anti-abuse protection blocking invitations, and where that check sits among the others. */
import type { Client, GraphError } from '@microsoft/microsoft-graph-client';
import { describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../../local/simulator/index.js';
import { SimulatorControl } from '../../support/simulator-control.js';
import { validateGraph } from '../../support/schemas.js';
import { accessToken, directoryReaderApp, invitationFor, send, useSimulator } from './helpers.js';

let sim: RunningSimulator;
let graph: Client;
let simulator: SimulatorControl;

useSimulator((started, client) => {
  sim = started;
  graph = client;
  simulator = new SimulatorControl(started.url);
}, { resetBeforeEach: true });

const blockedMessage = 'Invitations are blocked due to suspicious activity. Contact Microsoft support or try again later.';

describe('the anti-abuse block', () => {
  it('refuses every invitation with 403 Forbidden and creates nothing, until lifted', async () => {
    await simulator.antiAbuse(true);
    const token = await accessToken(sim);

    const blocked = await send(sim, 'POST', '/v1.0/invitations', { token, body: invitationFor('blocked@fabrikam.com') });
    const existingGuest = await send(sim, 'POST', '/v1.0/invitations', { token, body: invitationFor('pending.guest@fabrikam.com') });
    const usersWhileBlocked = await simulator.users();
    await simulator.antiAbuse(false);
    const lifted = await send(sim, 'POST', '/v1.0/invitations', { token, body: invitationFor('blocked@fabrikam.com') });

    expect([blocked.status, existingGuest.status]).toEqual([403, 403]);
    expect(validateGraph('microsoft.graph.ODataErrors.ODataError', blocked.body)).toEqual([]);
    expect(blocked.body).toMatchObject({ error: { code: 'Forbidden', message: blockedMessage } });
    expect(usersWhileBlocked.some((user) => user['mail'] === 'blocked@fabrikam.com')).toBe(false);
    expect(lifted.status).toBe(201);
    expect(await simulator.invitationCounts()).toEqual({ 'blocked@fabrikam.com': 1 });
  });

  it('reaches the Graph client as a 403 GraphError that is not retried', async () => {
    await simulator.antiAbuse(true);

    const error = await (graph.api('/invitations').post(invitationFor('blocked@fabrikam.com')) as Promise<unknown>).catch((caught: GraphError) => caught);

    expect(error).toMatchObject({ statusCode: 403, code: 'Forbidden', message: blockedMessage });
    expect(await simulator.invitationCallsFor('blocked@fabrikam.com')).toHaveLength(1);
  });

  it('is checked after authentication, throttling and permissions but before the body, and only on invitations', async () => {
    await simulator.antiAbuse(true);
    await simulator.throttle(2, 60);
    const token = await accessToken(sim);

    const unauthenticated = await send(sim, 'POST', '/v1.0/invitations', { body: invitationFor('a@fabrikam.com') });
    const unpermitted = await send(sim, 'POST', '/v1.0/invitations', { token: await accessToken(sim, directoryReaderApp), body: invitationFor('a@fabrikam.com') });
    const invalidBody = await send(sim, 'POST', '/v1.0/invitations', { token, body: { invitedUserEmailAddress: 'not an address' } });
    const overBudget = await send(sim, 'POST', '/v1.0/invitations', { token, body: invitationFor('a@fabrikam.com') });
    const users = await send(sim, 'GET', '/v1.0/users', { token });

    expect(unauthenticated.status).toBe(401);
    expect(unpermitted.body).toMatchObject({ error: { code: 'Authorization_RequestDenied' } });
    expect(invalidBody.status).toBe(403);
    expect(invalidBody.body).toMatchObject({ error: { code: 'Forbidden' } });
    expect(overBudget.status).toBe(429);
    expect(users.status).toBe(200);
    // Authentication failed before the throttle counted; the throttle admitted two and refused the third.
    expect(await simulator.throttleCounts()).toEqual({ admitted: 2, refused: 1 });
  });

  it('is lifted by reset', async () => {
    await simulator.antiAbuse(true);
    await simulator.reset();

    const answer = await send(sim, 'POST', '/v1.0/invitations', { token: await accessToken(sim), body: invitationFor('after.reset@fabrikam.com') });

    expect(answer.status).toBe(201);
  });
});
