/**
 * `npm run bot`: the bot alone, configured only by its environment. It fails closed (no app id, no start,
 * unless authentication is turned off by name, and then on loopback only) and stops cleanly: on SIGTERM it
 * takes no more turns or queue messages, finishes or hands back what it holds, and exits 0 as soon as that
 * is done; past the grace period, or on a crash, it exits non-zero after logging why.
 */
import { loadConfigOrExplain, misspeltSettings } from './config.js';
import { composeApp } from './compose.js';
import { createLogger } from './logger.js';
import { exitOnCrash } from './crash.js';

/** Of the grace period, the share spent finishing queue messages before handing the rest back. */
const FINISH_SHARE = 0.6;

async function main(): Promise<void> {
  const config = loadConfigOrExplain(process.env);
  if (!config) process.exit(78); // EX_CONFIG
  const logger = createLogger(config.logLevel);
  exitOnCrash(logger);
  for (const hint of misspeltSettings(process.env)) logger.warn(hint);

  const app = composeApp(config, logger);
  try {
    await app.prepareStorage();
  } catch (error) {
    logger.error({ err: error }, 'storage is not reachable yet; the bot starts anyway and retries on first use');
  }
  // Without authentication anyone who can reach the port could post as any user: loopback only then.
  const host = config.bot.authentication === 'off' ? '127.0.0.1' : undefined;
  const listening = () => {
    const address = app.server.address();
    if (config.bot.authentication === 'off') {
      logger.warn({ port: address.port }, 'BOT_AUTHENTICATION=off: no Bot Framework token is checked, so listening on 127.0.0.1 only (local use)');
    }
    logger.info({ address: address.address, port: address.port, authentication: config.bot.authentication, appType: config.bot.appId ? config.bot.appType : undefined }, 'Guest Invites is listening on /api/messages');
    // After listening: a change-notification subscription is validated by a call to /api/notifications.
    void app.startWorker();
  };
  if (host) app.server.listen(config.port, host, listening);
  else app.server.listen(config.port, listening);

  const graceMs = config.shutdownGraceSeconds * 1000;
  const shutdown = async (signal: string) => {
    logger.info({ signal, graceSeconds: config.shutdownGraceSeconds }, 'stopping: no new turns or queue messages; finishing the work in hand');
    setTimeout(() => {
      logger.error({ graceSeconds: config.shutdownGraceSeconds }, 'the work in hand did not finish within the grace period: forced exit');
      process.exit(1);
    }, graceMs).unref();
    const started = Date.now();
    await Promise.all([app.drain(), app.stopWorker(graceMs * FINISH_SHARE)]);
    app.server.close();
    logger.info({ ms: Date.now() - started }, 'stopped cleanly');
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

await main();
