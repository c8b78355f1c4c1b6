/**
 * After the invitation, through the bot's real HTTP surface against the tenant simulator: the inviter is the
 * sponsor of every guest (with the co-sponsors chosen on the review), as Graph's sponsors relationship reads it;
 * a guest invited from a team channel or a group chat is added there once they accept, exactly once, and
 * welcomed; a refused add is named in the chat.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { localIdentities } from '../../local/local-identities.js';
import { cardAction, DANA, FOX, message, postActivity, type Scope } from '../support/activities.js';
import { secretGraphClient } from '../support/app-sign-in.js';
import { useBotStack } from '../support/bot-stack.js';
import { actionData, cardText } from '../support/connector-recorder.js';
import { validCard } from '../support/conversation.js';
import { validateCard } from '../support/schemas.js';

const stack = useBotStack({ TRACKING_POLL_SECONDS: '1' });

beforeEach(() => stack.connector.clear());

const options = (scope: Scope, from = DANA) => ({ serviceUrl: stack.connector.serviceUrl, tenantId: stack.simulator.tenantId, scope, from });

async function review(text: string, scope: Scope = 'personal'): Promise<Record<string, unknown>> {
  stack.connector.clear();
  expect((await postActivity(stack.bot.messagesEndpoint, message(text, options(scope)))).status).toBe(200);
  const [reply] = await stack.connector.waitFor((call) => call.activity.type === 'message');
  return validCard(reply!);
}

async function press(verb: string, data: Record<string, unknown>, replyToId: string, scope: Scope = 'personal'): Promise<Record<string, unknown>> {
  const response = await postActivity(stack.bot.messagesEndpoint, cardAction(verb, data, { ...options(scope), replyToId }));
  const body = (await response.json()) as { type: string; value: Record<string, unknown> };
  expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
  expect(validateCard(body.value)).toEqual([]);
  return body.value;
}

/** Waits for the batch's card to show its result ("Invitation sent", "2 invitations sent"). */
async function sentTo(replyToId: string): Promise<void> {
  await stack.connector.waitFor((call) => call.method === 'PUT' && call.path.endsWith(`/activities/${replyToId}`) && /invitations? sent/i.test(cardText(call.activity)));
}

/** The guest's sponsors as Graph reads them (GET /users/{id}/sponsors), with the bot's own app. */
async function sponsorsOf(address: string): Promise<string[]> {
  const guest = (await stack.sim.users()).find((user) => user.mail === address);
  expect(guest).toBeDefined();
  const answer = (await secretGraphClient(stack.simulator, localIdentities().app).api(`/users/${String(guest?.id)}/sponsors`).get()) as { value: { id: string }[] };
  return answer.value.map((sponsor) => sponsor.id);
}

describe('sponsors', () => {
  it('the inviter is the sponsor of every guest of a list, in every kind of chat', async () => {
    const addresses = { personal: 'sp.one@fabrikam.com', groupChat: 'sp.two@northwind.com', channel: 'sp.three@litware.org' } as const;
    for (const [scope, address] of Object.entries(addresses) as [Scope, string][]) {
      const card = await review(`invite ${address}`, scope);
      expect(cardText(card)).toContain('You are the sponsor of every guest');
      await press('review.send', actionData(card, 'review.send'), `review-${scope}`, scope);
      await sentTo(`review-${scope}`);
      expect(await sponsorsOf(address)).toEqual([DANA.aadObjectId]);
    }
  });

  it('co-sponsors typed on the review join the inviter as sponsors; the inviter is named once', async () => {
    const card = await review('invite co.one@fabrikam.com, co.two@fabrikam.com');
    await press('review.send', { ...actionData(card, 'review.send'), coSponsors: 'FOX@contoso.com; dana@contoso.com' }, 'review-co');
    await sentTo('review-co');
    expect(await sponsorsOf('co.one@fabrikam.com')).toEqual([DANA.aadObjectId, FOX.aadObjectId]);
    expect(await sponsorsOf('co.two@fabrikam.com')).toEqual([DANA.aadObjectId, FOX.aadObjectId]);

    // "my guests" (or its German and French words) lists them for each sponsor, the co-sponsor included.
    stack.connector.clear();
    await postActivity(stack.bot.messagesEndpoint, { ...message('mes invités', options('personal', FOX)), locale: 'fr-FR' });
    const [listed] = await stack.connector.waitFor((call) => call.activity.type === 'message');
    const guests = cardText(validCard(listed!));
    expect(guests).toContain('Invités dont vous êtes le sponsor (2)');
    expect(guests).toContain('co.one@fabrikam.com');
    expect(guests).toContain('2 sponsors, dont vous');
    expect(guests).not.toContain('sp.one@fabrikam.com');
  });

  it('a co-sponsor who is not a member of the tenant, or one too many, brings the review back and nothing is sent', async () => {
    const card = await review('invite not.sent@fabrikam.com');
    const refused = await press('review.send', { ...actionData(card, 'review.send'), coSponsors: 'nobody@contoso.com, ann@fabrikam.com' }, 'review-bad');
    expect(cardText(refused)).toContain('nobody@contoso.com is not in your organisation’s directory');
    expect(cardText(refused)).toContain('ann@fabrikam.com is a guest');
    const crowded = await press(
      'review.send',
      { ...actionData(card, 'review.send'), coSponsors: 'fox@contoso.com walter@contoso.com monica@contoso.com john@contoso.com alex@contoso.com' },
      'review-bad',
    );
    expect(cardText(crowded)).toContain('At most 4 co-sponsors');
    expect(await stack.sim.invitationCallsFor('not.sent@fabrikam.com')).toHaveLength(0);
  });
});

