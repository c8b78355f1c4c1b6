/** Adding guests to teams, channels, groups and chats: Graph's answers and refusals as the simulator models them. */
import { describe, expect, it } from 'vitest';
import { accessToken, control, directoryReaderApp, invitationFor, send, useSimulator } from './helpers.js';

const DANA = '0b7f2a1e-6c3d-4e5f-8a9b-1c2d3e4f5a6b';
const GROUP = 'b1f0c2d3-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

const tenant = useSimulator({ resetBeforeEach: true });

async function guest(address: string): Promise<string> {
  const answer = await send(tenant.sim, 'POST', '/v1.0/invitations', { token: await accessToken(tenant.sim), body: invitationFor(address) });
  return (answer.body as { invitedUser: { id: string } }).invitedUser.id;
}

const member = (id: string, extra: Record<string, unknown> = {}) => ({
  '@odata.type': '#microsoft.graph.aadUserConversationMember',
  roles: [],
  'user@odata.bind': `https://graph.microsoft.com/v1.0/users('${id}')`,
  ...extra,
});

async function team(options: Record<string, unknown> = {}): Promise<void> {
  await control(tenant.sim, 'POST', '/teams', {
    groupId: GROUP,
    displayName: 'Project X',
    threadId: '19:general@thread.tacv2',
    members: [DANA],
    channels: [
      { id: '19:private@thread.tacv2', displayName: 'Inner circle', membershipType: 'private' },
      { id: '19:shared@thread.tacv2', displayName: 'With Fabrikam', membershipType: 'shared' },
    ],
    ...options,
  });
}

async function add(path: string, body: unknown) {
  return send(tenant.sim, 'POST', path, { token: await accessToken(tenant.sim), body });
}

describe('team members', () => {
  it('adds a guest once (201, roles guest); a second add is 409; the add is logged', async () => {
    await team();
    const id = await guest('t.one@fabrikam.com');
    const first = await add(`/v1.0/teams/${GROUP}/members`, member(id));
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ '@odata.type': '#microsoft.graph.aadUserConversationMember', userId: id, roles: ['guest'] });
    expect((await add(`/v1.0/teams/${GROUP}/members`, member(id))).status).toBe(409);
    expect(await control(tenant.sim, 'GET', '/member-adds')).toEqual([expect.objectContaining({ kind: 'team', target: GROUP, userId: id })]);
  });

  it.each([
    ['the group does not allow guests', { allowToAddGuests: false }, {}, 403, 'Authorization_RequestDenied', /not allowed to join this Unified Group/],
    ['Teams guest access is off', {}, { guestAccess: false }, 403, 'Forbidden', /Guest access is turned off/],
    ['app-only guest adds are refused', {}, { appOnlyGuestAdds: false }, 403, 'Forbidden', /unknown error/],
  ])('refuses a guest when %s', async (_case, teamOptions, settings, status, code, message) => {
    await team(teamOptions);
    await control(tenant.sim, 'PATCH', '/teams-settings', settings);
    const answer = await add(`/v1.0/teams/${GROUP}/members`, member(await guest('t.two@fabrikam.com')));
    expect(answer.status).toBe(status);
    expect(answer.body).toMatchObject({ error: { code, message: expect.stringMatching(message) } });
  });

  it('refuses an app without a team-member permission, and a team it does not know', async () => {
    await team();
    const id = await guest('t.three@fabrikam.com');
    const reader = await send(tenant.sim, 'POST', `/v1.0/teams/${GROUP}/members`, { token: await accessToken(tenant.sim, directoryReaderApp), body: member(id) });
    expect(reader.status).toBe(403);
    expect((await add('/v1.0/teams/00000000-0000-4000-8000-000000000000/members', member(id))).status).toBe(404);
  });

  it('throttles at 4 requests a second per team', async () => {
    await team();
    const token = await accessToken(tenant.sim);
    const answers = await Promise.all(Array.from({ length: 6 }, () => send(tenant.sim, 'GET', `/v1.0/teams/${GROUP}/members`, { token })));
    const throttled = answers.filter((answer) => answer.status === 429);
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(4);
    expect(throttled[0]?.headers.get('retry-after')).toBe('1');
  });

  it('takes a guest into the team’s group by reference where the app-only team add is refused', async () => {
    await team();
    await control(tenant.sim, 'PATCH', '/teams-settings', { appOnlyGuestAdds: false });
    const id = await guest('t.four@fabrikam.com');
    const reference = { '@odata.id': `https://graph.microsoft.com/v1.0/directoryObjects/${id}` };
    expect((await add(`/v1.0/groups/${GROUP}/members/$ref`, reference)).status).toBe(204);
    expect((await add(`/v1.0/groups/${GROUP}/members/$ref`, reference)).status).toBe(400);
  });
});

describe('channel and chat members', () => {
  const channelPath = (channel: string) => `/v1.0/teams/${GROUP}/channels/${encodeURIComponent(channel)}`;

  it('a private channel takes only a member of the team', async () => {
    await team();
    const id = await guest('c.one@fabrikam.com');
    expect((await add(`${channelPath('19:private@thread.tacv2')}/members`, member(id))).status).toBe(400);
    await add(`/v1.0/teams/${GROUP}/members`, member(id));
    expect((await add(`${channelPath('19:private@thread.tacv2')}/members`, member(id))).status).toBe(201);
  });

  it('a shared channel says so, and refuses guests', async () => {
    await team();
    const id = await guest('c.three@fabrikam.com');
    const channel = await send(tenant.sim, 'GET', `${channelPath('19:shared@thread.tacv2')}?$select=membershipType`, { token: await accessToken(tenant.sim) });
    expect(channel.body).toMatchObject({ membershipType: 'shared' });
    expect((await add(`${channelPath('19:shared@thread.tacv2')}/members`, member(id))).status).toBe(403);
  });

  it('a chat takes a guest with the history asked for; one that refuses guests answers AclCheckFailed', async () => {
    await control(tenant.sim, 'POST', '/chats', { id: '19:open@thread.v2', members: [DANA] });
    await control(tenant.sim, 'POST', '/chats', { id: '19:closed@thread.v2', members: [DANA], refusesGuests: true });
    const id = await guest('c.two@fabrikam.com');
    const added = await add(`/v1.0/chats/${encodeURIComponent('19:open@thread.v2')}/members`, member(id, { roles: ['guest'], visibleHistoryStartDateTime: '0001-01-01T00:00:00Z' }));
    expect(added.status).toBe(201);
    expect(added.headers.get('location')).toContain('19:open@thread.v2');
    const refused = await add(`/v1.0/chats/${encodeURIComponent('19:closed@thread.v2')}/members`, member(id, { roles: ['guest'] }));
    expect(refused).toMatchObject({ status: 403, body: { error: { code: 'AclCheckFailed' } } });
  });
});
