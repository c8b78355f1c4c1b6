/** JSON batching (POST /v1.0/$batch): up to 20 requests answered as if each were sent alone, in one HTTP request. */
import { describe, expect, it } from 'vitest';
import { accessToken, control, invitationFor, send, useSimulator } from './helpers.js';

const tenant = useSimulator({ resetBeforeEach: true });

interface BatchAnswer {
  responses: { id: string; status: number; headers: Record<string, string>; body?: { value?: { mail?: string }[]; error?: { code: string } } }[];
}

const lookUp = (id: string, address: string) => ({ id, method: 'GET', url: `/users?$filter=${encodeURIComponent(`mail eq '${address}'`)}&$select=mail` });

describe('JSON batching', () => {
  it('answers each request of the batch as if sent alone, found or not, in one HTTP request of the call log', async () => {
    const token = await accessToken(tenant.sim);
    await control(tenant.sim, 'DELETE', '/calls');

    const answer = await send(tenant.sim, 'POST', '/v1.0/$batch', {
      token,
      body: { requests: [lookUp('1', 'ann@fabrikam.com'), lookUp('2', 'nobody@example.org'), { id: '3', method: 'GET', url: '/nowhere' }] },
    });

    const byId = new Map((answer.body as BatchAnswer).responses.map((response) => [response.id, response]));
    expect(answer.status).toBe(200);
    expect(byId.get('1')).toMatchObject({ status: 200, body: { value: [{ mail: 'ann@fabrikam.com' }] } });
    expect(byId.get('2')).toMatchObject({ status: 200, body: { value: [] } });
    expect(byId.get('3')).toMatchObject({ status: 400, body: { error: { code: 'BadRequest' } } });
    expect(byId.get('1')?.headers['Content-Type']).toMatch(/^application\/json/);
    const calls = await control<{ method: string; path: string }[]>(tenant.sim, 'GET', '/calls?path=/v1.0');
    expect(calls.map((call) => `${call.method} ${call.path}`)).toEqual(['POST /v1.0/$batch']);
  });

  it('refuses more than 20 requests, a duplicate id, a body without Content-Type and a versioned url, and needs a token', async () => {
    const token = await accessToken(tenant.sim);
    const batch = (requests: unknown[], withToken = true) => send(tenant.sim, 'POST', '/v1.0/$batch', { ...(withToken ? { token } : {}), body: { requests } });

    const tooMany = await batch(Array.from({ length: 21 }, (_, index) => lookUp(String(index + 1), 'ann@fabrikam.com')));
    const duplicate = await batch([lookUp('1', 'a@example.org'), lookUp('1', 'b@example.org')]);
    const noContentType = await batch([{ id: '1', method: 'POST', url: '/invitations', body: invitationFor('x@example.org') }]);
    const versioned = await batch([{ id: '1', method: 'GET', url: '/v1.0/users' }]);
    const anonymous = await batch([lookUp('1', 'ann@fabrikam.com')], false);

    expect([tooMany.status, duplicate.status, noContentType.status, versioned.status, anonymous.status]).toEqual([400, 400, 400, 400, 401]);
    expect(tooMany.body).toMatchObject({ error: { code: 'BadRequest', message: expect.stringContaining('20') } });
  });

  it('throttles each inner invitation against the tenant budget: an inner 429 with its own Retry-After, the batch itself 200', async () => {
    await control(tenant.sim, 'POST', '/throttle', { invitationsPerWindow: 2, windowSeconds: 60 });
    const token = await accessToken(tenant.sim);
    const invite = (id: string) => ({ id, method: 'POST', url: '/invitations', headers: { 'Content-Type': 'application/json' }, body: invitationFor(`batch${id}@example.org`) });

    const answer = await send(tenant.sim, 'POST', '/v1.0/$batch', { token, body: { requests: [invite('1'), invite('2'), invite('3')] } });
    await control(tenant.sim, 'DELETE', '/throttle');

    const responses = (answer.body as BatchAnswer).responses;
    expect(answer.status).toBe(200);
    expect(responses.map((response) => response.status).sort()).toEqual([201, 201, 429]);
    const throttled = responses.find((response) => response.status === 429);
    expect(Number(throttled?.headers['Retry-After'])).toBeGreaterThan(0);
    expect(throttled?.body).toMatchObject({ error: { code: 'TooManyRequests' } });
  });
});
