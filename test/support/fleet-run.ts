/**
 * One batch sent by a fleet of bot instances against the simulator's invitation budget, measured: the
 * invitations per address, the 429s Graph answered, the time from Send to the final card, and each
 * instance's CPU and peak memory. Shared by the scale bench and the shared-budget integration test.
 */
import { readFileSync } from 'node:fs';
import type { RunningBot } from '../../local/bot-process.js';
import { actionData } from './connector-recorder.js';
import { addresses, type Conversation } from './conversation.js';
import type { SimulatorControl } from './simulator-control.js';

export interface FleetRun {
  readonly seconds: number;
  readonly invited: number;
  /** Addresses invited more than once. */
  readonly duplicates: number;
  readonly requests: number;
  readonly throttled: number;
  readonly instances: readonly InstanceUse[];
}

interface InstanceUse {
  /** CPU time over the run as a share of one core. */
  readonly cpuPercent: number;
  readonly peakRssMb: number;
  /** Queue messages this instance finished. */
  readonly messagesDone: number;
  /** Warnings it logged (e.g. the shared pace unreachable in storage). */
  readonly warnings: number;
}

/** Pastes `count` addresses on the first bot, presses Send, and waits until the card says they all went. */
export async function sendBatchThroughFleet(
  bots: readonly RunningBot[],
  chat: Conversation,
  sim: SimulatorControl,
  options: { readonly count: number; readonly prefix: string; readonly timeoutMs: number },
): Promise<FleetRun> {
  const [first] = bots;
  if (!first) throw new Error('no bot to send through');
  const list = addresses(options.count, options.prefix);
  const review = await chat.say(first.messagesEndpoint, `invite ${list.join('\n')}`);
  const cardId = `card-${options.prefix}`;
  const cpuBefore = bots.map(cpuSeconds);
  const doneBefore = bots.map(messagesDone);
  const warningsBefore = bots.map(warnings);
  const started = performance.now();
  await chat.press(first.messagesEndpoint, 'review.send', actionData(review, 'review.send'), cardId);
  await chat.waitForUpdate(cardId, new RegExp(`${options.count.toLocaleString('en-US').replace(',', ',?')} invitations sent`), options.timeoutMs);
  const seconds = (performance.now() - started) / 1000;
  const counts = await sim.invitationCounts();
  const mine = list.map((address) => counts[address] ?? 0);
  const { admitted, refused } = await sim.throttleCounts();
  return {
    seconds,
    invited: mine.filter((count) => count > 0).length,
    duplicates: mine.filter((count) => count > 1).length,
    requests: admitted + refused,
    throttled: refused,
    instances: bots.map((bot, index) => ({
      cpuPercent: (100 * (cpuSeconds(bot) - (cpuBefore[index] ?? 0))) / seconds,
      peakRssMb: peakRssMb(bot),
      messagesDone: messagesDone(bot) - (doneBefore[index] ?? 0),
      warnings: warnings(bot) - (warningsBefore[index] ?? 0),
    })),
  };
}

function messagesDone(bot: RunningBot): number {
  return bot.output().split('\n').filter((line) => line.includes('send work done')).length;
}

function warnings(bot: RunningBot): number {
  return bot.output().split('\n').filter((line) => line.includes('"level":40')).length;
}

/** User + system CPU seconds of the bot's process so far (Linux /proc; clock ticks of 1/100 s). */
export function cpuSeconds(bot: RunningBot): number {
  const stat = readFileSync(`/proc/${bot.process.pid}/stat`, 'utf8');
  // Fields after the command name in parentheses; utime and stime are the 14th and 15th of the line.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** The bot process's peak resident memory (Linux VmHWM). */
function peakRssMb(bot: RunningBot): number {
  const status = readFileSync(`/proc/${bot.process.pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1]) / 1024;
}
