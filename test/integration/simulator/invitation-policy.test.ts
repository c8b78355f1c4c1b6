/**
 * Graph's refusals of app-only invitations the tenant's policy forbids (tenant-policy.md §1–2): invitations
 * turned off (authorizationPolicy.allowInvitesFrom 'none') and the collaboration restrictions' allow or deny
 * list of domains. Nothing is created or counted when an invitation is refused.
 */
import type { GraphError } from '@microsoft/microsoft-graph-client';
import { describe, expect, it } from 'vitest';
import { validateGraph } from '../../support/schemas.js';
import { accessToken, guestAdministrationApp, invitationFor, send, useSimulator } from './helpers.js';


const tenant = useSimulator({ resetBeforeEach: true });

const notAllowedMessage = 'Guest invitations not allowed for your company. Contact your company administrator for more details.';
const blockedMessage = (domain: string): string =>
  `Invitations to users in the domain '${domain}' are blocked by your organization's collaboration restrictions.`;

async function invite(address: string, extra: Record<string, unknown> = {}): Promise<{ status: number; body: unknown }> {
  return send(tenant.sim, 'POST', '/v1.0/invitations', { token: await accessToken(tenant.sim), body: invitationFor(address, extra) });
}

async function guestsWithMail(address: string): Promise<number> {
  return (await tenant.control.users()).filter((user) => user['mail'] === address).length;
}

describe('allowInvitesFrom', () => {
  it("'none' refuses every app-only invitation with 403 Forbidden, and nothing is created or counted", async () => {
    await tenant.control.configure({ authorizationPolicy: { allowInvitesFrom: 'none' } });
    const usersBefore = await tenant.control.users();

    const newGuest = await invite('new.colleague@fabrikam.com');
    const existingGuest = await invite('pending.guest@fabrikam.com');
    const invalidBody = await send(tenant.sim, 'POST', '/v1.0/invitations', { token: await accessToken(tenant.sim), body: { invitedUserEmailAddress: 'not an address' } });
    const reset = await send(tenant.sim, 'POST', '/v1.0/invitations', {
      token: await accessToken(tenant.sim, guestAdministrationApp),
      body: invitationFor('ann@fabrikam.com', { resetRedemption: true, invitedUser: { id: 'a21eec3b-fd20-4c88-8deb-9d30b419d0c0' } }),
    });

    for (const answer of [newGuest, existingGuest, invalidBody, reset]) {
      expect(answer.status).toBe(403);
      expect(answer.body).toMatchObject({ error: { code: 'Forbidden', message: notAllowedMessage } });
    }
    expect(validateGraph('microsoft.graph.ODataErrors.ODataError', newGuest.body)).toEqual([]);
    expect(await tenant.control.users()).toEqual(usersBefore);
    expect(await tenant.control.invitationCounts()).toEqual({});
  });

  it('reaches the Graph client as a 403 GraphError with that code and message', async () => {
    await tenant.control.configure({ authorizationPolicy: { allowInvitesFrom: 'none' } });

    const error = await (tenant.graph.api('/invitations').post(invitationFor('new.colleague@fabrikam.com')) as Promise<unknown>).catch((caught: GraphError) => caught);

    expect(error).toMatchObject({ statusCode: 403, code: 'Forbidden', message: notAllowedMessage });
  });

  it.each(['adminsAndGuestInviters', 'adminsGuestInvitersAndAllMembers', 'everyone'] as const)(
    "'%s' does not stop an app-only invitation",
    async (allowInvitesFrom) => {
      await tenant.control.configure({ authorizationPolicy: { allowInvitesFrom } });

      const answer = await invite('new.colleague@fabrikam.com');

      expect(answer.status).toBe(201);
      expect(await guestsWithMail('new.colleague@fabrikam.com')).toBe(1);
      expect(await tenant.control.invitationCounts()).toEqual({ 'new.colleague@fabrikam.com': 1 });
    },
  );

  it('is lifted by changing the setting back, and by reset', async () => {
    await tenant.control.configure({ authorizationPolicy: { allowInvitesFrom: 'none' } });
    expect((await invite('a@fabrikam.com')).status).toBe(403);

    await tenant.control.configure({ authorizationPolicy: { allowInvitesFrom: 'adminsAndGuestInviters' } });
    expect((await invite('a@fabrikam.com')).status).toBe(201);

    await tenant.control.configure({ authorizationPolicy: { allowInvitesFrom: 'none' } });
    await tenant.control.reset();
    expect((await invite('b@fabrikam.com')).status).toBe(201);
  });
});

