/**
 * How fast 1,000 invitations go out against a tenant that allows L invitation requests a second: the bot
 * (its own process, driven through /api/messages exactly as Teams drives it) against a one-at-a-time
 * loop (what a script or a flow does: POST /invitations, let the Graph SDK's retry handler wait out
 * 429s), both against the tenant simulator with the same budget, in the same run: once on loopback, and
 * once with Graph answering in LATENCY_MS, where a loop's round trips, not the budget, set its pace.
 * Prints wall time, the rate as a share of the ideal N/L, 429s received, and the bot's peak memory.
 * Never fails on timing.
 */
import { readFileSync } from 'node:fs';
import { startBotProcess, type RunningBot } from '../../local/bot-process.js';
import { localIdentities } from '../../local/local-identities.js';
import type { RunningSimulator } from '../../local/simulator/index.js';
import { secretGraphClient } from '../support/app-sign-in.js';
import { actionData } from '../support/connector-recorder.js';
import { addresses, Conversation } from '../support/conversation.js';
import { startLocalServices } from '../support/local-services.js';
import type { SimulatorControl } from '../support/simulator-control.js';
import { format, printTable } from './table.js';

const INVITATIONS = 1_000;
/** The simulated tenant's budget, Graph's own for /invitations: 150 requests in any 5 seconds (throttling.md). */
const BUDGET = { requests: 150, windowSeconds: 5 };
const RATE = BUDGET.requests / BUDGET.windowSeconds;
/** Graph's response time in the second scenario: a fast answer; real invitations often take longer. */
const LATENCY_MS = 100;
/** `npm run bench -- 100` runs one scenario only. */
const SCENARIOS = process.argv.slice(2).map(Number).filter((n) => Number.isFinite(n) && n >= 0).length > 0 ? process.argv.slice(2).map(Number) : [0, LATENCY_MS];

interface Run {
  readonly name: string;
  readonly latencyMs: number;
  readonly seconds: number;
  readonly throttled: number;
  readonly peakRssMb?: number;
}

async function main(): Promise<void> {
  const services = await startLocalServices();
  const { simulator, sim, connector } = services;
  const env = {
    ...services.env,
    PORT: '0',
    INVITE_RATE_LIMIT: `${BUDGET.requests}/${BUDGET.windowSeconds}`,
    LOG_LEVEL: 'info',
  };
  try {
    console.log(`\nSending ${INVITATIONS.toLocaleString('en-US')} invitations against a budget of ${RATE} requests/s (ideal: ${format(INVITATIONS / RATE, 1)} s)\n`);
    const runs: Run[] = [];
    for (const latencyMs of SCENARIOS) {
      runs.push(await oneAtATime(sim, simulator, latencyMs));
      const bot = await startBotProcess(env);
      runs.push(await throughTheBot(sim, bot, new Conversation(connector, simulator.tenantId), latencyMs));
      await bot.close();
    }

    const ideal = INVITATIONS / RATE;
    printTable(
      ['run', 'Graph latency ms', 's', '% of ideal rate', 'invitations/s', '429s', 'peak RSS MB'],
      runs.map((run) => [
        run.name,
        String(run.latencyMs),
        format(run.seconds, 1),
        format((100 * ideal) / run.seconds, 1),
        format(INVITATIONS / run.seconds, 1),
        String(run.throttled),
        run.peakRssMb === undefined ? '-' : format(run.peakRssMb, 0),
      ]),
    );
    console.log('');
    for (const latencyMs of SCENARIOS) {
      const [loop, bot] = runs.filter((run) => run.latencyMs === latencyMs);
      if (!loop || !bot) continue;
      const share = (100 * ideal) / bot.seconds;
      console.log(
        `Graph latency ${latencyMs} ms: bot / one-at-a-time speed ${format(loop.seconds / bot.seconds, 2)}×; ${share >= 90 ? 'PASS' : 'FAIL'}: the bot sends at ${format(share, 1)}% of the ideal rate (target: at least 90%)`,
      );
    }
  } finally {
    await services.close();
  }
}

async function freshTenant(sim: SimulatorControl, latencyMs: number): Promise<void> {
  await sim.reset();
  await sim.throttle(BUDGET.requests, BUDGET.windowSeconds);
  await sim.latency(latencyMs);
}

/** A scripted loop: each invitation in turn, the Graph SDK's default middleware waiting out 429s. */
async function oneAtATime(sim: SimulatorControl, simulator: RunningSimulator, latencyMs: number): Promise<Run> {
  await freshTenant(sim, latencyMs);
  const { app } = localIdentities();
  const graph = secretGraphClient(simulator, app);
  const started = performance.now();
  for (const address of addresses(INVITATIONS, `baseline${latencyMs}`)) {
    await graph.api('/invitations').post({ invitedUserEmailAddress: address, inviteRedirectUrl: 'https://myapps.microsoft.com/', sendInvitationMessage: true });
  }
  const seconds = (performance.now() - started) / 1000;
  return { name: 'one at a time (SDK retries)', latencyMs, seconds, throttled: (await sim.throttleCounts()).refused };
}

/** The bot: paste, review, Send; the clock stops when the card shows the result. */
async function throughTheBot(sim: SimulatorControl, bot: RunningBot, chat: Conversation, latencyMs: number): Promise<Run> {
  await freshTenant(sim, 0);
  const list = addresses(INVITATIONS, `pipeline${latencyMs}`);
  const review = await chat.say(bot.messagesEndpoint, `invite ${list.join('\n')}`);
  await sim.latency(latencyMs);
  const started = performance.now();
  const cardId = `bench-card-${latencyMs}`;
  await chat.press(bot.messagesEndpoint, 'review.send', actionData(review, 'review.send'), cardId);
  await chat.waitForUpdate(cardId, /1,?000 invitations sent/, 600_000);
  const seconds = (performance.now() - started) / 1000;
  const counts = await sim.invitationCounts();
  const twice = Object.values(counts).filter((count) => count > 1).length;
  if (Object.keys(counts).length !== INVITATIONS || twice > 0) throw new Error(`expected ${INVITATIONS} addresses invited once, got ${Object.keys(counts).length} (${twice} twice)`);
  return { name: 'Guest Invites pipeline', latencyMs, seconds, throttled: (await sim.throttleCounts()).refused, peakRssMb: peakRssMb(bot) };
}

/** The bot process's peak resident memory (Linux VmHWM). */
function peakRssMb(bot: RunningBot): number | undefined {
  try {
    const status = readFileSync(`/proc/${bot.process.pid}/status`, 'utf8');
    const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1]);
    return Number.isFinite(kb) ? kb / 1024 : undefined;
  } catch {
    return undefined;
  }
}

await main();
