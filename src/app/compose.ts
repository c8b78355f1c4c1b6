/** Wiring: builds the bot, its adapters and its sending worker from a validated Config. The only place that knows every part. */
import { randomUUID } from 'node:crypto';
import type restify from 'restify';
import { administrationService } from '../application/administration.js';
import { batchRequests } from '../application/batch-requests.js';
import { conversationsService } from '../application/conversations.js';
import { invitationsService } from '../application/invitations.js';
import { batchEvents, guestEvents, placementEvents, type AdministratorNotices } from '../application/pipeline-events.js';
import { sponsorsService } from '../application/sponsors.js';
import { guestLifecycleService } from '../application/guest-lifecycle.js';
import { trackingService } from '../application/tracking.js';
import { createAdapter, turnRunner } from '../bot/bot-framework.js';
import { ProactiveCardUpdater } from '../bot/card-updater.js';
import { GuestInvitesBot } from '../bot/guest-invites-bot.js';
import type { IntakeServices } from '../bot/intake.js';
import { approvalCard, batchFinishedNotice, batchPausedNotice, digestCard, guestAcceptedNotice, refusalNotice } from '../cards/admin-cards.js';
import { batchStatusCard } from '../cards/batch-cards.js';
import { lifecycleNotice, sponsorReviewCard } from '../cards/lifecycle-cards.js';
import { acceptedNotice, removedNotice, stillPendingNotice } from '../cards/notice-cards.js';
import { translatorFor } from '../i18n/translator.js';
import { say } from '../cards/say.js';
import type { Digest } from '../domain/use-cases/daily-digest.js';
import type { Clock } from '../domain/ports/clock.js';
import type { AuthorizeDependencies } from '../domain/use-cases/authorize.js';
import { giveUpOnWork, processSendWork, type InvitationDelivery, type SendWorkDependencies } from '../domain/use-cases/send-work.js';
import type { TrackDependencies } from '../domain/use-cases/track-guests.js';
import { createGraphClient } from '../graph/client.js';
import { GraphDirectoryGateway } from '../graph/directory-gateway.js';
import { GraphLifecycleDirectory } from '../graph/lifecycle-directory.js';
import { InMemoryPaceLedger, InvitationPacer } from '../graph/invitation-pacer.js';
import { GraphMailer } from '../graph/mailer.js';
import { PacedDirectory } from '../graph/paced-directory.js';
import { GraphPeopleDirectory } from '../graph/people-directory.js';
import { GraphTenantConfiguration } from '../graph/tenant-configuration.js';
import { GraphUserChanges } from '../graph/user-changes.js';
import { GraphUserSubscriptions } from '../graph/user-subscriptions.js';
import { AcceptanceNotifier } from '../notify/acceptance-notifier.js';
import { AdminChannel } from '../notify/admin-channel.js';
import { BatchCardFollower } from '../notify/batch-card-follower.js';
import { ChatLifecycleNotices } from '../notify/lifecycle-notices.js';
import { StorageQueueWork } from '../storage/queue-work.js';
import { TableAuditLog } from '../storage/table-audit-log.js';
import { TableBatchStore } from '../storage/table-batch-store.js';
import { TableGuestLifecycleStore } from '../storage/table-guest-lifecycle-store.js';
import { TableInvitationStore } from '../storage/table-invitation-store.js';
import { TableOutcomeStore } from '../storage/table-outcome-store.js';
import { TableProgressSlots } from '../storage/table-progress-slots.js';
import { TableDailyQuota, TableRequesterTally } from '../storage/table-quota.js';
import { repairStuckBatches } from '../domain/use-cases/repair-batches.js';
import { TablePaceLedger } from '../storage/table-pace.js';
import { GraphMembershipGateway } from '../graph/membership-gateway.js';
import { PlacementNotifier } from '../notify/placement-notifier.js';
import { guestWelcomeCard, placementRefusedCard } from '../cards/placement-cards.js';
import { handOverNotice } from '../cards/sponsor-cards.js';
import { GraphSponsorDirectory } from '../graph/sponsor-directory.js';
import { TableChannelStore, TablePolicyStore } from '../storage/table-settings.js';
import { TableTrackerStore } from '../storage/table-tracker-store.js';
import { openTables, tableGuard } from '../storage/tables.js';
import { GuestTracker } from '../workers/guest-tracker.js';
import { SendWorker } from '../workers/send-worker.js';
import type { Config } from './config.js';
import { graphCredential, storageAccount } from './credentials.js';
import { auditCsv, exportLink, mountAuditExport } from './export-links.js';
import type { Logger } from './logger.js';
import { mountNotifications } from './notifications.js';
import { mountPages } from './pages.js';
import { readinessCheck } from './readiness.js';
import { createServer } from './server.js';

