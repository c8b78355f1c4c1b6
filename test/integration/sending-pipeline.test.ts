/**
 * The sending pipeline through the bot's HTTP surface: Send queues the batch on Azure Storage Queues
 * (Azurite), the bot's worker invites through the real Graph client against the simulator, and the
 * batch's card counts up in place. Faults, throttling, duplicates, the anti-abuse block, the daily limit,
 * poison messages and the bot's own mailbox.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TableClient } from '@azure/data-tables';
import { QueueServiceClient } from '@azure/storage-queue';
import type { RunningAzurite } from '../../local/azurite.js';
import type { RunningSimulator } from '../../local/simulator/index.js';
import { startBotInProcess, type BotUnderTest } from '../support/bot-under-test.js';
import { actionData, cardText, type ConnectorRecorder } from '../support/connector-recorder.js';
import { addresses, Conversation } from '../support/conversation.js';
import { startLocalServices, type LocalServices } from '../support/local-services.js';
import type { SimulatorControl } from '../support/simulator-control.js';

let services: LocalServices;
let azurite: RunningAzurite;
let simulator: RunningSimulator;
let sim: SimulatorControl;
let connector: ConnectorRecorder;
let env: Record<string, string>;
let chat: Conversation;
const bots: BotUnderTest[] = [];

beforeAll(async () => {
  services = await startLocalServices();
  ({ azurite, simulator, sim, connector } = services);
  chat = new Conversation(connector, simulator.tenantId);
  env = {
    ...services.env,
    INVITE_RATE_LIMIT: '100/1',
    DIRECTORY_RECHECK_SECONDS: '0.2,0.4,0.8',
    GRAPH_REQUEST_TIMEOUT_SECONDS: '5',
  };
});

afterAll(async () => {
  await services?.close();
});

beforeEach(async () => {
  await sim.clearFaults();
  await sim.antiAbuse(false);
});

// Each test's bots share the queue only with each other: instances of one deployment share their settings.
afterEach(async () => {
  for (const bot of bots.splice(0)) await bot.close();
});

async function bot(overrides: Record<string, string> = {}): Promise<BotUnderTest> {
  const started = await startBotInProcess({ ...env, ...overrides });
  bots.push(started);
  return started;
}

/** Pastes the list, presses Send on its review (card id `cardId`), returns the batch id. */
async function send(target: BotUnderTest, list: readonly string[], cardId: string): Promise<string> {
  const review = await chat.say(target.messagesEndpoint, `invite ${list.join(', ')}`);
  const data = actionData(review, 'review.send');
  const sent = await chat.press(target.messagesEndpoint, 'review.send', data, cardId);
  expect(sent.status).toBe(200);
  expect(cardText(sent.body.value)).toMatch(new RegExp(`Sending ${list.length} invitations?… 0 of ${list.length} done`));
  return String(data.batchId);
}

async function outcomesOf(batchId: string): Promise<Record<string, { outcome: string; reason?: string }>> {
  const table = TableClient.fromConnectionString(azurite.connectionString, 'batchoutcomes', { allowInsecureConnection: true });
  const rows: Record<string, { outcome: string; reason?: string }> = {};
  // A reason is kept as a catalogue Message (reasonMessage); rows of older versions kept English text (reason).
  for await (const row of table.listEntities<{ address: string; outcome: string; reasonMessage?: string; reason?: string }>({
    queryOptions: { filter: `PartitionKey eq '${simulator.tenantId}_${batchId}'` },
  })) {
    const reason = row.reasonMessage ?? row.reason;
    rows[row.address] = { outcome: row.outcome, ...(reason ? { reason } : {}) };
  }
  return rows;
}

const queues = () => QueueServiceClient.fromConnectionString(azurite.connectionString);

/** Every bot a test starts consumes the same queue, as instances sharing a storage account do. */
const logsOfAllBots = () => bots.flatMap((started) => started.logs);
const workDone = () => logsOfAllBots().filter((line) => line.includes('send work done')).length;

