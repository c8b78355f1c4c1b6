/** A guest's sponsors: set by POST /invitations, read, added and removed through Graph's sponsors relationship. */
import { describe, expect, it } from 'vitest';
import { accessToken, aloneAndBatched, guestAdministrationApp, invitationFor, send, useSimulator } from './helpers.js';

const DANA = '0b7f2a1e-6c3d-4e5f-8a9b-1c2d3e4f5a6b';
const FOX = '99170eae-9d9a-4e85-85d9-062e3c095195';
const WALTER = '3058c8f1-9b9e-4b8d-b0f8-b9e5d467fecd';
const MONICA = 'c1395706-a759-4c6f-8f57-0f66298dda70';
const JOHN = 'c571a415-a71b-461b-91d3-6d0cdd7e1b5a';
const ALEX = '0a6bd1af-d4e9-4fe6-b00e-755f63d96bc3';

const tenant = useSimulator({ resetBeforeEach: true });

async function invite(address: string, sponsors?: string[]): Promise<string> {
  const answer = await send(tenant.sim, 'POST', '/v1.0/invitations', {
    token: await accessToken(tenant.sim),
    body: invitationFor(address, sponsors ? { invitedUserSponsors: sponsors.map((id) => ({ id })) } : {}),
  });
  expect(answer.status).toBe(201);
  return (answer.body as { invitedUser: { id: string } }).invitedUser.id;
}

async function sponsorsOf(userId: string): Promise<string[]> {
  const answer = await send(tenant.sim, 'GET', `/v1.0/users/${userId}/sponsors`, { token: await accessToken(tenant.sim) });
  expect(answer.status).toBe(200);
  const body = answer.body as { value: { '@odata.type': string; id: string }[] };
  for (const sponsor of body.value) expect(sponsor['@odata.type']).toBe('#microsoft.graph.user');
  return body.value.map((sponsor) => sponsor.id);
}

const reference = (id: string) => ({ '@odata.id': `https://graph.microsoft.com/v1.0/users/${id}` });

describe('sponsors', () => {
  it('are the invitation’s invitedUserSponsors, in order; an app’s invitation without them leaves none', async () => {
    expect(await sponsorsOf(await invite('sponsored@fabrikam.com', [DANA, FOX]))).toEqual([DANA, FOX]);
    expect(await sponsorsOf(await invite('unsponsored@fabrikam.com'))).toEqual([]);
  });

  it('a re-invitation leaves the guest’s sponsors as they were', async () => {
    const guest = await invite('again@fabrikam.com', [DANA]);
    await invite('again@fabrikam.com', [FOX]);
    expect(await sponsorsOf(guest)).toEqual([DANA]);
  });

  it('are added and removed by reference with User.ReadWrite.All; the bot’s own app may only read them', async () => {
    const guest = await invite('changing@fabrikam.com', [DANA]);
    const admin = await accessToken(tenant.sim, guestAdministrationApp);

    const refused = await send(tenant.sim, 'POST', `/v1.0/users/${guest}/sponsors/$ref`, { token: await accessToken(tenant.sim), body: reference(FOX) });
    expect(refused.status).toBe(403);
    expect(await send(tenant.sim, 'POST', `/v1.0/users/${guest}/sponsors/$ref`, { token: admin, body: reference(FOX) })).toMatchObject({ status: 204 });
    expect(await sponsorsOf(guest)).toEqual([DANA, FOX]);

    const twice = await send(tenant.sim, 'POST', `/v1.0/users/${guest}/sponsors/$ref`, { token: admin, body: reference(FOX) });
    expect(twice.status).toBe(400);
    expect(JSON.stringify(twice.body)).toContain('already exist');

    expect(await send(tenant.sim, 'DELETE', `/v1.0/users/${guest}/sponsors/${DANA}/$ref`, { token: admin })).toMatchObject({ status: 204 });
    expect(await sponsorsOf(guest)).toEqual([FOX]);
    expect((await send(tenant.sim, 'DELETE', `/v1.0/users/${guest}/sponsors/${DANA}/$ref`, { token: admin })).status).toBe(404);
  });

  it('are read inside a $batch exactly as alone, for a guest and for a user that does not exist', async () => {
    const guest = await invite('batched@fabrikam.com', [DANA, FOX]);
    const token = await accessToken(tenant.sim);
    for (const id of [guest, '00000000-0000-4000-8000-000000000000']) {
      const { alone, batched } = await aloneAndBatched(tenant.sim, `/users/${id}/sponsors?$select=id,displayName,accountEnabled`, token);
      expect(batched).toEqual(alone);
    }
    const { batched } = await aloneAndBatched(tenant.sim, `/users/${guest}/sponsors?$select=id,displayName,accountEnabled`, token);
    expect(batched).toMatchObject({ status: 200, body: { value: [{ id: DANA, accountEnabled: true }, { id: FOX }] } });
  });

  it('are at most five', async () => {
    const guest = await invite('crowded@fabrikam.com', [DANA, FOX, WALTER, MONICA, JOHN]);
    const sixth = await send(tenant.sim, 'POST', `/v1.0/users/${guest}/sponsors/$ref`, { token: await accessToken(tenant.sim, guestAdministrationApp), body: reference(ALEX) });
    expect(sixth.status).toBe(400);
    expect(await sponsorsOf(guest)).toHaveLength(5);
  });
});
