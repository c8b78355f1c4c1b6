/** Wiring: builds the bot and its adapters from a validated Config. The only place that knows every part. */
import { randomUUID } from 'node:crypto';
import type restify from 'restify';
import { GuestInvitesBot } from '../bot/guest-invites-bot.js';
import type { IntakeServices } from '../bot/intake.js';
import { changeDraft, sendBatch } from '../domain/use-cases/batch-actions.js';
import { startReview } from '../domain/use-cases/start-review.js';
import { createGraphClient } from '../graph/client.js';
import { GraphDirectoryGateway } from '../graph/directory-gateway.js';
import { ProactiveCardUpdater } from '../notify/card-updater.js';
import { TableBatchStore } from '../storage/table-batch-store.js';
import { TableInvitationStore } from '../storage/table-invitation-store.js';
import { openTables, tableGuard } from '../storage/tables.js';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import { createAdapter, createServer } from './server.js';

export interface App {
  readonly server: restify.Server;
  /** Creates the tables if storage is up; the bot also starts (and says so in chat) when it is not. */
  readonly prepareStorage: () => Promise<void>;
  /** Resolves when background work (batches being sent) has finished. */
  readonly idle: () => Promise<void>;
}

export function composeApp(config: Config, logger: Logger): App {
  const tables = openTables(config.storageConnectionString);
  const prepareStorage = tableGuard(tables);
  const store = new TableInvitationStore(tables.invitations, prepareStorage);
  const batches = new TableBatchStore(tables.batches, prepareStorage);
  const directory = new GraphDirectoryGateway(createGraphClient(config.graph));
  const clock = { now: () => new Date() };
  const tenantId = config.graph.tenantId;
  const adapter = createAdapter(config, logger);
  const cardUpdater = new ProactiveCardUpdater(adapter, config.bot.appId);

  const services: IntakeServices = {
    startReview: (command) =>
      startReview({ directory, store, batches, clock, tenantId, rules: config.invitations.domainRules, newId: randomUUID }, command),
    getBatch: async (batchId) => (await batches.get(tenantId, batchId))?.value,
    changeDraft: (batchId, actor, change) => changeDraft({ batches, clock }, { tenantId, batchId }, actor, change),
    sendBatch: (batch) => sendBatch({ directory, store, batches, clock, sendInvitationMessage: config.invitations.sendInvitationEmail }, batch),
    updateCard: (reference, activityId, card) => cardUpdater.update(reference, activityId, card),
  };
  const bot = new GuestInvitesBot({
    settings: {
      tenantId,
      defaultRedirectUrl: config.invitations.redirectUrl,
      redirectChoices: config.invitations.redirectChoices,
      sendInvitationEmail: config.invitations.sendInvitationEmail,
    },
    services,
    logger,
  });
  return { server: createServer(adapter, bot, logger), prepareStorage, idle: () => bot.idle() };
}
