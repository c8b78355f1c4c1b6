/**
 * Scale-out, measured: 1, 2 and 3 bot instances (each its own process, exactly as `npm run bot` runs it)
 * on one Azurite account send one batch against one tenant whose /invitations budget is lowered to
 * BUDGET, so a run takes under a minute. Each run prints the invitations per address (exactly once: 0
 * duplicates), the 429s as a share of the requests Graph saw, the throughput as a share of the budget's
 * ideal pace, and each instance's CPU and peak memory. The baseline is the pacing every instance did alone
 * before the budget was shared (INVITE_PACING=instance): fine for one instance, a 429 storm for three.
 * Goal for 3 shared instances: ≥ 90 % of the ideal pace, ≤ 1 % 429s, 0 duplicates. Never fails on timing.
 *
 * `npm run bench:scale` (all runs) or `npm run bench:scale -- shared:3 instance:1` (chosen runs).
 *
 * FINDING (issue 19, 2 cores shared with other jobs): three shared instances at 65.7 % of the ideal with 2 % 429s
 * came from the pacer and the worker, not from the one ETag'd pace row (unchanged here: conflicts were not
 * counted, and with the fixes below three instances on that same row met no 429s). Four things: (1) an instance claimed slots for every request waiting in it, up to 80,
 * so it held seconds of slots that another instance's 429 could not stop; (2) the slots a 429 held back all left
 * together when its Retry-After ended, a burst that met the next 429, and each 429 costs a pause of a second or
 * more and a slower pace for three windows; (3) a claim that came back after its first slots had passed sent
 * them at once, as did requests woken late by a stalled event loop; (4) an instance's four queue messages got
 * their turns interleaved, finished together, and the pace idled while the workers recorded outcomes and read
 * and prepared the next ones. Now: slots at most about a second ahead, a pause voids the slots it covers, slots
 * start no sooner than the claim is expected back and a request woken well late takes a later one, and the
 * message taken first gets its turns first. Measured after: 0–1 429s in every shared run; the share of the
 * ideal pace follows the machine's load (the same code gave 59.6 % and 87.5–90.4 % for three instances).
 */
import { startBotProcess, type RunningBot } from '../../local/bot-process.js';
import { Conversation } from '../support/conversation.js';
import { sendBatchThroughFleet, type FleetRun } from '../support/fleet-run.js';
import { startLocalServices } from '../support/local-services.js';
import { format, printTable } from './table.js';

/** The simulated tenant's budget: Graph's window (5 s, so the pacer's jitter margin costs the same 5 %), a fifteenth of its size. */
const BUDGET = { requests: 50, windowSeconds: 5 };
const RATE = BUDGET.requests / BUDGET.windowSeconds;
const INVITATIONS = 400;

type Pacing = 'instance' | 'shared';
interface Scenario {
  readonly pacing: Pacing;
  readonly instances: number;
}

const ALL: readonly Scenario[] = [
  { pacing: 'instance', instances: 1 },
  { pacing: 'instance', instances: 3 },
  { pacing: 'shared', instances: 1 },
  { pacing: 'shared', instances: 2 },
  { pacing: 'shared', instances: 3 },
];

const chosen = process.argv.slice(2).flatMap((arg): Scenario[] => {
  const [pacing, instances] = arg.split(':');
  return (pacing === 'instance' || pacing === 'shared') && Number(instances) > 0 ? [{ pacing, instances: Number(instances) }] : [];
});
const SCENARIOS = chosen.length > 0 ? chosen : ALL;

async function main(): Promise<void> {
  const services = await startLocalServices();
  const { sim, simulator, connector } = services;
  const chat = new Conversation(connector, simulator.tenantId);
  const results: { scenario: Scenario; run: FleetRun }[] = [];
  const ideal = INVITATIONS / RATE;
  console.log(`\n${INVITATIONS} invitations per run; tenant budget ${BUDGET.requests} requests per ${BUDGET.windowSeconds} s (ideal: ${format(ideal, 1)} s)\n`);
  try {
    for (const [index, scenario] of SCENARIOS.entries()) {
      await sim.reset();
      await sim.throttle(BUDGET.requests, BUDGET.windowSeconds);
      const env = {
        ...services.env,
        PORT: '0',
        INVITE_RATE_LIMIT: `${BUDGET.requests}/${BUDGET.windowSeconds}`,
        INVITE_PACING: scenario.pacing,
        // 'send work done' (debug) says which instance finished which queue message.
        LOG_LEVEL: 'debug',
      };
      const bots: RunningBot[] = [];
      try {
        // One after another: on a busy machine, several starting together can outlast the start timeout.
        for (let started = 0; started < scenario.instances; started++) bots.push(await startBotProcess(env, { readyTimeoutMs: 180_000 }));
        const run = await sendBatchThroughFleet(bots, chat, sim, { count: INVITATIONS, prefix: `scale${index}${scenario.pacing}${scenario.instances}`, timeoutMs: 300_000 });
        results.push({ scenario, run });
        console.log(`  ${label(scenario)}: ${format(run.seconds, 1)} s, ${run.throttled} 429s, warnings logged ${run.instances.map((use) => use.warnings).join(' / ')}`);
      } finally {
        await Promise.all(bots.map((bot) => bot.close()));
      }
    }
  } finally {
    await services.close();
  }

  console.log('');
  printTable(
    ['run', 'instances', 'invited once', 'duplicates', 's', '% of ideal pace', 'requests', '429s', '% 429', 'CPU % per instance', 'peak RSS MB per instance', 'queue messages per instance'],
    results.map(({ scenario, run }) => [
      scenario.pacing === 'shared' ? 'shared budget' : 'each instance alone (before)',
      String(scenario.instances),
      `${run.invited - run.duplicates}/${INVITATIONS}`,
      String(run.duplicates),
      format(run.seconds, 1),
      format((100 * ideal) / run.seconds, 1),
      String(run.requests),
      String(run.throttled),
      format((100 * run.throttled) / Math.max(1, run.requests), 1),
      run.instances.map((use) => format(use.cpuPercent, 0)).join(' / '),
      run.instances.map((use) => format(use.peakRssMb, 0)).join(' / '),
      run.instances.map((use) => String(use.messagesDone)).join(' / '),
    ]),
  );
  const three = results.find(({ scenario }) => scenario.pacing === 'shared' && scenario.instances === 3)?.run;
  if (three) {
    const pace = (100 * ideal) / three.seconds;
    const share429 = (100 * three.throttled) / Math.max(1, three.requests);
    const pass = pace >= 90 && share429 <= 1 && three.duplicates === 0 && three.invited === INVITATIONS;
    console.log(`\n${pass ? 'PASS' : 'FAIL'}: 3 instances sharing the budget at ${format(pace, 1)} % of the ideal pace (goal ≥ 90 %), ${format(share429, 1)} % 429s (goal ≤ 1 %), ${three.duplicates} duplicates (goal 0)`);
  }
}

function label(scenario: Scenario): string {
  return `${scenario.instances} instance${scenario.instances > 1 ? 's' : ''}, ${scenario.pacing === 'shared' ? 'shared budget' : 'each alone'}`;
}

await main();
