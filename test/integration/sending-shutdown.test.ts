/**
 * A clean stop loses nothing: a bot process told to stop (SIGTERM, as Container Apps and App Service do on a
 * scale-in or a new revision) in the middle of a batch takes no more turns or queue messages, finishes or hands
 * back the ones in hand, and exits 0 at once; a second bot finishes the batch, every address invited exactly
 * once. The SIGKILL version is sending-crash.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBot } from '../../local/bot-process.js';
import { message, postActivity } from '../support/activities.js';
import { actionData, cardText } from '../support/connector-recorder.js';
import { addresses, type Conversation } from '../support/conversation.js';
import { startBotFleet, type BotFleet } from '../support/bot-fleet.js';
import { controlRequest, type SimulatorControl } from '../support/simulator-control.js';

let fleet: BotFleet;
let sim: SimulatorControl;
let chat: Conversation;

beforeAll(async () => {
  fleet = await startBotFleet();
  sim = fleet.services.sim;
  chat = fleet.chat;
  // Every Graph call takes a while, as over a real network: a batch is still going when the stop comes.
  await sim.latency(150);
});

afterAll(async () => {
  await fleet?.close();
});

const botProcess = (overrides: Record<string, string> = {}) => fleet.start(overrides);

const invitedCount = async (list: readonly string[]) => {
  const counts = await sim.invitationCounts();
  return list.filter((address) => counts[address] !== undefined).length;
};

/** Sends SIGTERM; resolves with the exit code and how long the process took to go. */
async function terminate(bot: RunningBot): Promise<{ code: number | null; ms: number }> {
  const exited = new Promise<number | null>((resolve) => bot.process.once('exit', (code) => resolve(code)));
  const started = Date.now();
  bot.process.kill('SIGTERM');
  const code = await exited;
  return { code, ms: Date.now() - started };
}

async function startBatch(bot: RunningBot, list: readonly string[], cardId: string): Promise<void> {
  const review = await chat.say(bot.messagesEndpoint, `invite ${list.join('\n')}`);
  await chat.press(bot.messagesEndpoint, 'review.send', actionData(review, 'review.send'), cardId);
}

describe('SIGTERM in the middle of a batch', () => {
  it('finishes the queue messages in hand, takes no more turns or messages, exits 0 at once; a second bot completes the batch exactly once', async () => {
    const first = await botProcess({ INVITE_RATE_LIMIT: '20/1' });
    const list = addresses(100, 'term');
    await startBatch(first, list, 'card-term');
    await expect.poll(() => invitedCount(list), { timeout: 30_000, interval: 50 }).toBeGreaterThanOrEqual(10);

    const stopping = terminate(first);
    // While it finishes its messages, a new turn is turned away for Bot Framework to retry elsewhere.
    await expect.poll(() => first.output().includes('stopping: no new turns'), { timeout: 5_000, interval: 20 }).toBe(true);
    const refused = await postActivity(first.messagesEndpoint, message('help', { serviceUrl: fleet.services.connector.serviceUrl, tenantId: fleet.services.simulator.tenantId }));
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);

    const { code, ms } = await stopping;
    expect(code).toBe(0);
    expect(first.output()).toContain('stopped cleanly');
    expect(first.output()).not.toContain('handed back');
    // Well inside the 25 s grace period: it leaves as soon as its work is done, not on a timer.
    expect(ms).toBeLessThan(15_000);
    // Four messages of 20 were in hand (SEND_CONCURRENCY 4); the fifth stayed in the queue.
    const atExit = await invitedCount(list);
    expect(atExit).toBeLessThanOrEqual(80);
    const done = first.output().split('\n').filter((line) => line.includes('send work done')).length;
    expect(done).toBeLessThanOrEqual(4);

    await botProcess({ INVITE_RATE_LIMIT: '60/1' });
    const final = await chat.waitForUpdate('card-term', /100 invitations sent/, 120_000);
    expect(cardText(final)).not.toContain('Failed');
    const counts = await sim.invitationCounts();
    for (const address of list) expect(counts[address], address).toBe(1);
  }, 180_000);

  it('hands back what it cannot finish within the grace period and still exits 0 promptly; nothing is lost or sent twice', async () => {
    await fleet.closeBots();
    // 5 invitations a second cannot finish 80 addresses in the 1.8 s a 3 s grace period leaves for finishing.
    const first = await botProcess({ INVITE_RATE_LIMIT: '5/1', SHUTDOWN_GRACE_SECONDS: '3' });
    const list = addresses(100, 'handback');
    await startBatch(first, list, 'card-handback');
    await expect.poll(() => invitedCount(list), { timeout: 30_000, interval: 50 }).toBeGreaterThanOrEqual(3);

    const { code, ms } = await terminate(first);
    expect(code).toBe(0);
    expect(first.output()).toContain('handed back for another instance');
    expect(first.output()).toContain('stopped cleanly');
    expect(ms).toBeLessThan(3_000);
    expect(await invitedCount(list)).toBeLessThan(100);

    await botProcess({ INVITE_RATE_LIMIT: '60/1' });
    const final = await chat.waitForUpdate('card-handback', /100 invitations sent/, 120_000);
    expect(cardText(final)).not.toContain('Failed');
    const counts = await sim.invitationCounts();
    for (const address of list) expect(counts[address], address).toBe(1);
  }, 180_000);

  it('is forced out with a non-zero exit code, saying why, when the work in hand outlasts the grace period', async () => {
    await fleet.closeBots();
    // Graph hangs: the tracking round the bot starts with cannot end within a 1 s grace period.
    await sim.latency(30_000);
    await controlRequest(fleet.services.simulator.url, 'DELETE', '/_sim/calls');
    try {
      const stuck = await botProcess({ SHUTDOWN_GRACE_SECONDS: '1' });
      await expect.poll(async () => (await sim.calls({ path: '/v1.0' })).length, { timeout: 10_000, interval: 50 }).toBeGreaterThan(0);
      const { code, ms } = await terminate(stuck);
      expect(code).toBe(1);
      expect(stuck.output()).toContain('did not finish within the grace period: forced exit');
      expect(stuck.output()).not.toContain('stopped cleanly');
      expect(ms).toBeLessThan(5_000);
    } finally {
      await sim.latency(150);
    }
  }, 60_000);
});
