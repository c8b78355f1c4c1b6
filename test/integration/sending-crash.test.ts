/**
 * Exactly once across crashes and instances: the bot as its own process(es), exactly as `npm run bot`
 * runs it, sharing one Azurite storage account and one tenant simulator. A bot killed with SIGKILL in the
 * middle of a batch leaves its queue messages to come back; a restarted bot finishes the batch. Two bots
 * consuming one queue split the work. The simulator counts every invitation per address.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBot } from '../../local/bot-process.js';
import { actionData, cardText } from '../support/connector-recorder.js';
import { addresses, type Conversation } from '../support/conversation.js';
import { startBotFleet, type BotFleet } from '../support/bot-fleet.js';
import type { SimulatorControl } from '../support/simulator-control.js';

let fleet: BotFleet;
let sim: SimulatorControl;
let chat: Conversation;

beforeAll(async () => {
  fleet = await startBotFleet({ INVITE_RATE_LIMIT: '60/1' });
  sim = fleet.services.sim;
  chat = fleet.chat;
});

afterAll(async () => {
  await fleet?.close();
});

const botProcess = (overrides: Record<string, string> = {}) => fleet.start(overrides);

const invitedCount = async () => Object.keys(await sim.invitationCounts()).length;

describe('exactly once across crashes and instances', () => {
  it('a bot killed (SIGKILL) in the middle of 500 invitations: a restarted bot completes the batch, one invitation per address', async () => {
    const first = await botProcess();
    const list = addresses(500, 'crash');
    const review = await chat.say(first.messagesEndpoint, `invite ${list.join('\n')}`);
    await chat.press(first.messagesEndpoint, 'review.send', actionData(review, 'review.send'), 'card-crash');

    await expect.poll(invitedCount, { timeout: 30_000, interval: 50 }).toBeGreaterThanOrEqual(100);
    first.process.kill('SIGKILL');
    await new Promise((resolve) => first.process.once('exit', resolve));
    const atKill = await invitedCount();
    expect(atKill).toBeLessThan(500);

    const second = await botProcess();
    const final = await chat.waitForUpdate('card-crash', /500 invitations sent/, 120_000);
    expect(cardText(final)).not.toContain('Failed');
    const counts = await sim.invitationCounts();
    for (const address of list) expect(counts[address], address).toBe(1);
    expect(second.output()).toContain('send work done');
  }, 180_000);

  it('two bot instances on one storage account split one batch and still invite each address exactly once', async () => {
    // Only these two consume the queue, each slow enough (20 invitations/s) that the other's idle polling
    // (at most every 5 s) surely finds work: the point is two instances sharing one batch.
    await fleet.closeBots();
    const [a, b] = await Promise.all([botProcess({ INVITE_RATE_LIMIT: '20/1' }), botProcess({ INVITE_RATE_LIMIT: '20/1' })]);
    const list = addresses(300, 'twin');
    const review = await chat.say(a.messagesEndpoint, `invite ${list.join('\n')}`);
    const data = actionData(review, 'review.send');
    // A double click that lands on both instances: only one Send wins.
    const presses = await Promise.all([
      chat.press(a.messagesEndpoint, 'review.send', data, 'card-twin'),
      chat.press(b.messagesEndpoint, 'review.send', data, 'card-twin'),
    ]);
    expect(presses.map((press) => press.status)).toEqual([200, 200]);
    const logOf = (bot: RunningBot) => bot.output().split('\n').filter((line) => line.includes('batch queued for sending'));
    expect(logOf(a).length + logOf(b).length).toBe(1);

    await chat.waitForUpdate('card-twin', /300 invitations sent/, 120_000);
    const counts = await sim.invitationCounts();
    for (const address of list) expect(counts[address], address).toBe(1);
    const worked = (bot: RunningBot) => bot.output().split('\n').filter((line) => line.includes('send work done') && line.includes(String(data.batchId))).length;
    // 15 messages of 20 addresses (more when a message was put back for later). A worker logs a message as
    // done after the card already shows the result, so its line may arrive a moment later.
    await expect.poll(() => worked(a) + worked(b), { timeout: 20_000 }).toBeGreaterThanOrEqual(15);
    expect(worked(a)).toBeGreaterThan(0);
    expect(worked(b)).toBeGreaterThan(0);
  }, 180_000);
});