describe('collaboration restrictions: a deny list', () => {
  it('refuses an invitation to a blocked domain (any case) with 400 BadRequest naming it; nothing is created or counted', async () => {
    await tenant.control.configure({ collaborationRestrictions: { blockedDomains: ['Fabrikam.com', 'gmail.com'] } });
    const usersBefore = await tenant.control.users();

    const answer = await invite('New.Colleague@FABRIKAM.com');

    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: { code: 'BadRequest', message: blockedMessage('fabrikam.com') } });
    expect(validateGraph('microsoft.graph.ODataErrors.ODataError', answer.body)).toEqual([]);
    expect(await tenant.control.users()).toEqual(usersBefore);
    expect(await tenant.control.invitationCounts()).toEqual({});
  });

  it('refuses re-inviting an existing guest at a blocked domain too', async () => {
    await tenant.control.configure({ collaborationRestrictions: { blockedDomains: ['gmail.com'] } });

    const answer = await invite('sam.pending@gmail.com');

    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: { message: blockedMessage('gmail.com') } });
    expect(await tenant.control.invitationCounts()).toEqual({});
  });

  it('lets other domains through, subdomains of a blocked domain included (a listed domain covers itself only)', async () => {
    await tenant.control.configure({ collaborationRestrictions: { blockedDomains: ['fabrikam.com'] } });

    const other = await invite('chris.new@litware.org');
    const subdomain = await invite('kim@eu.fabrikam.com');

    expect([other.status, subdomain.status]).toEqual([201, 201]);
    expect(await tenant.control.invitationCounts()).toEqual({ 'chris.new@litware.org': 1, 'kim@eu.fabrikam.com': 1 });
  });

  it('reaches the Graph client as a 400 GraphError', async () => {
    await tenant.control.configure({ collaborationRestrictions: { blockedDomains: ['fabrikam.com'] } });

    const error = await (tenant.graph.api('/invitations').post(invitationFor('jane@fabrikam.com')) as Promise<unknown>).catch((caught: GraphError) => caught);

    expect(error).toMatchObject({ statusCode: 400, code: 'BadRequest', message: blockedMessage('fabrikam.com') });
  });
});

describe('collaboration restrictions: an allow list', () => {
  it('admits only the listed domains', async () => {
    await tenant.control.configure({ collaborationRestrictions: { allowedDomains: ['northwind.com'] } });

    const listed = await invite('ada@northwind.com');
    const unlisted = await invite('chris.new@litware.org');

    expect(listed.status).toBe(201);
    expect(unlisted.status).toBe(400);
    expect(unlisted.body).toMatchObject({ error: { code: 'BadRequest', message: blockedMessage('litware.org') } });
    expect(await guestsWithMail('chris.new@litware.org')).toBe(0);
    expect(await tenant.control.invitationCounts()).toEqual({ 'ada@northwind.com': 1 });
  });

  it('applies to resetting a guest’s redemption as well', async () => {
    await tenant.control.configure({ collaborationRestrictions: { allowedDomains: ['northwind.com'] } });

    const reset = await send(tenant.sim, 'POST', '/v1.0/invitations', {
      token: await accessToken(tenant.sim, guestAdministrationApp),
      body: invitationFor('ann@fabrikam.com', { resetRedemption: true, invitedUser: { id: 'a21eec3b-fd20-4c88-8deb-9d30b419d0c0' } }),
    });

    expect(reset.status).toBe(400);
    expect(reset.body).toMatchObject({ error: { message: blockedMessage('fabrikam.com') } });
    const ann = (await tenant.control.users()).find((user) => user['id'] === 'a21eec3b-fd20-4c88-8deb-9d30b419d0c0');
    expect(ann?.['externalUserState']).toBe('Accepted');
  });
});

describe('configuring the collaboration restrictions', () => {
  it('starts with both lists empty (any domain) and is restored by reset', async () => {
    expect((await tenant.control.configuration()).collaborationRestrictions).toEqual({ allowedDomains: [], blockedDomains: [] });

    await tenant.control.configure({ collaborationRestrictions: { blockedDomains: ['fabrikam.com'] } });
    await tenant.control.reset();

    expect((await tenant.control.configuration()).collaborationRestrictions).toEqual({ allowedDomains: [], blockedDomains: [] });
  });

  it('refuses both lists at once, and a wildcard, changing nothing', async () => {
    await tenant.control.configure({ collaborationRestrictions: { blockedDomains: ['fabrikam.com'] } });
    const before = await tenant.control.configuration();

    const both = await send(tenant.sim, 'PATCH', '/_sim/configuration', { body: { collaborationRestrictions: { allowedDomains: ['northwind.com'] } } });
    const wildcard = await send(tenant.sim, 'PATCH', '/_sim/configuration', { body: { collaborationRestrictions: { blockedDomains: ['*.fabrikam.com'] } } });

    expect(both.status).toBe(400);
    expect(both.body).toMatchObject({ error: expect.stringContaining('at most one of allowedDomains and blockedDomains may list domains') });
    expect(wildcard.status).toBe(400);
    expect(wildcard.body).toMatchObject({ error: expect.stringContaining('collaborationRestrictions.blockedDomains[0]') });
    expect(await tenant.control.configuration()).toEqual(before);
  });

  it('switches lists when the other one is emptied in the same change', async () => {
    await tenant.control.configure({ collaborationRestrictions: { blockedDomains: ['fabrikam.com'] } });

    const after = await tenant.control.configure({ collaborationRestrictions: { allowedDomains: ['fabrikam.com'], blockedDomains: [] } });

    expect(after.collaborationRestrictions).toEqual({ allowedDomains: ['fabrikam.com'], blockedDomains: [] });
    expect((await invite('jane@fabrikam.com')).status).toBe(201);
  });

  it('is not readable through Graph v1.0: no resource serves it', async () => {
    await tenant.control.configure({ collaborationRestrictions: { blockedDomains: ['fabrikam.com'] } });
    const token = await accessToken(tenant.sim);

    const authorizationPolicy = await send(tenant.sim, 'GET', '/v1.0/policies/authorizationPolicy', { token });

    expect(JSON.stringify(authorizationPolicy.body)).not.toContain('fabrikam.com');
    expect(authorizationPolicy.body).not.toHaveProperty('collaborationRestrictions');
  });
});