/** The team behind the test activities' channel (channelData.team.id); its group id comes from TeamsInfo. */
const TEAM_THREAD = '19:general@thread.tacv2';
const GROUP_CHAT = '19:group-1@thread.v2';
/** One group id for every test: the bot caches a team's group id for the process, as a team's never changes. */
const TEAM_GROUP = 'a5c0f7e2-3b1d-4c6e-9f80-1d2e3f4a5b6c';

async function teamAnswering(options: { allowToAddGuests?: boolean } = {}): Promise<string> {
  const { groupId } = await stack.sim.createTeam({ groupId: TEAM_GROUP, displayName: 'Project X', threadId: TEAM_THREAD, members: [DANA.aadObjectId], ...options });
  stack.connector.clearScripts();
  stack.connector.script({ method: 'GET', matches: (call) => call.path.includes('/v3/teams/'), status: 200, body: { id: TEAM_THREAD, name: 'Project X', aadGroupId: groupId } });
  return groupId;
}

/** Invites from a chat of `scope` with "add to this team/chat" as the review card offers it, and waits until sent. */
async function inviteFrom(scope: Scope, address: string, replyToId: string): Promise<Record<string, unknown>> {
  const card = await review(`invite ${address}`, scope);
  const text = cardText(card);
  expect(text).toContain(scope === 'channel' ? 'Add each guest to this team when they accept' : 'Add each guest to this chat when they accept');
  await press('review.send', { ...actionData(card, 'review.send'), addToSpace: 'true' }, replyToId, scope);
  await sentTo(replyToId);
  return card;
}

async function guestId(address: string): Promise<string> {
  const guest = (await stack.sim.users()).find((user) => user.mail === address);
  return String(guest?.id);
}

async function postedCardSaying(text: string): Promise<void> {
  await stack.connector.waitFor((call) => call.method === 'POST' && cardText(call.activity).includes(text));
}