export interface App {
  readonly server: restify.Server;
  /** Stops taking turns (503) and reports not ready; resolves once the turns in progress are done. */
  readonly drain: () => Promise<void>;
  /** Creates the tables if storage is up; the bot also starts (and says so in chat) when it is not. */
  readonly prepareStorage: () => Promise<void>;
  /**
   * Starts consuming the sending queue and tracking invited guests, then records the policy in force in
   * the audit trail when it changed (resolves once that is done or has failed and been logged).
   */
  readonly startWorker: () => Promise<void>;
  /**
   * Stops taking queue messages and tracking, and waits for the work in hand; queue messages not finished
   * within `handBackAfterMs` are handed back to the queue. The tracker's lease is released.
   */
  readonly stopWorker: (handBackAfterMs?: number) => Promise<void>;
}

/** Which organisation owns a domain changes rarely. */
const DOMAIN_DISCOVERY_TTL_MS = 24 * 60 * 60 * 1000;

/** /readyz: each part's deadline, and how long an answer serves the next probes. */
const READINESS_TIMEOUT_MS = 5_000;
const READINESS_CACHE_MS = 5_000;

/** A queue message handed out this often without being finished is parked as poison. */
const MAX_DELIVERIES = 5;

const systemClock: Clock = {
  now: () => new Date(),
  sleep: (milliseconds) => new Promise((resolve) => setTimeout(resolve, milliseconds)),
};

