/**
 * The whole local stack: Azurite (tables) and the tenant simulator in this process, the bot as its own
 * process, and the Agents Playground in front of it. `npm start` runs it on the usual ports; tests run
 * as many as they like side by side on free ports.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAzurite, type RunningAzurite } from './azurite.js';
import { localBotEnv } from './bot-env.js';
import { startBotProcess, type RunningBot } from './bot-process.js';
import { startPlayground, type RunningPlayground } from './playground.js';
import { localIdentities } from './local-identities.js';
import { ensureCertificate, startSimulator, type RunningSimulator } from './simulator/index.js';

export interface StackOptions {
  /** 0 = a free port (the default, for tests). */
  readonly botPort?: number;
  readonly playgroundPort?: number;
  readonly withPlayground?: boolean;
  readonly playgroundWorkDir?: string;
  /** The tenant member (object id) the Playground's UI acts as; the first member, Dana Scully, by default. */
  readonly playgroundUserId?: string;
  /**
   * Something put between the Playground and the bot, given the bot's endpoint: the Playground talks to the
   * endpoint it returns (tests give the Playground's user another language this way).
   */
  readonly playgroundRelay?: (botEndpoint: string) => Promise<{ readonly endpoint: string; close(): Promise<void> }>;
  readonly logLevel?: string;
  /** Extra or overriding bot settings (e.g. a wrong client secret). */
  readonly botEnv?: Record<string, string>;
  /** Where the bot's log lines go as they come (none by default: tests read `bot.output()`). */
  readonly botOutput?: NodeJS.WritableStream;
}

export interface LocalStack {
  readonly azurite: RunningAzurite;
  readonly simulator: RunningSimulator;
  readonly bot: RunningBot;
  readonly playground?: RunningPlayground;
  /** The environment the bot was started with: what `npm run bot` would need. */
  readonly botEnv: Record<string, string>;
  /** Stops the bot and starts it again with the same settings (storage and simulator keep their state). */
  restartBot(): Promise<RunningBot>;
  close(): Promise<void>;
}

export async function startLocalStack(options: StackOptions = {}): Promise<LocalStack> {
  const started: { close(): Promise<void> }[] = [];
  const closeAll = async () => {
    for (const part of started.reverse()) await part.close().catch(() => undefined);
  };
  try {
    const tls = ensureCertificate();
    const azurite = await startAzurite();
    started.push(azurite);
    const simulator = await startSimulator({ tls });
    started.push(simulator);
    const identities = localIdentities(undefined, options.playgroundUserId);

    const botPort = options.botPort ?? (await freePort());
    const botEnv: Record<string, string> = {
      PORT: String(botPort),
      ...localBotEnv(simulator, azurite),
      // The simulator notifies the bot on loopback, so an acceptance shows on its card within a second.
      PUBLIC_BASE_URL: `http://127.0.0.1:${botPort}`,
      NOTIFICATION_CLIENT_STATE: randomBytes(24).toString('base64url'),
      LOG_LEVEL: options.logLevel ?? 'info',
      ...options.botEnv,
    };
    const botProcessOptions = options.botOutput ? { output: options.botOutput } : {};
    let bot = await startBotProcess(botEnv, botProcessOptions);
    const botHandle = { close: () => bot.close() };
    started.push(botHandle);

    let playground: RunningPlayground | undefined;
    if (options.withPlayground) {
      const relay = options.playgroundRelay ? await options.playgroundRelay(bot.messagesEndpoint) : undefined;
      if (relay) started.push(relay);
      playground = await startPlayground({
        botEndpoint: relay?.endpoint ?? bot.messagesEndpoint,
        port: options.playgroundPort ?? (await freePort()),
        workDir: options.playgroundWorkDir ?? mkdtempSync(join(tmpdir(), 'guest-invites-playground-')),
        tenantId: simulator.tenantId,
        botName: 'Guest Invites',
        currentUser: identities.currentUser,
        otherUsers: identities.otherUsers,
      });
      started.push(playground);
    }

    return {
      azurite,
      simulator,
      get bot() {
        return bot;
      },
      ...(playground ? { playground } : {}),
      botEnv,
      async restartBot() {
        await bot.close();
        bot = await startBotProcess(botEnv, botProcessOptions);
        return bot;
      },
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
