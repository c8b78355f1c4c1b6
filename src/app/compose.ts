/** Wiring: builds the bot, its adapters and its sending worker from a validated Config. The only place that knows every part. */
import { randomUUID } from 'node:crypto';
import type restify from 'restify';
import { GuestInvitesBot } from '../bot/guest-invites-bot.js';
import type { IntakeServices } from '../bot/intake.js';
import { batchStatusCard } from '../cards/batch-cards.js';
import type { Clock } from '../domain/ports.js';
import { changeDraft, sendAgain } from '../domain/use-cases/batch-actions.js';
import { giveUpOnWork, processSendWork, type InvitationDelivery, type SendWorkDependencies } from '../domain/use-cases/send-work.js';
import { fixInvitation, type FixDependencies } from '../domain/use-cases/fix-invitation.js';
import { startReview } from '../domain/use-cases/start-review.js';
import { chooseGuestCare } from '../domain/use-cases/choose-guest-care.js';
import { myGuests } from '../domain/use-cases/my-guests.js';
import { verifyPaths } from '../domain/use-cases/verify-paths.js';
import { myInvitations } from '../domain/use-cases/my-invitations.js';
import { createGraphClient } from '../graph/client.js';
import { GraphDirectoryGateway } from '../graph/directory-gateway.js';
import { InvitationPacer } from '../graph/invitation-pacer.js';
import { GraphMailer } from '../graph/mailer.js';
import { PacedDirectory } from '../graph/paced-directory.js';
import { GraphTenantConfiguration } from '../graph/tenant-configuration.js';
import { BatchCardFollower } from '../notify/batch-card-follower.js';
import { ProactiveCardUpdater } from '../bot/card-updater.js';
import { createAdapter, turnRunner } from '../bot/bot-framework.js';
import { StorageQueueWork } from '../storage/queue-work.js';
import { TableAuditLog } from '../storage/table-audit-log.js';
import { TableBatchStore } from '../storage/table-batch-store.js';
import { TableInvitationStore } from '../storage/table-invitation-store.js';
import { TableOutcomeStore } from '../storage/table-outcome-store.js';
import { TableDailyQuota } from '../storage/table-quota.js';
import { openTables, tableGuard } from '../storage/tables.js';
import { SendWorker } from '../workers/send-worker.js';
import { GuestTracker } from '../workers/guest-tracker.js';
import { GraphMembershipGateway } from '../graph/membership-gateway.js';
import { PlacementNotifier } from '../notify/placement-notifier.js';
import { guestWelcomeCard, placementRefusedCard } from '../cards/placement-cards.js';
import { releaseTracking, trackRound, type TrackDependencies } from '../domain/use-cases/track-guests.js';
import { GraphUserChanges } from '../graph/user-changes.js';
import { GraphUserSubscriptions } from '../graph/user-subscriptions.js';
import { TableTrackerStore } from '../storage/table-tracker-store.js';
import { AcceptanceNotifier } from '../notify/acceptance-notifier.js';
import { acceptedNotice, removedNotice, stillPendingNotice } from '../cards/notice-cards.js';
import type { Config } from './config.js';
import { conversationIdOf, readyEntries } from '../domain/invitations/batch.js';
import { forgetConversation, type ForgetConversationDependencies, type LeftConversation } from '../domain/use-cases/forget-conversation.js';
import type { BatchObserver, RecordedPolicy } from '../domain/ports.js';
import type { Inviter } from '../domain/invitations/invitation.js';
import { checkInviter, isAdministrator, type AuthorizeDependencies } from '../domain/use-cases/authorize.js';
import { requestSending } from '../domain/use-cases/request-sending.js';
import { decideApproval, withdrawRequest } from '../domain/use-cases/decide-approval.js';
import { chooseNotificationChannel, exportAuditTrail, notePolicyChange, readAuditTrail, type AdministrationDependencies } from '../domain/use-cases/administration.js';
import { postDigestIfDue, type DigestDependencies } from '../domain/use-cases/daily-digest.js';
import { GraphPeopleDirectory } from '../graph/people-directory.js';
import { TableChannelStore, TablePolicyStore } from '../storage/table-settings.js';
import { TableRequesterTally } from '../storage/table-quota.js';
import { AdminChannel } from '../notify/admin-channel.js';
import { approvalCard, batchFinishedNotice, batchPausedNotice, digestCard, guestAcceptedNotice, refusalNotice } from '../cards/admin-cards.js';
import { EXPORT_LINK_TTL_MS, mountAuditExport, signExportGrant } from './export-links.js';
import type { Logger } from './logger.js';
import { createServer } from './server.js';
import { graphCredential, storageAccount } from './credentials.js';
import { readinessCheck } from './readiness.js';
import { mountNotifications } from './notifications.js';
import { mountPages } from './pages.js';

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
  const directory = new GraphDirectoryGateway(graph, config.sending.requestTimeoutSeconds * 1000);
  const tenant = new GraphTenantConfiguration(graph, { snapshotTtlMs: config.invitations.tenantConfigTtlMinutes * 60_000, domainTtlMs: DOMAIN_DISCOVERY_TTL_MS });
  const clock = systemClock;
  const tenantId = config.graph.tenantId;
  const adapter = createAdapter(config.bot, logger);
  const audit = new TableAuditLog(tables.audit, prepareStorage);
  const channels = new TableChannelStore(tables.settings, prepareStorage);
  const forgetting: ForgetConversationDependencies = { channels, batches, audit, clock, tenantId };
  const conversationEnded = async (left: LeftConversation, why: string) => {
    await forgetConversation(forgetting, left, why);
    logger.info({ conversationId: left.conversationId, why }, 'conversation forgotten: nothing more is posted there');
  };
  const cardUpdater = new ProactiveCardUpdater(adapter, config.bot.appId, async (conversation, why) => {
    const conversationId = conversationIdOf(conversation);
    // Teams says the conversation refuses the bot: forgetting it must not hide the failure being reported.
    if (conversationId) await conversationEnded({ conversationId }, why).catch((error: unknown) => logger.warn({ err: error }, 'could not forget a conversation'));
  });
  const delivery: InvitationDelivery =
    config.invitations.delivery === 'mailbox' ? { mode: 'mailbox', mailer: new GraphMailer(graph, config.invitations.mailbox) } : { mode: config.invitations.delivery };

  const follower = new BatchCardFollower({
    batches,
    outcomes,
    clock,
    render: (batch, results) => batchStatusCard(batch, results, config.invitations.delivery),
    updateCard: (location, card) => cardUpdater.update(location, card),
    log: logger.child({ component: 'batch-card' }),
  });
  const pacedDirectory = new PacedDirectory(directory, new InvitationPacer(config.sending.rateLimit));
  const people = new GraphPeopleDirectory(graph);
  const tally = new TableRequesterTally(tables.quotas, tenantId, prepareStorage);
  const groups = { inviterGroupIds: config.admin.inviterGroupIds, adminGroupIds: config.admin.adminGroupIds };
  const authorizing: AuthorizeDependencies = { people, tenant, groups, audit, clock, tenantId };
  const administration: AdministrationDependencies = { people, groups, channels, audit, clock, tenantId };
  const policies = new TablePolicyStore(tables.settings, prepareStorage);
  /** The policy in force, setting by setting, as the audit trail records its changes. */
  const policyInForce = async (): Promise<RecordedPolicy> => ({
    allowInvitesFrom: (await tenant.snapshot()).allowInvitesFrom ?? 'unreadable',
    INVITER_GROUP_IDS: config.admin.inviterGroupIds.join(','),
    ADMIN_GROUP_IDS: config.admin.adminGroupIds.join(','),
    INVITE_ALLOWED_DOMAINS: config.invitations.domainRules.allowed.join(','),
    INVITE_BLOCKED_DOMAINS: config.invitations.domainRules.blocked.join(','),
    APPROVAL_BATCH_SIZE: String(config.admin.approvals.batchSizeAbove),
    APPROVAL_DAILY_PER_INVITER: String(config.admin.approvals.dailyPerRequesterAbove),
    APPROVAL_OUTSIDE_ALLOWED_DOMAINS: String(config.admin.approvals.outsideAllowedDomains === 'approve'),
    NOTIFY_DIGEST: config.admin.digest ? 'daily' : 'off',
  });
  const recordPolicy = async (actor: Inviter) => {
    try {
      const record = await notePolicyChange({ policies, audit, clock, tenantId }, actor, await policyInForce());
      if (record.kind === 'baseline') logger.info('policy in force recorded in the audit trail');
      if (record.kind === 'changed') logger.info({ changes: record.changes }, 'policy change recorded in the audit trail');
    } catch (error) {
      logger.warn({ err: error }, 'could not record the policy in force; the next start or refresh tries again');
    }
  };
  const adminChannel = new AdminChannel({
    channels,
    tenantId,
    digest: config.admin.digest,
    post: (location, card) => cardUpdater.post(location, card),
    update: (location, card) => cardUpdater.update(location, card),
    approvalCard,
    showRequesterCard: (batch) => follower.stateChanged(batch),
    log: logger.child({ component: 'admin-channel' }),
  });
  const fixing: FixDependencies = {
    directory: pacedDirectory,
    store,
    audit,
    clock,
    delivery,
    defaultRedirectUrl: config.invitations.redirectUrl,
    isAdministrator: (actor) => isAdministrator(authorizing, actor),
  };
  // The chat's card follows every batch; the administrators' channel hears when one ends or pauses.
  const batchObserver: BatchObserver = {
    recorded: (batch, result) => follower.recorded(batch, result),
    stateChanged: async (batch) => {
      await follower.stateChanged(batch);
      if (batch.state === 'Done') await adminChannel.notify(batchFinishedNotice(batch, await outcomes.list(tenantId, batch.batchId)));
      if (batch.state === 'Paused' && batch.pause?.reason === 'anti-abuse') await adminChannel.notify(batchPausedNotice(batch));
    },
  };
  const sending: SendWorkDependencies = {
    directory: pacedDirectory,
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
    { process: (work) => processSendWork(sending, work), gaveUp: (work, reason) => giveUpOnWork(sending, work, reason) },
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
    notices: { accepted: acceptedNotice, removed: removedNotice, stillPending: (record, where) => stillPendingNotice(record, where, clock.now()) },
    log: logger.child({ component: 'tracker' }),
  });
  const tracking: TrackDependencies = {
    changes: new GraphUserChanges(graph),
    checkpoints: new TableTrackerStore(tables.tracker, prepareStorage),
    store,
    observer: {
      accepted: async (record) => {
        await acceptanceNotifier.accepted(record);
        await adminChannel.notify(guestAcceptedNotice(record));
      },
      removed: (record) => acceptanceNotifier.removed(record),
      stillPending: (record) => acceptanceNotifier.stillPending(record),
    },
    clock,
    tenantId,
    tenantDomains: () => directory.verifiedDomains(),
    reminderAfterDays: config.tracking.reminderAfterDays,
    placement: {
      membership: new GraphMembershipGateway(graph, clock, { chatHistory: config.tracking.groupChatHistory }),
      observer: new PlacementNotifier({
        batches,
        audit,
        clock,
        post: async (location, card) => {
          await cardUpdater.post(location, card);
        },
        notifyAdmins: (card) => adminChannel.notify(card),
        cards: { welcome: guestWelcomeCard, refused: placementRefusedCard },
        log: logger.child({ component: 'placement' }),
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
  const digest: DigestDependencies = {
    channels,
    audit,
    clock,
    tenantId,
    hourUtc: config.admin.digestHourUtc,
    publish: (events, since) => adminChannel.postNow(digestCard(events, since)),
  };
  const tracker = new GuestTracker(
    async () => {
      const outcome = await trackRound(tracking, instanceId);
      // The lease holder, and only it, also posts the daily digest when one is due.
      if (outcome.kind === 'tracked' && config.admin.digest) await postDigestIfDue(digest);
      return outcome;
    },
    config.tracking.pollSeconds * 1000,
    logger.child({ component: 'tracker' }),
    () => releaseTracking(tracking, instanceId),
  );

  const withRoutes = (server: restify.Server) => {
    mountPages(server);
    mountNotifications(server, { clientState: config.tracking.clientState, changed: () => tracker.wake() }, logger.child({ component: 'notifications' }));
    mountAuditExport(
      server,
      { secret: config.admin.exportLinkSecret, exportTrail: (actor, request) => exportAuditTrail(administration, actor, request) },
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

  const queued = <T>(outcome: Promise<T>) => outcome.finally(() => worker.wake());
  const services: IntakeServices = {
    startReview: (command) =>
      startReview({ directory, store, batches, clock, tenantId, tenant, rules: config.invitations.domainRules, newId: randomUUID }, command),
    getBatch: async (batchId) => (await batches.get(tenantId, batchId))?.value,
    changeDraft: (batchId, actor, change) => changeDraft({ batches, clock }, { tenantId, batchId }, actor, change),
    chooseCare: (batchId, actor, choice) => chooseGuestCare({ batches, clock, directory }, { tenantId, batchId }, actor, choice),
    checkInviter: async (actor) => {
      const check = await checkInviter(authorizing, actor, 'invite');
      if (!check.ok) await adminChannel.notify(refusalNotice(actor.name, check.why, 0));
      return check;
    },
    send: async (batchId, actor, card) => {
      const outcome = await queued(requestSending({ ...authorizing, batches, queue, outcomes, approvalRules: config.admin.approvals, tally, desk: adminChannel }, { tenantId, batchId }, actor, card));
      if (outcome.kind === 'refused') await adminChannel.notify(refusalNotice(actor.name, outcome.check.why, readyEntries(outcome.batch).length));
      return outcome;
    },
    decide: (batchId, actor, decision, comment) =>
      queued(decideApproval({ people, groups, batches, clock, queue, outcomes, audit, tally, desk: adminChannel }, { tenantId, batchId }, actor, decision, comment)),
    withdraw: (batchId, actor) => withdrawRequest({ batches, clock, audit, desk: adminChannel }, { tenantId, batchId }, actor),
    isAdministrator: (actor) => isAdministrator(authorizing, actor),
    chooseChannel: (actor, channel) => chooseNotificationChannel(administration, actor, channel),
    auditTrail: (actor, request) => readAuditTrail(administration, actor, request),
    exportLink: (actor, request) =>
      `${baseUrl()}/api/audit.csv?token=${signExportGrant({ actor, days: request.days, ...(request.address ? { address: request.address } : {}), expires: clock.now().getTime() + EXPORT_LINK_TTL_MS }, config.admin.exportLinkSecret)}`,
    sendAgain: (batchId, actor, card) => queued(sendAgain({ batches, clock, queue, outcomes }, { tenantId, batchId }, actor, card)),
    outcomes: (batchId) => outcomes.list(tenantId, batchId),
    invitation: async (address) => (await store.get(tenantId, address))?.value,
    conversationEnded,
    myInvitations: (inviter, page, filter) => myInvitations({ directory, store, clock, tenantId }, inviter, page, filter),
    myGuests: (sponsor, page) => myGuests({ store, tenantId }, sponsor, page),
    pathReport: () => verifyPaths({ directory, store, clock, tenantId }),
    fix: (address, action, actor) => fixInvitation(fixing, tenantId, address, action, actor),
    refreshSignInSettings: async (actor) => {
      tenant.refresh();
      const snapshot = await tenant.snapshot();
      await recordPolicy(actor);
      return snapshot;
    },
  };
  const bot = new GuestInvitesBot({
    settings: {
      tenantId,
      defaultRedirectUrl: config.invitations.redirectUrl,
      redirectChoices: config.invitations.redirectChoices,
      delivery: config.invitations.delivery,
      digest: config.admin.digest,
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
  const http = createServer(turnRunner(adapter, bot), logger, readiness);
  const server = withRoutes(http.server);
  return {
    server,
    drain: http.drain,
    prepareStorage,
    startWorker: async () => {
      worker.start();
      tracker.start();
      await recordPolicy({ name: 'Guest Invites (its configuration at start)' });
    },
    stopWorker: async (handBackAfterMs) => {
      await Promise.all([worker.stop(handBackAfterMs), tracker.stop()]);
      follower.close();
    },
  };
}
