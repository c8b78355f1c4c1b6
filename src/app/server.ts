/**
 * The HTTP surface: botbuilder's CloudAdapter behind restify. POST /api/messages takes Bot Framework
 * activities (token-checked when MicrosoftAppId is set); GET /healthz answers load balancers.
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
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import { problemCard } from '../cards/conversation-cards.js';
import { setTurnLogger } from '../bot/turn-logger.js';
import { checkActivity } from '../bot/activity-schema.js';

export function createAdapter(config: Config, logger: Logger): CloudAdapter {
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: config.bot.appId,
    MicrosoftAppPassword: config.bot.appPassword,
    MicrosoftAppType: config.bot.appType,
    MicrosoftAppTenantId: config.bot.appTenantId,
  });
  const adapter = new CloudAdapter(auth);
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

export function createServer(adapter: CloudAdapter, bot: ActivityHandler, logger: Logger): restify.Server {
  const server = restify.createServer({ name: 'guest-invites', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: 1024 * 1024 }));
  server.use(restify.plugins.queryParser());

  server.post('/api/messages', async (req, res) => {
    const requestLog = logger.child({ requestId: req.id() });
    requestLog.debug('activity received');
    const check = checkActivity(req.body);
    if (!check.ok) {
      requestLog.warn({ problem: check.problem }, 'malformed activity refused');
      res.send(400, { error: { code: 'BadActivity', message: `This is not an activity I can take: ${check.problem}` } });
      return;
    }
    await adapter.process(req, res, (context) => {
      setTurnLogger(context, requestLog);
      return bot.run(context);
    });
  });
  server.get('/healthz', (_req, res, next) => {
    res.send(200, { status: 'ok' });
    next();
  });
  return server;
}
