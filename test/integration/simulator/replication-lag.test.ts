/** Directory replication lag: a new guest is invisible to Graph reads for a while, but not to the directory. */
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { accessToken, invitationFor, send, useSimulator, type HttpAnswer } from './helpers.js';


const tenant = useSimulator({ resetBeforeEach: true });

const lagMilliseconds = 700;

async function invite(token: string, address: string): Promise<{ status: number; userId: string }> {
  const answer = await send(tenant.sim, 'POST', '/v1.0/invitations', { token, body: invitationFor(address) });
  return { status: answer.status, userId: (answer.body as { invitedUser: { id: string } }).invitedUser.id };
}

async function findByMail(token: string, address: string): Promise<string[]> {
  const answer = await send(tenant.sim, 'GET', `/v1.0/users?$filter=${encodeURIComponent(`mail eq '${address}'`)}&$select=id`, { token });
  return (answer.body as { value: { id: string }[] }).value.map((user) => user.id);
}

async function listedIds(token: string): Promise<string[]> {
  const answer = await send(tenant.sim, 'GET', '/v1.0/users?$select=id&$top=999', { token });
  return (answer.body as { value: { id: string }[] }).value.map((user) => user.id);
}

function getUser(token: string, idOrUserPrincipalName: string): Promise<HttpAnswer> {
  return send(tenant.sim, 'GET', `/v1.0/users/${encodeURIComponent(idOrUserPrincipalName)}`, { token });
}

describe('directory replication lag', () => {
  it('hides a new guest from filters, lists and GET /users/{id} until the lag has passed', async () => {
    await tenant.control.replicationLag(lagMilliseconds);
    const token = await accessToken(tenant.sim);
    const invited = await invite(token, 'lagging@fabrikam.com');
    const invitedAt = Date.now();

    const filtered = await findByMail(token, 'lagging@fabrikam.com');
    const listed = await listedIds(token);
    const byId = await getUser(token, invited.userId);
    const byUserPrincipalName = await getUser(token, 'lagging_fabrikam.com#EXT#@contoso.onmicrosoft.com');
    const inDirectory = (await tenant.control.users()).some((user) => user['id'] === invited.userId);
    const readBeforeLagPassed = Date.now() - invitedAt < lagMilliseconds;
    await sleep(lagMilliseconds + 50 - (Date.now() - invitedAt));

    expect(readBeforeLagPassed).toBe(true);
    expect(invited.status).toBe(201);
    expect(filtered).toEqual([]);
    expect(listed).not.toContain(invited.userId);
    expect([byId.status, byUserPrincipalName.status]).toEqual([404, 404]);
    expect(byId.body).toMatchObject({ error: { code: 'Request_ResourceNotFound' } });
    expect(inDirectory).toBe(true);
    expect(await findByMail(token, 'lagging@fabrikam.com')).toEqual([invited.userId]);
    expect(await listedIds(token)).toContain(invited.userId);
    expect((await getUser(token, invited.userId)).status).toBe(200);
  });

  it('reuses the guest still replicating when the address is invited again, and counts both invitations', async () => {
    await tenant.control.replicationLag(60_000);
    const token = await accessToken(tenant.sim);

    const first = await invite(token, 'twice@fabrikam.com');
    const second = await invite(token, 'twice@fabrikam.com');

    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.userId).toBe(first.userId);
    expect((await tenant.control.users()).filter((user) => user['mail'] === 'twice@fabrikam.com')).toHaveLength(1);
    expect(await tenant.control.invitationCounts()).toEqual({ 'twice@fabrikam.com': 2 });
  });

  it('never hides the seeded users, and is 0 by default and after reset', async () => {
    await tenant.control.replicationLag(60_000);
    const token = await accessToken(tenant.sim);
    const seeded = await findByMail(token, 'ann@fabrikam.com');
    await tenant.control.reset();
    const invited = await invite(token, 'instant@fabrikam.com');

    expect(seeded).toEqual(['a21eec3b-fd20-4c88-8deb-9d30b419d0c0']);
    expect(await findByMail(token, 'instant@fabrikam.com')).toEqual([invited.userId]);
  });

  it('refuses a negative lag', async () => {
    const answer = await send(tenant.sim, 'POST', '/_sim/replication-lag', { body: { milliseconds: -1 } });

    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: expect.stringContaining('milliseconds') });
  });
});