export function composeApp(config: Config, logger: Logger): App {
  /** Names this process as the holder of the tracker's lease. */
  const instanceId = randomUUID();
  const account = storageAccount(config.storage);
  const tables = openTables(account);
  const prepareStorage = tableGuard(tables);
  const store = new TableInvitationStore(tables.invitations, prepareStorage);
  const batches = new TableBatchStore(tables.batches, prepareStorage);
  const outcomes = new TableOutcomeStore(tables.outcomes, prepareStorage);
  const queue = StorageQueueWork.open(account);
  const credential = graphCredential(config.graph);
  const graph = createGraphClient(config.graph.baseUrl, credential);
  const graphTimeoutMs = config.sending.requestTimeoutSeconds * 1000;
  const directory = new GraphDirectoryGateway(graph, graphTimeoutMs);
  const tenant = new GraphTenantConfiguration(graph, { snapshotTtlMs: config.invitations.tenantConfigTtlMinutes * 60_000, domainTtlMs: DOMAIN_DISCOVERY_TTL_MS });
  const clock = systemClock;
  const tenantId = config.graph.tenantId;
  const adapter = createAdapter(config.bot, logger);
  const audit = new TableAuditLog(tables.audit, prepareStorage);
  const channels = new TableChannelStore(tables.settings, prepareStorage);
  const conversations = conversationsService({ channels, batches, audit, clock, tenantId, log: logger });
  const cardUpdater = new ProactiveCardUpdater(adapter, config.bot.appId, (conversation, why) => conversations.conversationRefused(conversation, why));
  const delivery: InvitationDelivery =
    config.invitations.delivery === 'mailbox' ? { mode: 'mailbox', mailer: new GraphMailer(graph, config.invitations.mailbox, config.tracking.publicBaseUrl) } : { mode: config.invitations.delivery };

  // What the bot posts to the administrators' channel speaks its language, dates in its time zone (ADMIN_LOCALE, ADMIN_TIME_ZONE).
  const adminWords = translatorFor({ locale: config.admin.locale, timeZone: config.admin.timeZone });
  const follower = new BatchCardFollower({
    batches,
    outcomes,
    slots: new TableProgressSlots(tables.cards, prepareStorage),
    clock,
    render: (batch, results) => batchStatusCard(translatorFor(batch.starter), batch, results, config.invitations.delivery, 0, config.tracking.publicBaseUrl),
    updateCard: (location, card) => cardUpdater.update(location, card),
    log: logger.child({ component: 'batch-card' }),
  });
  const budget = config.sending.rateLimit;
  const paceLedger = config.sending.pacing === 'shared' ? new TablePaceLedger(tables.quotas, tenantId, budget, prepareStorage) : new InMemoryPaceLedger(budget);
  const pacer = new InvitationPacer(budget, paceLedger, undefined, (error) =>
    logger.warn({ err: error }, 'the shared invitation pace is unreachable in storage: this instance paces alone until it answers'),
  );
  const pacedDirectory = new PacedDirectory(directory, pacer);
  const people = new GraphPeopleDirectory(graph);
  const tally = new TableRequesterTally(tables.quotas, tenantId, prepareStorage);
  const groups = { inviterGroupIds: config.admin.inviterGroupIds, adminGroupIds: config.admin.adminGroupIds };
  const authorizing: AuthorizeDependencies = { people, tenant, groups, audit, clock, tenantId };
  const adminChannel = new AdminChannel({
    channels,
    tenantId,
    digest: config.admin.digest,
    post: (location, card) => cardUpdater.post(location, card),
    update: (location, card) => cardUpdater.update(location, card),
    approvalCard: (batch) => approvalCard(adminWords, batch),
    showRequesterCard: (batch) => follower.stateChanged(batch),
    log: logger.child({ component: 'admin-channel' }),
  });
  const administrators: AdministratorNotices = {
    batchFinished: (batch, results) => adminChannel.notify(batchFinishedNotice(adminWords, batch, results)),
    batchBlocked: (batch) => adminChannel.notify(batchPausedNotice(adminWords, batch)),
    guestAccepted: (record) => adminChannel.notify(guestAcceptedNotice(adminWords, record)),
    guestNotPlaced: (record) => adminChannel.notify(placementRefusedCard(adminWords, record)),
  };
  const administration = administrationService({
    people,
    groups,
    channels,
    audit,
    clock,
    tenantId,
    tenant,
    policies: new TablePolicyStore(tables.settings, prepareStorage),
    settings: { groups, domainRules: config.invitations.domainRules, approvals: config.admin.approvals, digest: config.admin.digest },
    log: logger,
  });
  const batchObserver = batchEvents({ card: follower, outcomes, tenantId, administrators });
  const sending: SendWorkDependencies = {
    // Each invitation waits its turn inside inviteGuest, so the intent can be renewed right before it leaves.
    directory,
    pace: pacer,
    store,
    clock,
    batches,
    outcomes,
    queue,
    observer: batchObserver,
    delivery,
    audit,
    recheckDelaysMs: config.sending.recheckSeconds.map((seconds) => seconds * 1000),
    // A recorded intent older than two request timeouts cannot still be waiting for Graph's answer.
    sendingLeaseMs: 2 * config.sending.requestTimeoutSeconds * 1000,
    ...(config.sending.dailyLimit > 0 ? { quota: new TableDailyQuota(tables.quotas, tenantId, config.sending.dailyLimit, prepareStorage) } : {}),
  };
  const worker = new SendWorker(
    queue,
    { process: (work) => processSendWork(sending, work), gaveUp: (work, attempts) => giveUpOnWork(sending, work, attempts) },
    { concurrency: config.sending.concurrency, leaseSeconds: config.sending.leaseSeconds, maxDeliveries: MAX_DELIVERIES, idlePollMs: { min: 250, max: 5000 } },
    logger.child({ component: 'send-worker' }),
  );

  const acceptanceNotifier = new AcceptanceNotifier({
    batches,
    outcomes,
    cards: follower,
    post: async (location, card) => {
      await cardUpdater.post(location, card);
    },
    // Posted to the chat the invitation came from, in the inviter's language and time zone (kept with the invitation).
    notices: {
      accepted: (record, where) => acceptedNotice(translatorFor(record.inviter), record, where),
      removed: (record) => removedNotice(translatorFor(record.inviter), record),
      stillPending: (record, where) => stillPendingNotice(translatorFor(record.inviter), record, where, clock.now()),
    },
    log: logger.child({ component: 'tracker' }),
  });
  const trackingDependencies: TrackDependencies = {
    changes: new GraphUserChanges(graph),
    checkpoints: new TableTrackerStore(tables.tracker, prepareStorage),
    store,
    observer: guestEvents({ inviter: acceptanceNotifier, administrators }),
    clock,
    tenantId,
    tenantDomains: () => directory.verifiedDomains(),
    audit,
    reminderAfterDays: config.tracking.reminderAfterDays,
    placement: {
      membership: new GraphMembershipGateway(graph, clock, { chatHistory: config.tracking.groupChatHistory }),
      observer: placementEvents({
        space: new PlacementNotifier({
          batches,
          audit,
          clock,
          post: async (location, card) => {
            await cardUpdater.post(location, card);
          },
          // Posted where the list was started, in the inviter's language (kept with the invitation).
          cards: {
            welcome: (record, note) => guestWelcomeCard(translatorFor(record.inviter), record, note, config.tracking.publicBaseUrl),
            refused: (record) => placementRefusedCard(translatorFor(record.inviter), record),
          },
          log: logger.child({ component: 'placement' }),
        }),
        administrators,
      }),
    },
    // Outlives a round by far; after a crash another instance takes over two silent intervals later.
    leaseMs: 2 * config.tracking.pollSeconds * 1000 + 30_000,
    ...(config.tracking.publicBaseUrl
      ? {
          subscriptions: new GraphUserSubscriptions(graph, `${config.tracking.publicBaseUrl}/api/notifications`, config.tracking.clientState),
          onSubscriptionError: (error: unknown) => logger.warn({ err: error }, 'no change-notification subscription; delta polling goes on alone'),
        }
      : {}),
  };
  const lifecycleSettings = config.lifecycle;
  const guestCare = new TableGuestLifecycleStore(tables.guestLifecycle, prepareStorage);
  const guestLifecycle = guestLifecycleService({
    lifecycle: {
      settings: lifecycleSettings,
      store,
      care: guestCare,
      directory,
      lifecycle: new GraphLifecycleDirectory(graph, graphTimeoutMs),
      notices: new ChatLifecycleNotices({
        batches,
        tenantId,
        post: (location, card) => cardUpdater.post(location, card),
        // The sponsor reads it in the language and time zone kept with their invitation.
        sponsorCard: (sponsor, questions) => sponsorReviewCard(translatorFor(sponsor), questions, lifecycleSettings),
        notifyAdministrators: (announcement) => adminChannel.notify(lifecycleNotice(adminWords, announcement)),
        log: logger.child({ component: 'guest-lifecycle' }),
      }),
      audit,
      clock,
      tenantId,
      roundEveryMs: lifecycleSettings.roundMinutes * 60_000,
    },
    isAdministrator: (actor) => administration.isAdministrator(actor),
    log: logger.child({ component: 'guest-lifecycle' }),
  });
  const tracking = trackingService({
    tracking: trackingDependencies,
    instanceId,
    repair: () => repairStuckBatches({ ...sending, tenantId }),
    lifecycle: () => guestLifecycle.round(),
    log: logger.child({ component: 'tracker' }),
    ...(config.admin.digest
      ? {
          digest: {
            channels,
            audit,
            clock,
            tenantId,
            hour: config.admin.digestHour,
            timeZone: config.admin.timeZone,
            publish: (digest: Digest) => adminChannel.postNow(digestCard(adminWords, digest)),
          },
        }
      : {}),
  });
  const tracker = new GuestTracker(() => tracking.round(), config.tracking.pollSeconds * 1000, logger.child({ component: 'tracker' }), () => tracking.release());

  const withRoutes = (server: restify.Server) => {
    mountPages(server, config.pages);
    mountNotifications(server, { clientState: config.tracking.clientState, changed: () => tracker.wake() }, logger.child({ component: 'notifications' }));
    mountAuditExport(
      server,
      { secret: config.admin.exportLinkSecret, exportTrail: (actor, request) => administration.exportTrail(actor, request) },
      logger.child({ component: 'audit-export' }),
    );
    return server;
  };
  /** Where this instance can be reached for export links: the public address, else the port it listens on. */
  const baseUrl = () => {
    if (config.tracking.publicBaseUrl) return config.tracking.publicBaseUrl;
    const address = server.address();
    return `http://localhost:${address && typeof address === 'object' ? address.port : config.port}`;
  };

  const services: IntakeServices = {
    ...batchRequests({
      ...authorizing,
      directory,
      store,
      batches,
      outcomes,
      queue,
      tally,
      desk: adminChannel,
      domainRules: config.invitations.domainRules,
      approvalRules: config.admin.approvals,
      newId: randomUUID,
      refused: (actor, why, addresses) => adminChannel.notify(refusalNotice(adminWords, actor.name, say(adminWords, why), addresses)),
      workQueued: () => worker.wake(),
    }),
    ...administration,
    ...invitationsService({
      directory: pacedDirectory,
      lookups: directory,
      store,
      audit,
      clock,
      tenantId,
      delivery,
      defaultRedirectUrl: config.invitations.redirectUrl,
      isAdministrator: (actor) => administration.isAdministrator(actor),
      care: guestCare,
    }),
    ...sponsorsService({
      store,
      sponsors: new GraphSponsorDirectory(graph, graphTimeoutMs),
      directory,
      audit,
      clock,
      tenantId,
      isAdministrator: (actor) => administration.isAdministrator(actor),
      handedOver: async (outcome, actor, reach) => {
        const log = logger.child({ component: 'sponsors' });
        await adminChannel.notify(handOverNotice(adminWords, 'administrators', outcome, actor));
        try {
          // The new sponsor reads it in the administrator's language: the bot knows no other of theirs yet.
          await cardUpdater.postToPerson({ serviceUrl: reach.serviceUrl, tenantId }, outcome.sponsor.id, handOverNotice(translatorFor(actor), 'sponsor', outcome, actor));
        } catch (error) {
          // Teams reaches a person only where the app is installed for them; the hand-over itself stands.
          log.warn({ err: error }, 'could not tell the new sponsor in Teams');
        }
      },
    }),
    conversationEnded: (left, why) => conversations.conversationEnded(left, why),
    answerGuestReview: (actor, answers, source) => guestLifecycle.answerGuestReview(actor, answers, source),
    previewLifecycle: (actor) => guestLifecycle.previewLifecycle(actor),
    exportAuditCsv: async (actor, request) => {
      const outcome = await administration.exportTrail(actor, request);
      return outcome.kind === 'done' ? { kind: 'done', value: auditCsv(outcome.value) } : outcome;
    },
    exportLink: (actor, request) => exportLink(baseUrl(), actor, request, config.admin.exportLinkSecret, clock.now()),
  };
  const bot = new GuestInvitesBot({
    settings: {
      tenantId,
      defaultRedirectUrl: config.invitations.redirectUrl,
      redirectChoices: config.invitations.redirectChoices,
      delivery: config.invitations.delivery,
      publicBaseUrl: config.tracking.publicBaseUrl,
      digest: config.admin.digest,
      maxPasteCharacters: config.invitations.maxPasteCharacters,
      acceptLoopbackUploads: config.bot.appId === '',
    },
    services,
    logger,
  });
  const readiness = readinessCheck({
    prepare: prepareStorage,
    // Its own client with few retries: a probe answers in seconds, not after the SDK's long back-off.
    table: openTables(account, { maxRetries: 1 }).settings,
    credential,
    timeoutMs: READINESS_TIMEOUT_MS,
    cacheMs: READINESS_CACHE_MS,
  });
  const http = createServer(turnRunner(adapter, bot), logger, readiness, { maxPasteCharacters: config.invitations.maxPasteCharacters });
  const server = withRoutes(http.server);
  return {
    server,
    drain: () => http.drain(),
    prepareStorage,
    startWorker: async () => {
      worker.start();
      tracker.start();
      await administration.recordPolicy({ name: 'Guest Invites (its configuration at start)' });
    },
    stopWorker: async (handBackAfterMs) => {
      await Promise.all([worker.stop(handBackAfterMs), tracker.stop()]);
      follower.close();
    },
  };
}
