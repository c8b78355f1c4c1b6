/**
 * The bot in the test process, composed exactly as `npm run bot` composes it (composeApp + the real
 * config loader, its sending worker running), listening on a free port, with its log lines captured.
 */
import { Writable } from 'node:stream';
import { loadConfig } from '../../src/app/config.js';
import { composeApp } from '../../src/app/compose.js';
import { createLogger } from '../../src/app/logger.js';

export interface BotUnderTest {
  readonly messagesEndpoint: string;
  readonly logs: string[];
  close(): Promise<void>;
}

export async function startBotInProcess(env: Record<string, string>): Promise<BotUnderTest> {
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  const config = loadConfig({ PORT: '0', LOG_LEVEL: 'debug', ...env });
  const app = composeApp(config, createLogger(config.logLevel, sink));
  await app.prepareStorage().catch(() => undefined);
  // Listening first: the tracker's subscription is validated by a call to /api/notifications.
  await new Promise<void>((resolve) => {
    app.server.listen(config.port, '127.0.0.1', () => resolve());
  });
  await app.startWorker();
  const { port } = app.server.address();
  return {
    messagesEndpoint: `http://127.0.0.1:${port}/api/messages`,
    logs,
    close: async () => {
      await new Promise<void>((resolve) => {
        app.server.close(() => resolve());
      });
      await app.stopWorker();
    },
  };
}
