/** `npm run bot`: the bot alone, configured only by its environment. */
import { loadConfigOrExplain, misspeltSettings } from './config.js';
import { composeApp } from './compose.js';
import { createLogger } from './logger.js';

async function main(): Promise<void> {
  const config = loadConfigOrExplain(process.env);
  if (!config) process.exit(78); // EX_CONFIG
  const logger = createLogger(config.logLevel);
  for (const hint of misspeltSettings(process.env)) logger.warn(hint);

  const app = composeApp(config, logger);
  try {
    await app.prepareStorage();
  } catch (error) {
    logger.error({ err: error }, 'storage is not reachable yet; the bot starts anyway and retries on first use');
  }
  app.server.listen(config.port, () => {
    const address = app.server.address();
    logger.info({ port: address.port, authentication: config.bot.appId ? 'on' : 'off (local)' }, 'Guest Invites is listening on /api/messages');
    // After listening: a change-notification subscription is validated by a call to /api/notifications.
    void app.startWorker();
  });

  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    // Finish the queue messages in hand so their outcomes are recorded; what is left comes back to
    // another instance after its lease if the grace period runs out.
    app.server.close(() => void app.stopWorker().then(() => process.exit(0)));
    setTimeout(() => process.exit(0), 10_000).unref();
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

await main();
