/**
 * The HTTP surface: botbuilder's CloudAdapter behind restify. POST /api/messages takes Bot Framework
 * activities (token-checked when MicrosoftAppId is set); GET /healthz says the process is up, GET /readyz
 * whether it can do its work (storage, Graph) and is not stopping.
 */
import { randomUUID } from 'node:crypto';
import restify from 'restify';
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  MessageFactory,
  CardFactory,
  type ActivityHandler,
  type TurnContext,
} from 'botbuilder';
import { AuthenticationError, type AuthenticateRequestResult } from 'botframework-connector';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import { problemCard } from '../cards/conversation-cards.js';
import { setTurnLogger } from '../bot/turn-logger.js';

/** A token that cannot be checked in this time is refused, not waited on. */
const TOKEN_CHECK_TIMEOUT_MS = 10_000;

/**
 * botbuilder's authentication, failing closed: a token it cannot verify for any reason (its signing keys
 * unreachable, a timeout) is refused with 401 like a bad one, instead of a 500 or a hanging request.
 */
class FailClosedAuthentication extends ConfigurationBotFrameworkAuthentication {
  constructor(
    config: Config['bot'],
    private readonly log: Logger,
  ) {
    super({
      MicrosoftAppId: config.appId,
      MicrosoftAppPassword: config.appPassword,
      // No app id is botbuilder's anonymous mode, which only its MultiTenant branch allows; config.ts admits
      // it only with BOT_AUTHENTICATION=off, on loopback.
      MicrosoftAppType: config.appId === '' ? 'MultiTenant' : config.appType,
      MicrosoftAppTenantId: config.appTenantId,
      ...(config.certificate ? { CertificateThumbprint: config.certificate.thumbprint, CertificatePrivateKey: config.certificate.privateKey } : {}),
    });
  }

  override async authenticateRequest(activity: Parameters<ConfigurationBotFrameworkAuthentication['authenticateRequest']>[0], authHeader: string): Promise<AuthenticateRequestResult> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`no verdict within ${TOKEN_CHECK_TIMEOUT_MS / 1000} s`)), TOKEN_CHECK_TIMEOUT_MS);
    });
    try {
      return await Promise.race([super.authenticateRequest(activity, authHeader), timeout]);
    } catch (error) {
      if (error instanceof AuthenticationError) throw error;
      this.log.warn({ err: error }, 'a Bot Framework token could not be verified: refused');
      throw new AuthenticationError('Unauthorized. The token could not be verified.', 401);
    } finally {
      clearTimeout(timer);
    }
  }
}

export function createAdapter(config: Config, logger: Logger): CloudAdapter {
  const adapter = new CloudAdapter(new FailClosedAuthentication(config.bot, logger));
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    const reference = randomUUID();
    logger.error({ err: error, reference, activityId: context.activity.id }, 'turn failed');
    try {
      await context.sendActivity(
        MessageFactory.attachment(
          CardFactory.adaptiveCard(problemCard('Something went wrong on my side', 'Nothing was lost; please try again in a moment.', reference)),
        ),
      );
    } catch (sendError) {
      logger.error({ err: sendError, reference }, 'could not tell the user about the failed turn');
    }
  };
  return adapter;
}

/** What /readyz reports: every part the bot needs, and which of them failed. */
export interface Readiness {
  readonly ready: boolean;
  readonly checks: Readonly<Record<string, string>>;
}

/** Seconds a stopping bot asks Bot Framework to wait before retrying a turn (another instance takes it). */
const DRAINING_RETRY_AFTER_SECONDS = 5;

export interface BotServer {
  readonly server: restify.Server;
  /** Stops taking turns (503 with Retry-After) and reports not ready; resolves once the turns in progress are done. */
  drain(): Promise<void>;
}

export function createServer(adapter: CloudAdapter, bot: ActivityHandler, logger: Logger, readiness: () => Promise<Readiness>): BotServer {
  const server = restify.createServer({ name: 'guest-invites', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: 1024 * 1024 }));
  server.use(restify.plugins.queryParser());

  let draining = false;
  let turnsInProgress = 0;
  let turnsDone: (() => void) | undefined;

  server.post('/api/messages', async (req, res) => {
    if (draining) {
      res.header('Retry-After', String(DRAINING_RETRY_AFTER_SECONDS));
      res.send(503, { error: 'This instance is stopping; try again.' });
      return;
    }
    const requestLog = logger.child({ requestId: req.id() });
    requestLog.debug('activity received');
    turnsInProgress++;
    try {
      await adapter.process(req, res, (context) => {
        setTurnLogger(context, requestLog);
        return bot.run(context);
      });
    } finally {
      if (--turnsInProgress === 0) turnsDone?.();
    }
  });
  // Alive: the process answers. Whether it can work is /readyz's question, so a storage outage never gets it restarted.
  server.get('/healthz', (_req, res, next) => {
    res.send(200, { status: 'alive' });
    next();
  });
  server.get('/readyz', async (_req, res) => {
    const state = draining ? { ready: false, checks: { instance: 'stopping' } } : await readiness();
    res.send(state.ready ? 200 : 503, { status: state.ready ? 'ready' : 'not ready', ...state.checks });
  });
  return {
    server,
    drain: () => {
      draining = true;
      if (turnsInProgress === 0) return Promise.resolve();
      return new Promise<void>((resolve) => {
        turnsDone = resolve;
      });
    },
  };
}