describe('the sending pipeline', () => {
  it('200 addresses with 10% injected Graph faults: every address ends invited or failed with a reason, nobody invited twice', async () => {
    const target = await bot();
    await sim.replicationLag(300);
    await sim.randomFaults({ method: 'POST', path: '/v1.0/invitations', rate: 0.1, seed: 20261201, kinds: ['500', '503', '504', '504-after-create', 'drop-after-create'] });
    const list = addresses(200, 'faults');
    const batchId = await send(target, list, 'card-faults');

    const final = await chat.waitForUpdate('card-faults', /invitations? sent/, 120_000);
    const injected = await sim.randomFaultCounts();
    expect(Object.values(injected).reduce((sum, n) => sum + n, 0)).toBeGreaterThan(10);
    const outcomes = await outcomesOf(batchId);
    expect(Object.keys(outcomes).sort()).toEqual([...list].sort());
    const counts = await sim.invitationCounts();
    for (const address of list) {
      const { outcome, reason } = outcomes[address]!;
      expect(['invited', 'failed']).toContain(outcome);
      if (outcome === 'failed') expect(reason).toBeTruthy();
      else expect(counts[address], address).toBe(1);
      expect(counts[address] ?? 0, address).toBeLessThanOrEqual(1);
    }
    // The card counted up in place before it showed the result.
    const updates = chat.updatesOf('card-faults').map(cardText);
    expect(updates.some((text) => /Sending 200 invitations… \d+ of 200 done/.test(text))).toBe(true);
    expect(cardText(final)).toContain('Invited');
    await sim.replicationLag(0);
  });

  it('a duplicate queue delivery and a second Send change nothing', async () => {
    const target = await bot();
    const list = addresses(3, 'duplicate');
    const batchId = await send(target, list, 'card-duplicate');
    await chat.waitForUpdate('card-duplicate', /3 invitations sent/);
    const again = await chat.press(target.messagesEndpoint, 'review.send', { batchId }, 'card-duplicate');
    expect(cardText(again.body.value)).toContain('3 invitations sent');

    const before = workDone();
    await queues().getQueueClient('invite-work').sendMessage(JSON.stringify({ tenantId: simulator.tenantId, batchId, addresses: list }));
    await expect.poll(workDone, { timeout: 20_000 }).toBe(before + 1);
    const counts = await sim.invitationCounts();
    for (const address of list) expect(counts[address]).toBe(1);
    expect(Object.values(await outcomesOf(batchId)).map((o) => o.outcome)).toEqual(['invited', 'invited', 'invited']);
  });

  it('Graph throttling: the shared pace adapts to 429s and every address still goes out once', async () => {
    const target = await bot({ INVITE_RATE_LIMIT: '150/5' });
    await sim.throttle(10, 1);
    const list = addresses(40, 'throttled');
    const batchId = await send(target, list, 'card-throttled');
    await chat.waitForUpdate('card-throttled', /40 invitations sent/, 60_000);
    const { refused } = await sim.throttleCounts();
    expect(refused).toBeGreaterThan(0);
    expect(Object.values(await outcomesOf(batchId)).every((o) => o.outcome === 'invited')).toBe(true);
    const counts = await sim.invitationCounts();
    for (const address of list) expect(counts[address]).toBe(1);
    await fetch(`${simulator.url}/_sim/throttle`, { method: 'DELETE' });
  });

  it('an anti-abuse block pauses the batch and tells the inviter; Resume sends the rest', async () => {
    const target = await bot();
    await sim.antiAbuse(true);
    const list = addresses(4, 'abuse');
    const batchId = await send(target, list, 'card-abuse');
    const paused = await chat.waitForUpdate('card-abuse', /Paused/);
    expect(cardText(paused)).toContain('suspicious activity');
    expect(actionData(paused, 'batch.resume')).toEqual({ batchId });
    expect(Object.keys(await outcomesOf(batchId))).toEqual([]);

    await sim.antiAbuse(false);
    const resumed = await chat.press(target.messagesEndpoint, 'batch.resume', { batchId }, 'card-abuse');
    expect(cardText(resumed.body.value)).toContain('Sending 4 invitations');
    await chat.waitForUpdate('card-abuse', /4 invitations sent/);
    const counts = await sim.invitationCounts();
    for (const address of list) expect(counts[address]).toBe(1);
  });

  it('the daily limit pauses the batch until the next UTC day, with the time on the card', async () => {
    const target = await bot({ INVITE_DAILY_LIMIT: '2' });
    const list = addresses(5, 'daily');
    const batchId = await send(target, list, 'card-daily');
    const paused = await chat.waitForUpdate('card-daily', /Paused/);
    // Midnight UTC, in the inviter's locale and time zone (none sent here: English, UTC).
    expect(cardText(paused)).toMatch(/Sending goes on by itself after \w{3} \d{1,2}, \d{4}, 12:00\s?AM\./);
    expect(Object.values(await outcomesOf(batchId)).filter((o) => o.outcome === 'invited')).toHaveLength(2);
    expect(JSON.stringify(paused)).not.toContain('batch.resume');
  });

  it('Retry failed sends the failures again and only them', async () => {
    const target = await bot();
    const list = addresses(3, 'retry');
    await sim.fault({ method: 'POST', path: '/v1.0/invitations', status: 400, code: 'BadRequest', message: 'The invited user address is not allowed.', count: 1 });
    const batchId = await send(target, list, 'card-retry');
    const done = await chat.waitForUpdate('card-retry', /invitations sent/);
    expect(cardText(done)).toContain('The invited user address is not allowed.');
    const retried = await chat.press(target.messagesEndpoint, 'batch.retry', actionData(done, 'batch.retry'), 'card-retry');
    expect(cardText(retried.body.value)).toContain('Sending 3 invitations');
    await chat.waitForUpdate('card-retry', /3 invitations sent/);
    expect(Object.values(await outcomesOf(batchId)).map((o) => o.outcome)).toEqual(['invited', 'invited', 'invited']);
    const counts = await sim.invitationCounts();
    for (const address of list) expect(counts[address]).toBe(1);
  });

  it('only the inviter may retry or resume, checked on the server', async () => {
    const target = await bot();
    const batchId = await send(target, addresses(1, 'notyours'), 'card-notyours');
    await chat.waitForUpdate('card-notyours', /Invitation sent/);
    const other = new Conversation(connector, simulator.tenantId, 'personal', { id: '29:fox', name: 'Fox Mulder', aadObjectId: '99170eae-9d9a-4e85-85d9-062e3c095195' });
    const refused = await other.press(target.messagesEndpoint, 'batch.retry', { batchId }, 'card-notyours');
    expect(refused.body).toMatchObject({ statusCode: 403, value: { code: 'NotYourList' } });
  });

  it('an unreadable queue message is parked in the poison queue, not retried forever', async () => {
    await bot();
    const poison = queues().getQueueClient('invite-work-poison');
    await poison.createIfNotExists();
    await queues().getQueueClient('invite-work').sendMessage('this is not work');
    await expect.poll(async () => (await poison.peekMessages()).peekedMessageItems.length, { timeout: 20_000 }).toBe(1);
    expect(logsOfAllBots().join('\n')).toContain('unreadable message parked in the poison queue');
  });
});

