/**
 * What tracking costs: 10,000 tracked guests, 1% of them accepting between rounds, followed by the bot's
 * users delta adapter against the simulator, beside per-user polling (one GET /users/{id} per pending guest,
 * what a tracker without delta does), in the same run. Then, through the bot itself (its own process, driven
 * through /api/messages): time from a guest's redemption to their card changing, with change notifications
 * on, and with polling alone at TRACKING_POLL_SECONDS. Prints figures; never fails on timing.
 */
import { startBotProcess } from '../../local/bot-process.js';
import { freePort } from '../../local/stack.js';
import { localIdentities } from '../../local/local-identities.js';
import { mapWithConcurrency } from '../../src/domain/use-cases/review-invitees.js';
import { secretGraphClient } from '../support/app-sign-in.js';
import { GraphUserChanges } from '../../src/graph/user-changes.js';
import { actionData } from '../support/connector-recorder.js';
import { addresses, Conversation } from '../support/conversation.js';
import { startLocalServices, type LocalServices } from '../support/local-services.js';
import { format, printTable } from './table.js';

const GUESTS = 10_000;
const CHANGING = GUESTS / 100;
const ROUNDS = 3;
const POLL_SECONDS = 10;

async function main(): Promise<void> {
  const services = await startLocalServices();
  try {
    // `-- latency` runs the second part only.
    if (!process.argv.includes('latency')) await deltaAgainstPolling(services);
    await redemptionToCard(services);
  } finally {
    await services.close();
  }
}

async function deltaAgainstPolling(services: LocalServices): Promise<void> {
  const { app } = localIdentities();
  const graph = secretGraphClient(services.simulator, app);
  const list = addresses(GUESTS, 'tracked');
  const seeding = performance.now();
  const ids = await mapWithConcurrency(list, 32, async (address) => {
    const created = (await graph.api('/invitations').post({ invitedUserEmailAddress: address, inviteRedirectUrl: 'https://myapps.microsoft.com/' })) as { invitedUser: { id: string } };
    return created.invitedUser.id;
  });
  console.log(`\nTracking ${GUESTS.toLocaleString('en-US')} guests (seeded in ${format((performance.now() - seeding) / 1000, 1)} s), ${CHANGING} accepting between rounds\n`);

  const changes = new GraphUserChanges(graph);
  let started = performance.now();
  let round = await changes.round(undefined);
  const initial = { requests: round.requests, ms: performance.now() - started };
  const rows: string[][] = [['delta: first round (everyone)', String(initial.requests), format(initial.ms, 0), String(round.users.length)]];
  const delta = { requests: 0, ms: 0 };
  const polling = { requests: 0, ms: 0 };
  const pending = ids.map((id, i) => ({ id, address: list[i]! }));
  for (let r = 0; r < ROUNDS; r++) {
    for (const guest of pending.splice(0, CHANGING)) await services.sim.redeem(guest.address);
    started = performance.now();
    round = await changes.round(round.deltaLink);
    delta.requests += round.requests;
    delta.ms += performance.now() - started;
    started = performance.now();
    // Per-user polling asks about every guest still pending (and those it just saw accept).
    const asked = [...pending.map((guest) => guest.id), ...ids.slice(r * CHANGING, (r + 1) * CHANGING)];
    await mapWithConcurrency(asked, 32, (id) => graph.api(`/users/${id}`).select('externalUserState').get() as Promise<unknown>);
    polling.requests += asked.length;
    polling.ms += performance.now() - started;
  }
  rows.push(
    ['delta: a round (average)', format(delta.requests / ROUNDS, 1), format(delta.ms / ROUNDS, 0), String(CHANGING)],
    ['per-user polling: a round (average)', format(polling.requests / ROUNDS, 0), format(polling.ms / ROUNDS, 0), String(CHANGING)],
  );
  printTable(['tracker', 'Graph requests', 'ms', 'changes seen'], rows);
  console.log(`\nper-user polling / delta, Graph requests per round: ${format(polling.requests / delta.requests, 0)}×; time: ${format(polling.ms / delta.ms, 1)}×`);
}

/** Seconds from a guest's redemption to the card's in-place update, through the bot. */
async function redemptionToCard(services: LocalServices): Promise<void> {
  const rows: string[][] = [];
  for (const notifications of [true, false]) {
    const port = await freePort();
    const bot = await startBotProcess({
      ...services.env,
      PORT: String(port),
      LOG_LEVEL: 'info',
      TRACKING_POLL_SECONDS: String(POLL_SECONDS),
      ...(notifications ? { PUBLIC_BASE_URL: `http://127.0.0.1:${port}`, NOTIFICATION_CLIENT_STATE: 'bench-shared-secret-0123456789' } : {}),
    });
    try {
      const chat = new Conversation(services.connector, services.simulator.tenantId);
      const [address] = addresses(1, notifications ? 'notified' : 'polled');
      const review = await chat.say(bot.messagesEndpoint, `invite ${address}`);
      const cardId = `bench-${notifications}`;
      await chat.press(bot.messagesEndpoint, 'review.send', actionData(review, 'review.send'), cardId);
      await chat.waitForUpdate(cardId, /Invitation sent/);
      if (notifications) await waitForSubscription(services).catch((error: unknown) => {
        console.error(bot.output().split('\n').filter((line) => /subscription|tracking|error/i.test(line)).slice(-5).join('\n'));
        throw error;
      });
      const started = performance.now();
      await services.sim.redeem(address!);
      await chat.waitForUpdate(cardId, /Accepted\./, 120_000);
      rows.push([notifications ? 'change notifications' : `polling only, every ${POLL_SECONDS} s`, format((performance.now() - started) / 1000, 2)]);
    } finally {
      await bot.close();
    }
  }
  console.log('');
  printTable(['redemption → card updated', 's'], rows);
}

async function waitForSubscription(services: LocalServices): Promise<void> {
  for (let tries = 0; tries < 600; tries++) {
    if ((await services.sim.subscriptions()).some((subscription) => !subscription.expired)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the bot made no subscription');
}

await main();