describe('membership where invited', () => {
  beforeEach(async () => {
    await stack.sim.reset();
  });

  it('a guest invited from a team channel is added to that team once, after accepting, and welcomed there', async () => {
    const groupId = await teamAnswering();
    await inviteFrom('channel', 'member.one@fabrikam.com', 'review-team');
    expect(await stack.sim.memberAdds()).toEqual([]);

    await stack.sim.redeem('member.one@fabrikam.com');
    await postedCardSaying('A guest joins this team');
    const id = await guestId('member.one@fabrikam.com');
    expect(await stack.sim.memberAdds()).toEqual([expect.objectContaining({ kind: 'team', target: groupId, userId: id })]);
    const adds = await stack.sim.calls({ method: 'POST', path: `/v1.0/teams/${groupId}/members` });
    expect(adds[0]?.body).toMatchObject({ '@odata.type': '#microsoft.graph.aadUserConversationMember', roles: [], 'user@odata.bind': expect.stringContaining(id) });
    const welcome = stack.connector.calls.find((call) => call.method === 'POST' && cardText(call.activity).includes('A guest joins this team'));
    expect(cardText(welcome?.activity)).toContain('invited by Dana Scully');
  });

  it('a guest invited from a group chat is added to that chat, without its history by default', async () => {
    await stack.sim.createChat({ id: GROUP_CHAT, members: [DANA.aadObjectId] });
    await inviteFrom('groupChat', 'chat.one@northwind.com', 'review-chat');
    await stack.sim.redeem('chat.one@northwind.com');
    await postedCardSaying('A guest joins this chat');
    const adds = (await stack.sim.calls({ method: 'POST', path: '/v1.0/chats' })).filter((call) => decodeURIComponent(call.path) === `/v1.0/chats/${GROUP_CHAT}/members`);
    expect(adds).toHaveLength(1);
    expect(adds[0]?.body).toMatchObject({ roles: ['guest'] });
    expect(adds[0]?.body).not.toHaveProperty('visibleHistoryStartDateTime');
  });

  it('an answer lost after Graph added the guest (the crash window) is settled by a second try: one add, one welcome', async () => {
    const groupId = await teamAnswering();
    await inviteFrom('channel', 'member.two@fabrikam.com', 'review-crash');
    await stack.sim.fault({ method: 'POST', path: `/v1.0/teams/${groupId}/members`, afterCreate: true });

    await stack.sim.redeem('member.two@fabrikam.com');
    await postedCardSaying('A guest joins this team');
    const tries = await stack.sim.calls({ method: 'POST', path: `/v1.0/teams/${groupId}/members` });
    expect(tries.map((call) => call.status)).toEqual([null, 409]);
    expect(await stack.sim.memberAdds()).toHaveLength(1);
    expect(stack.connector.calls.filter((call) => call.method === 'POST' && cardText(call.activity).includes('A guest joins this team'))).toHaveLength(1);
  });

  it('a group that does not allow guests: the chat is told why, and nobody is added', async () => {
    await teamAnswering({ allowToAddGuests: false });
    await inviteFrom('channel', 'member.three@fabrikam.com', 'review-refused');
    await stack.sim.redeem('member.three@fabrikam.com');
    await postedCardSaying('this team’s group does not allow guests');
    expect(await stack.sim.memberAdds()).toEqual([]);
  });

  it('where Teams refuses an app’s guest add, the guest goes into the team’s group and the chat is told it may take hours', async () => {
    const groupId = await teamAnswering();
    await stack.sim.teamsSettings({ appOnlyGuestAdds: false });
    await inviteFrom('channel', 'member.four@fabrikam.com', 'review-group');
    await stack.sim.redeem('member.four@fabrikam.com');
    await postedCardSaying('was added to the team’s Microsoft 365 group');
    expect(await stack.sim.memberAdds()).toEqual([expect.objectContaining({ kind: 'group', target: groupId })]);
  });

  it('a guest invited from a shared channel is not added: the chat is told to use B2B direct connect', async () => {
    await stack.sim.createTeam({ groupId: TEAM_GROUP, displayName: 'Project X', threadId: TEAM_THREAD, members: [DANA.aadObjectId], channels: [{ id: '19:shared@thread.tacv2', displayName: 'With Fabrikam', membershipType: 'shared' }] });
    stack.connector.clearScripts();
    stack.connector.clear();
    const fromShared = message('invite member.six@fabrikam.com', options('channel')) as { channelData: Record<string, unknown> };
    fromShared.channelData = { ...fromShared.channelData, channel: { id: '19:shared@thread.tacv2' } };
    expect((await postActivity(stack.bot.messagesEndpoint, fromShared)).status).toBe(200);
    const [reply] = await stack.connector.waitFor((call) => call.activity.type === 'message');
    await press('review.send', { ...actionData(validCard(reply!), 'review.send'), addToSpace: 'true' }, 'review-shared', 'channel');
    await sentTo('review-shared');
    await stack.sim.redeem('member.six@fabrikam.com');
    await postedCardSaying('B2B direct connect');
    expect(await stack.sim.memberAdds()).toEqual([]);
  });

  it('with the switch turned off on the review, nobody is added', async () => {
    await teamAnswering();
    const card = await review('invite member.five@fabrikam.com', 'channel');
    await press('review.send', { ...actionData(card, 'review.send'), addToSpace: 'false' }, 'review-off', 'channel');
    await sentTo('review-off');
    await stack.sim.redeem('member.five@fabrikam.com');
    await stack.connector.waitFor((call) => call.method === 'POST' && cardText(call.activity).includes('Invitation accepted'));
    expect(await stack.sim.memberAdds()).toEqual([]);
  });
});