describe('delivery through the bot’s own mailbox', () => {
  it('Graph sends no email; the bot mails each guest the personal note and the redeem link, once', async () => {
    const target = await bot({ INVITATION_DELIVERY: 'mailbox', INVITATION_MAILBOX: 'invitations@contoso.com' });
    const form = await chat.press(target.messagesEndpoint, 'form.review', {
      addresses: 'Mail One <mail.one@fabrikam.com>, mail.two@fabrikam.com',
      personalMessage: 'Welcome to the <b>Northwind</b> project!',
      redirectChoice: `https://myapps.microsoft.com/?tenantid=${simulator.tenantId}`,
      redirectOther: '',
      cc: '',
      language: 'en-US',
    }, 'form-card');
    const review = form.body.value;
    expect(cardText(review)).toContain('Review before sending');
    await chat.press(target.messagesEndpoint, 'review.send', actionData(review, 'review.send'), 'card-mailbox');
    await chat.waitForUpdate('card-mailbox', /2 invitations sent/);

    const calls = await sim.invitationCallsFor('mail.one@fabrikam.com');
    expect(calls[0]?.body).toMatchObject({ sendInvitationMessage: false });
    const mails = (await sim.mail()).filter((mail) => mail.to.some((to) => to.startsWith('mail.')));
    expect(mails).toHaveLength(2);
    expect(mails[0]).toMatchObject({ from: 'invitations@contoso.com', contentType: 'Text', subject: 'Dana Scully invited you to collaborate' });
    expect(mails[0]?.content).toContain('Welcome to the <b>Northwind</b> project!');
    expect(mails[0]?.content).toMatch(/https:\/\/login\.microsoftonline\.com\/redeem\?/);
  });
});
