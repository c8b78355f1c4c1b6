/** Graph's anti-abuse protection blocking invitations, and where that check sits among the others. */
import type { GraphError } from '@microsoft/microsoft-graph-client';
import { describe, expect, it } from 'vitest';
import { validateGraph } from '../../support/schemas.js';
import { accessToken, directoryReaderApp, invitationFor, send, useSimulator } from './helpers.js';


const tenant = useSimulator({ resetBeforeEach: true });

const blockedMessage = 'Invitations are blocked due to suspicious activity. Contact Microsoft support or try again later.';

describe('the anti-abuse block', () => {
  it('refuses every invitation with 403 Forbidden and creates nothing, until lifted', async () => {
    await tenant.control.antiAbuse(true);
    const token = await accessToken(tenant.sim);

    const blocked = await send(tenant.sim, 'POST', '/v1.0/invitations', { token, body: invitationFor('blocked@fabrikam.com') });
    const existingGuest = await send(tenant.sim, 'POST', '/v1.0/invitations', { token, body: invitationFor('pending.guest@fabrikam.com') });
    const usersWhileBlocked = await tenant.control.users();
    await tenant.control.antiAbuse(false);
    const lifted = await send(tenant.sim, 'POST', '/v1.0/invitations', { token, body: invitationFor('blocked@fabrikam.com') });

    expect([blocked.status, existingGuest.status]).toEqual([403, 403]);
    expect(validateGraph('microsoft.graph.ODataErrors.ODataError', blocked.body)).toEqual([]);
    expect(blocked.body).toMatchObject({ error: { code: 'Forbidden', message: blockedMessage } });
    expect(usersWhileBlocked.some((user) => user['mail'] === 'blocked@fabrikam.com')).toBe(false);
    expect(lifted.status).toBe(201);
    expect(await tenant.control.invitationCounts()).toEqual({ 'blocked@fabrikam.com': 1 });
  });

  it('reaches the Graph client as a 403 GraphError that is not retried', async () => {
    await tenant.control.antiAbuse(true);

    const error = await (tenant.graph.api('/invitations').post(invitationFor('blocked@fabrikam.com')) as Promise<unknown>).catch((caught: GraphError) => caught);

    expect(error).toMatchObject({ statusCode: 403, code: 'Forbidden', message: blockedMessage });
    expect(await tenant.control.invitationCallsFor('blocked@fabrikam.com')).toHaveLength(1);
  });

  it('is checked after authentication, throttling and permissions but before the body, and only on invitations', async () => {
    await tenant.control.antiAbuse(true);
    await tenant.control.throttle(2, 60);
    const token = await accessToken(tenant.sim);

    const unauthenticated = await send(tenant.sim, 'POST', '/v1.0/invitations', { body: invitationFor('a@fabrikam.com') });
    const unpermitted = await send(tenant.sim, 'POST', '/v1.0/invitations', { token: await accessToken(tenant.sim, directoryReaderApp), body: invitationFor('a@fabrikam.com') });
    const invalidBody = await send(tenant.sim, 'POST', '/v1.0/invitations', { token, body: { invitedUserEmailAddress: 'not an address' } });
    const overBudget = await send(tenant.sim, 'POST', '/v1.0/invitations', { token, body: invitationFor('a@fabrikam.com') });
    const users = await send(tenant.sim, 'GET', '/v1.0/users', { token });

    expect(unauthenticated.status).toBe(401);
    expect(unpermitted.body).toMatchObject({ error: { code: 'Authorization_RequestDenied' } });
    expect(invalidBody.status).toBe(403);
    expect(invalidBody.body).toMatchObject({ error: { code: 'Forbidden' } });
    expect(overBudget.status).toBe(429);
    expect(users.status).toBe(200);
    // Authentication failed before the throttle counted; the throttle admitted two and refused the third.
    expect(await tenant.control.throttleCounts()).toEqual({ admitted: 2, refused: 1 });
  });

  it('is lifted by reset', async () => {
    await tenant.control.antiAbuse(true);
    await tenant.control.reset();

    const answer = await send(tenant.sim, 'POST', '/v1.0/invitations', { token: await accessToken(tenant.sim), body: invitationFor('after.reset@fabrikam.com') });

    expect(answer.status).toBe(201);
  });
});
