/**
 * The Bot Framework side of the HTTP surface, and the one place besides the bot's own handlers that knows
 * botbuilder: the CloudAdapter with its authentication (failing closed) and turn error handler, and a turn
 * runner the server calls for each POST /api/messages. A move to the Microsoft 365 Agents SDK replaces this
 * folder (src/bot), not the server or the rest of the app.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  MessageFactory,
  CardFactory,
  type ActivityHandler,
  type Response,
  type TurnContext,
} from 'botbuilder';
import { AuthenticationError, type AuthenticateRequestResult, type ClaimsIdentity, type ConnectorFactory, type UserTokenClient } from 'botframework-connector';
import type { Logger } from 'pino';
import { problemCard } from '../cards/conversation-cards.js';
import { wordsFor } from './user-locale.js';
import { ReusedClients } from './reused-clients.js';
import { setTurnLogger } from './turn-logger.js';

/** The Azure Bot's settings, as the app's configuration validated them. */
export interface BotFrameworkSettings {
  readonly appId: string;
  readonly appPassword: string;
  readonly appTenantId: string;
  readonly appType: string;
  readonly certificate?: { readonly thumbprint: string; readonly privateKey: string };
}

/** Runs one Bot Framework request (an activity POSTed to /api/messages) as a turn of the bot. */
export type TurnRunner = (req: IncomingMessage, res: ServerResponse, requestLog: Logger) => Promise<void>;

/** A token that cannot be checked in this time is refused, not waited on. */
const TOKEN_CHECK_TIMEOUT_MS = 10_000;

/**
 * botbuilder's authentication, failing closed: a token it cannot verify for any reason (its signing keys
 * unreachable, a timeout) is refused with 401 like a bad one, instead of a 500 or a hanging request. The
 * clients it makes for a turn are made once and reused (reused-clients.ts).
 */
class FailClosedAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly clients = new ReusedClients();

  constructor(
    config: BotFrameworkSettings,
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
      const result = await Promise.race([super.authenticateRequest(activity, authHeader), timeout]);
      return result.connectorFactory ? { ...result, connectorFactory: this.clients.connectorFactory(result.claimsIdentity, result.connectorFactory) } : result;
    } catch (error) {
      if (error instanceof AuthenticationError) throw error;
      this.log.warn({ err: error }, 'a Bot Framework token could not be verified: refused');
      throw new AuthenticationError('Unauthorized. The token could not be verified.', 401);
    } finally {
      clearTimeout(timer);
    }
  }

  override createConnectorFactory(identity: ClaimsIdentity): ConnectorFactory {
    return this.clients.connectorFactory(identity, super.createConnectorFactory(identity));
  }

  override createUserTokenClient(identity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.clients.userTokenClient(identity, () => super.createUserTokenClient(identity));
  }
}

export function createAdapter(settings: BotFrameworkSettings, logger: Logger): CloudAdapter {
  const adapter = new CloudAdapter(new FailClosedAuthentication(settings, logger));
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    const reference = randomUUID();
    logger.error({ err: error, reference, activityId: context.activity.id }, 'turn failed');
    const words = wordsFor(context.activity);
    try {
      await context.sendActivity(
        MessageFactory.attachment(
          CardFactory.adaptiveCard(problemCard(words, words.t('replies:turnFailed.title'), words.t('replies:turnFailed.text'), reference)),
        ),
      );
    } catch (sendError) {
      logger.error({ err: sendError, reference }, 'could not tell the user about the failed turn');
    }
  };
  return adapter;
}

export function turnRunner(adapter: CloudAdapter, bot: ActivityHandler): TurnRunner {
  // restify's response is Node's, which botbuilder's Response shape describes loosely.
  return (req, res, requestLog) =>
    adapter.process(req, res as unknown as Response, (context) => {
      setTurnLogger(context, requestLog);
      return bot.run(context);
    });
}
