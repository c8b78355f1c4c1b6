/**
 * The one start-up of an integration test file: local services (Azurite, the tenant simulator, the
 * recording connector), then the bot in process on their settings; closed bot first, then services.
 * Registers the file's beforeAll/afterAll; what it started is read through the returned getters.
 */
import { afterAll, beforeAll } from 'vitest';
import type { RunningAzurite } from '../../local/azurite.js';
import type { RunningSimulator, SimulatorOptions } from '../../local/simulator/index.js';
import { botChat } from './bot-chat.js';
import { startBotInProcess, type BotUnderTest } from './bot-under-test.js';
import type { ConnectorRecorder } from './connector-recorder.js';
import { startLocalServices, type LocalServices } from './local-services.js';
import type { SimulatorControl } from './simulator-control.js';

type Settings = Record<string, string>;

export interface BotStackOptions {
  /** How the simulator starts, e.g. `{ fixturePath: fixtureGranting([...]) }`. */
  readonly simulator?: SimulatorOptions;
  /** The start-up hook's timeout in ms, where it is not the configured hookTimeout. */
  readonly timeout?: number;
}

export interface BotStack {
  readonly services: LocalServices;
  readonly azurite: RunningAzurite;
  readonly simulator: RunningSimulator;
  readonly sim: SimulatorControl;
  readonly connector: ConnectorRecorder;
  readonly bot: BotUnderTest;
  /** The settings the bot was started with: the services' plus the overrides. */
  readonly env: Settings;
  /** Talking to the bot as different people (see bot-chat.ts). */
  readonly chat: () => ReturnType<typeof botChat>;
  /** Closes the bot and starts another on the services' settings plus `envOverrides` (these alone); afterAll closes it. */
  readonly restartBot: (envOverrides: Settings) => Promise<BotUnderTest>;
}

/**
 * @param envOverrides settings on top of the services' ones; a function where they are only known at
 *   start-up (e.g. a free port), called after the services are up.
 */
export function useBotStack(envOverrides: Settings | (() => Promise<Settings>) = {}, options: BotStackOptions = {}): BotStack {
  let services: LocalServices | undefined;
  let bot: BotUnderTest | undefined;
  let env: Settings | undefined;

  beforeAll(async () => {
    services = await startLocalServices({ simulator: options.simulator });
    env = { ...services.env, ...(typeof envOverrides === 'function' ? await envOverrides() : envOverrides) };
    bot = await startBotInProcess(env);
  }, options.timeout);

  afterAll(async () => {
    await bot?.close();
    await services?.close();
  });

  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the bot stack's ${what} is read before its beforeAll started it`);
    return value;
  };
  const stack: BotStack = {
    get services() {
      return started(services, 'services');
    },
    get azurite() {
      return stack.services.azurite;
    },
    get simulator() {
      return stack.services.simulator;
    },
    get sim() {
      return stack.services.sim;
    },
    get connector() {
      return stack.services.connector;
    },
    get bot() {
      return started(bot, 'bot');
    },
    get env() {
      return started(env, 'settings');
    },
    chat: () => botChat(() => stack.bot, stack.connector, stack.simulator.tenantId),
    restartBot: async (envOverrides) => {
      await stack.bot.close();
      env = { ...stack.services.env, ...envOverrides };
      bot = await startBotInProcess(env);
      return bot;
    },
  };
  return stack;
}
