/**
 * Bots as their own processes, exactly as `npm run bot` runs them, sharing one Azurite account and one tenant
 * simulator: for the tests of crashes, stops and several instances.
 */
import { startBotProcess, type RunningBot } from '../../local/bot-process.js';
import { Conversation } from './conversation.js';
import { startLocalServices, type LocalServices } from './local-services.js';

export interface BotFleet {
  readonly services: LocalServices;
  readonly chat: Conversation;
  /** Starts one more bot with the fleet's settings and these overrides. */
  start(overrides?: Record<string, string>): Promise<RunningBot>;
  /** Stops every bot started so far (the services stay). */
  closeBots(): Promise<void>;
  close(): Promise<void>;
}

/** Short leases and timeouts, so the work of a bot that is gone comes back to another within seconds. */
const QUICK_RECOVERY = { PORT: '0', QUEUE_LEASE_SECONDS: '3', GRAPH_REQUEST_TIMEOUT_SECONDS: '2', DIRECTORY_RECHECK_SECONDS: '0.2,0.4', LOG_LEVEL: 'debug' };

export async function startBotFleet(settings: Record<string, string> = {}): Promise<BotFleet> {
  const services = await startLocalServices();
  const env = { ...services.env, ...QUICK_RECOVERY, ...settings };
  const running: RunningBot[] = [];
  const closeBots = async () => {
    for (const bot of running.splice(0)) await bot.close();
  };
  return {
    services,
    chat: new Conversation(services.connector, services.simulator.tenantId),
    start: async (overrides = {}) => {
      const bot = await startBotProcess({ ...env, ...overrides });
      running.push(bot);
      return bot;
    },
    closeBots,
    close: async () => {
      await closeBots();
      await services.close();
    },
  };
}
