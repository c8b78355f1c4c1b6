/**
 * The access review round trip through the real surfaces: the bot's lifecycle round (on the tracker's lease
 * holder) posts ONE card to the sponsor in the chat they invited from; the sponsor answers through
 * /api/messages (Keep one, Remove the other); the removed guest's sign-in is blocked in the simulated
 * directory at once and the guest deleted after the grace; the kept guest and a guest this bot did not
 * invite are never touched. Someone else pressing the sponsor's card changes nothing. The same answer from
 * My guests: Remove (confirmed in the card) blocks the guest's sign-in; someone who is not a sponsor is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FOX, WALTER } from '../support/activities.js';
import { startBotInProcess, type BotUnderTest } from '../support/bot-under-test.js';
import { actionData, cardOf, cardText, type RecordedCall } from '../support/connector-recorder.js';
import { Conversation } from '../support/conversation.js';
import { fixtureGranting, startLocalServices, type LocalServices } from '../support/local-services.js';

let services: LocalServices;
let chat: Conversation;
const bots: BotUnderTest[] = [];

beforeAll(async () => {
  services = await startLocalServices({ simulator: { fixturePath: fixtureGranting(['User.ReadWrite.All', 'AuditLog.Read.All', 'LifecyclePolicies-Guests.Read.All']) } });
  chat = new Conversation(services.connector, services.simulator.tenantId);
});

afterAll(async () => {
  for (const bot of bots) await bot.close();
  await services?.close();
});

async function bot(overrides: Record<string, string> = {}): Promise<BotUnderTest> {
  const started = await startBotInProcess({ ...services.env, TRACKING_POLL_SECONDS: '1', ...overrides });
  bots.push(started);
  return started;
}

async function user(address: string): Promise<Record<string, unknown> | undefined> {
  return (await services.sim.users()).find((candidate) => candidate['mail'] === address);
}

const isSponsorCard = (call: RecordedCall) => call.method === 'POST' && cardText(cardOf(call)).includes('Your guests: keep them or remove them?');

describe('access review round trip', () => {
  it('one card to the sponsor; Keep keeps, Remove blocks sign-in at once and deletes after the grace; nothing else is touched', { timeout: 120_000 }, async () => {
    const stranger = await services.sim.createUser({ displayName: 'Not Ours', mail: 'not.ours@litware.org', userType: 'Guest' });
    // Invited and accepted while the rules are off (the default): nothing asks anyone.
    const inviting = await bot();
    for (const address of ['keep.me@litware.org', 'remove.me@litware.org']) await chat.invite(inviting.messagesEndpoint, address);
    for (const address of ['keep.me@litware.org', 'remove.me@litware.org']) await services.sim.redeem(address);
    await services.connector.waitFor((call) => call.method === 'POST' && cardText(cardOf(call)).includes('Invitation accepted'), 2, 30_000);
    expect(services.connector.calls.filter(isSponsorCard)).toEqual([]);
    await inviting.close();

    const reviewing = await bot({ LIFECYCLE_REVIEW_DAYS: '90', LIFECYCLE_REMOVAL_GRACE_DAYS: '0', LIFECYCLE_ROUND_MINUTES: '0' });
    const [posted] = await services.connector.waitFor(isSponsorCard, 1, 30_000);
    const card = cardOf(posted!)!;
    expect(cardText(card)).toContain('keep.me@litware.org');
    expect(cardText(card)).toContain('remove.me@litware.org');
    expect(cardText(card)).not.toContain('not.ours@litware.org');
    const { guests } = actionData(card, 'guest-review.answer') as { guests: string };
    const order = guests.split('\n');
    const choices = Object.fromEntries(order.map((address, index) => [`choice${index}`, address === 'keep.me@litware.org' ? 'keep' : 'remove']));

    const foreign = new Conversation(services.connector, services.simulator.tenantId, 'personal', FOX);
    const refused = await foreign.press(reviewing.messagesEndpoint, 'guest-review.answer', { guests, ...choices }, 'sponsor-card');
    expect(cardText(refused.body.value)).toContain('Only the guest’s sponsors can answer for them.');
    expect((await user('remove.me@litware.org'))?.['accountEnabled']).toBe(true);

    const answered = await chat.press(reviewing.messagesEndpoint, 'guest-review.answer', { guests, ...choices }, 'sponsor-card');
    expect(answered.status).toBe(200);
    expect(cardText(answered.body.value)).toContain('Kept.');
    expect(cardText(answered.body.value)).toContain('Removed: sign-in is blocked now');

    // Blocked at once (or already deleted by a round that came right after: the grace is 0 days).
    const removedId = String((await services.sim.calls({ method: 'PATCH' })).find((call) => call.path.startsWith('/v1.0/users/'))?.path.split('/').at(-1));
    expect(await services.sim.calls({ method: 'PATCH' })).toEqual([expect.objectContaining({ path: `/v1.0/users/${removedId}`, status: 204 })]);
    await expect.poll(async () => user('remove.me@litware.org'), { timeout: 30_000 }).toBeUndefined();
    const deletions = (await services.sim.calls({ method: 'DELETE' })).filter((call) => call.path.startsWith('/v1.0/users/'));
    expect(deletions.map((call) => call.path)).toEqual([`/v1.0/users/${removedId}`]);

    expect((await user('keep.me@litware.org'))?.['accountEnabled']).toBe(true);
    expect((await user('not.ours@litware.org'))?.['accountEnabled']).toBe(true);
    const touched = [...(await services.sim.calls({ method: 'PATCH' })), ...(await services.sim.calls({ method: 'DELETE' }))].map((call) => call.path);
    expect(touched.some((path) => path.includes(stranger.id))).toBe(false);
    // One card per sponsor per review round: later rounds (every second here) ask nothing more.
    expect(services.connector.calls.filter(isSponsorCard)).toHaveLength(1);
  });
});

describe('the lifecycle command', () => {
  it('shows an administrator which rules run and what the next round would do; others are refused', { timeout: 60_000 }, async () => {
    for (const running of bots.splice(0)) await running.close();
    const previewing = await bot({ LIFECYCLE_REDEMPTION_DAYS: '30', LIFECYCLE_DRY_RUN: 'true', LIFECYCLE_ROUND_MINUTES: '600' });
    await services.sim.lifecycle({ lifecyclePolicies: [{ id: 'p1', displayName: 'Contoso guests', rules: ['invitationRedemptionRule'] }] });
    const refused = await new Conversation(services.connector, services.simulator.tenantId, 'personal', FOX).say(previewing.messagesEndpoint, 'lifecycle');
    expect(cardText(refused)).toContain('For administrators only');

    const admin = new Conversation(services.connector, services.simulator.tenantId, 'personal', WALTER);
    const preview = cardText(await admin.say(previewing.messagesEndpoint, 'lifecycle'));
    expect(preview).toContain('Guest lifecycle: the next round, if it ran now');
    expect(preview).toContain('Left to a Microsoft Entra policy');
    expect(preview).toContain('Contoso guests');
    expect(preview).toContain('Dry run is on');
  });
});

describe('Remove from My guests', () => {
  it('asks for confirmation, then blocks sign-in at once; someone who is not a sponsor is refused and nothing changes', { timeout: 120_000 }, async () => {
    for (const running of bots.splice(0)) await running.close();
    // No lifecycle rule needs to be on: a sponsor may remove an accepted guest at any time.
    const running = await bot();
    await chat.invite(running.messagesEndpoint, 'leaving@litware.org');
    await services.sim.redeem('leaving@litware.org');
    await services.connector.waitFor((call) => call.method === 'POST' && cardText(cardOf(call)).includes('Invitation accepted') && cardText(cardOf(call)).includes('leaving@litware.org'), 1, 30_000);
    await expect.poll(async () => cardText(await chat.say(running.messagesEndpoint, 'my guests')), { timeout: 30_000 }).toContain('Remove');

    const list = await chat.say(running.messagesEndpoint, 'my guests');
    const target = actionData(list, 'guests.confirm-remove');
    expect(target).toMatchObject({ address: 'leaving@litware.org' });

    const stranger = new Conversation(services.connector, services.simulator.tenantId, 'personal', FOX);
    const refused = await stranger.press(running.messagesEndpoint, 'guests.remove', target, 'my-guests-card');
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ statusCode: 403, type: 'application/vnd.microsoft.error', value: { code: 'NotYourGuest', message: 'Only the guest’s sponsors can answer for them.' } });
    expect((await user('leaving@litware.org'))?.['accountEnabled']).toBe(true);

    const confirming = await chat.press(running.messagesEndpoint, 'guests.confirm-remove', target, 'my-guests-card');
    expect(cardText(confirming.body.value)).toContain('Remove this guest?');
    expect((await user('leaving@litware.org'))?.['accountEnabled']).toBe(true);

    const removed = await chat.press(running.messagesEndpoint, 'guests.remove', actionData(confirming.body.value, 'guests.remove'), 'my-guests-card');
    expect(cardText(removed.body.value)).toContain('Removed: sign-in is blocked now');
    expect(cardText(removed.body.value)).toContain('Sign-in blocked');
    expect((await user('leaving@litware.org'))?.['accountEnabled']).toBe(false);
  });
});
