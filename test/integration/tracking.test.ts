/**
 * Tracking acceptance through the real surfaces: the bot's tracker asks the simulator's users delta what
 * changed, updates each invitation's card in place once and tells the chat; a restarted bot resumes from the
 * stored delta link; change notifications wake it, and a forged one is ignored and logged.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TableClient } from '@azure/data-tables';
import { freePort } from '../../local/stack.js';
import { startBotInProcess, type BotUnderTest } from '../support/bot-under-test.js';
import { actionData, cardOf, cardText, type RecordedCall } from '../support/connector-recorder.js';
import { addresses, Conversation } from '../support/conversation.js';
import { startLocalServices, type LocalServices } from '../support/local-services.js';

let services: LocalServices;
let chat: Conversation;
const bots: BotUnderTest[] = [];

beforeAll(async () => {
  services = await startLocalServices();
  chat = new Conversation(services.connector, services.simulator.tenantId);
});

afterAll(async () => {
  for (const bot of bots) await bot.close();
  await services?.close();
});

beforeEach(async () => {
  for (const bot of bots.splice(0)) await bot.close();
  services.connector.clear();
});

async function bot(overrides: Record<string, string> = {}): Promise<BotUnderTest> {
  const started = await startBotInProcess({ ...services.env, TRACKING_POLL_SECONDS: '1', ...overrides });
  bots.push(started);
  return started;
}

const isNotice = (call: RecordedCall) => call.method === 'POST' && cardText(cardOf(call)).includes('Invitation accepted');
const acceptedUpdatesOf = (address: string) => chat.updatesOf(`card-${address}`).filter((card) => cardText(card).includes('Accepted so far'));

describe('tracking acceptance', () => {
  it('invite 50, 10 accept: exactly those 10 cards change in place, each once, and the chat is told', { timeout: 120_000 }, async () => {
    const target = await bot();
    const list = addresses(50, 'tracked');
    for (const address of list) await chat.invite(target.messagesEndpoint, address);
    const accepting = list.filter((_, i) => i % 5 === 0);
    for (const address of accepting) await services.sim.redeem(address);

    await services.connector.waitFor(isNotice, 10, 30_000);
    for (const address of list) expect(acceptedUpdatesOf(address), address).toHaveLength(accepting.includes(address) ? 1 : 0);
    const updated = chat.updatesOf(`card-${accepting[0]}`).at(-1)!;
    expect(cardText(updated)).toMatch(/Accepted so far\s*1/);
    expect(cardText(updated)).toContain('Accepted.');
    // A few more rounds change nothing.
    const rounds = () => target.logs.filter((line) => line.includes('"msg":"tracking round"')).length;
    const before = rounds();
    await expect.poll(rounds, { timeout: 10_000 }).toBeGreaterThan(before + 1);
    expect(services.connector.calls.filter(isNotice)).toHaveLength(10);
    const record = await TableClient.fromConnectionString(services.azurite.connectionString, 'invitations', { allowInsecureConnection: true })
      .getEntity<Record<string, unknown>>(services.simulator.tenantId, encodeURIComponent(accepting[0]!));
    expect(record).toMatchObject({ state: 'Accepted', actualPath: 'email-otp' });
  });

  it('a bot restarted between two rounds resumes from the stored delta link: nothing missed, nothing twice', async () => {
    const first = await bot();
    const list = addresses(3, 'restart');
    for (const address of list) await chat.invite(first.messagesEndpoint, address);
    await services.sim.redeem(list[0]!);
    await services.connector.waitFor(isNotice, 1, 20_000);
    await first.close();
    bots.splice(0);

    await services.sim.redeem(list[1]!);
    await services.sim.redeem(list[2]!);
    await bot();
    await services.connector.waitFor(isNotice, 3, 20_000);
    const noticed = services.connector.calls.filter(isNotice).map((call) => cardText(cardOf(call)));
    for (const address of list) expect(noticed.filter((text) => text.includes(address)), address).toHaveLength(1);
  });

  it('in a channel, read by everyone, the notice names the inviter; in the personal chat it says "your invitation"', async () => {
    const target = await bot();
    const [inChannel, inPersonal] = addresses(2, 'where');
    const channel = new Conversation(services.connector, services.simulator.tenantId, 'channel');
    const review = await channel.say(target.messagesEndpoint, `invite ${inChannel}`);
    await channel.press(target.messagesEndpoint, 'review.send', actionData(review, 'review.send'), `card-${inChannel}`);
    await channel.waitForUpdate(`card-${inChannel}`, /Invitation sent/);
    await chat.invite(target.messagesEndpoint, inPersonal!);
    await services.sim.redeem(inChannel!);
    await services.sim.redeem(inPersonal!);

    await services.connector.waitFor(isNotice, 2, 20_000);
    const noticeOf = (address: string) => cardText(cardOf(services.connector.calls.filter(isNotice).find((call) => cardText(cardOf(call)).includes(address))!)).replace(/\n/g, '');
    expect(noticeOf(inChannel!)).toContain(`${inChannel} accepted the invitation Dana Scully sent`);
    expect(noticeOf(inPersonal!)).toContain(`${inPersonal} accepted your invitation`);
  });

  it('a guest deleted from the directory is shown as such, not left pending', async () => {
    const target = await bot();
    const [address] = addresses(1, 'leaving');
    await chat.invite(target.messagesEndpoint, address!);
    const guest = (await services.sim.users()).find((user) => user.mail === address);
    await services.sim.deleteUser(String(guest?.id));
    await chat.waitForUpdate(`card-${address}`, /No longer in your directory/, 20_000);
  });
});

describe('change notifications', () => {
  it('answers the validation handshake with the token, as plain text', async () => {
    const target = await bot();
    const response = await fetch(`${target.messagesEndpoint.replace('/api/messages', '/api/notifications')}?validationToken=${encodeURIComponent('Validation: token 1')}`, { method: 'POST' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    expect(await response.text()).toBe('Validation: token 1');
  });

  it('a notification with a wrong clientState is ignored and logged', async () => {
    const target = await bot({ TRACKING_POLL_SECONDS: '600', NOTIFICATION_CLIENT_STATE: 'the-right-secret-of-the-bot' });
    const response = await fetch(target.messagesEndpoint.replace('/api/messages', '/api/notifications'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ value: [{ subscriptionId: 's1', clientState: 'forged', changeType: 'updated', resource: 'Users/x' }] }),
    });
    expect(response.status).toBe(202);
    expect(target.logs.join('\n')).toContain('change notification with a wrong clientState ignored');
    expect(target.logs.join('\n')).not.toContain('the-right-secret-of-the-bot');
  });

  it('with a public endpoint, Graph’s notification brings an acceptance to the card long before the next poll', async () => {
    const port = await freePort();
    const notified = await bot({ PORT: String(port), TRACKING_POLL_SECONDS: '600', NOTIFICATION_CLIENT_STATE: 'a-shared-secret-for-every-instance', PUBLIC_BASE_URL: `http://127.0.0.1:${port}` });
    await expect.poll(async () => (await services.sim.subscriptions()).length, { timeout: 20_000 }).toBe(1);
    const [address] = addresses(1, 'notified');
    await chat.invite(notified.messagesEndpoint, address!);
    await services.sim.redeem(address!);
    await chat.waitForUpdate(`card-${address}`, /Accepted\./, 20_000);
  });
});
