/** Wiring: builds the bot and its adapters from a validated Config. The only place that knows every part. */
import type restify from 'restify';
import { GuestInvitesBot } from '../bot/guest-invites-bot.js';
import { inviteGuest } from '../domain/use-cases/invite-guest.js';
import { createGraphClient } from '../graph/client.js';
import { GraphDirectoryGateway } from '../graph/directory-gateway.js';
import { TableInvitationStore } from '../storage/table-invitation-store.js';
import { openTables, tableGuard } from '../storage/tables.js';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import { createAdapter, createServer } from './server.js';

export interface App {
  readonly server: restify.Server;
  /** Creates the tables if storage is up; the bot also starts (and says so in chat) when it is not. */
  readonly prepareStorage: () => Promise<void>;
}

export function composeApp(config: Config, logger: Logger): App {
  const tables = openTables(config.storageConnectionString);
  const prepareStorage = tableGuard(tables);
  const store = new TableInvitationStore(tables.invitations, prepareStorage);
  const directory = new GraphDirectoryGateway(createGraphClient(config.graph));
  const clock = { now: () => new Date() };

  const bot = new GuestInvitesBot({
    tenantId: config.graph.tenantId,
    redirectUrl: config.invitations.redirectUrl,
    sendInvitationEmail: config.invitations.sendInvitationEmail,
    inviteGuest: (command) => inviteGuest({ directory, store, clock }, command),
    logger,
  });
  const adapter = createAdapter(config, logger);
  return { server: createServer(adapter, bot, logger), prepareStorage };
}
