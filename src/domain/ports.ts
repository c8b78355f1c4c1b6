/** The interfaces the domain needs from the outside world. Adapters in src/graph and src/storage implement them. */
import type { BatchState, EntryResult, InviteBatch, StatusCardLocation } from './invitations/batch.js';
import type { PersonInDirectory } from './policy/who-may-invite.js';
import type { SendWork } from './invitations/send-work.js';
import type { DomainFacts, TenantSnapshot } from './redemption/tenant-snapshot.js';
import type { ObjectIdentity } from './redemption/actual-path.js';
import type { InvitationRecord } from './invitations/invitation.js';
import type { InvitedFrom, PlacementRefusal } from './lifecycle/placement.js';

export type ExternalUserState = 'PendingAcceptance' | 'Accepted';

export interface DirectoryUser {
  readonly id: string;
  readonly displayName?: string;
  readonly userType: 'Member' | 'Guest';
  readonly externalUserState?: ExternalUserState;
  readonly externalUserStateChangeDateTime?: string;
}

export interface InvitationRequest {
  readonly email: string;
  readonly displayName?: string;
  readonly redirectUrl: string;
  readonly sendInvitationMessage: boolean;
  /** Object ids of the people responsible for the guest (the inviter); Graph takes up to five. */
  readonly sponsorIds: readonly string[];
  /** Graph copies its invitation email to one extra recipient at most. */
  readonly ccAddress?: string;
  /** Language of Microsoft's invitation email (ISO 639, e.g. en-US). */
  readonly messageLanguage?: string;
}

export interface SentInvitation {
  readonly invitationId: string;
  readonly invitedUserId: string;
  readonly inviteRedeemUrl: string;
  readonly status: string;
}

export interface DirectoryGateway {
  /** The tenant's own verified domains (cached by the adapter: they rarely change). */
  verifiedDomains(): Promise<readonly string[]>;
  /** A user whose mail, otherMails, proxy address or UPN is this address, as Microsoft recommends checking before inviting. */
  findUserByEmail(email: string): Promise<DirectoryUser | undefined>;
  invite(request: InvitationRequest): Promise<SentInvitation>;
  /** A guest's redemption state and sign-in identities; undefined when the user no longer exists. */
  guestSignIn(userId: string): Promise<{ readonly state?: ExternalUserState; readonly stateChangedAt?: string; readonly identities: readonly ObjectIdentity[] } | undefined>;
  /** POST /invitations with resetRedemption: the same guest object accepts again, with the address given. */
  resetRedemption(request: InvitationRequest & { readonly userId: string }): Promise<SentInvitation>;
  /** DELETE /users/{id}: Entra keeps the user restorable for 30 days. A user already gone counts as deleted. */
  deleteUser(userId: string): Promise<void>;
}

export type MembershipOutcome =
  /** Added now, or found a member already (an earlier call went through before its answer was recorded). */
  | { readonly kind: 'added'; readonly channelAdded?: boolean }
  /** The team refused an app's guest add; the guest went into the team's group instead (slow to show). */
  | { readonly kind: 'added-via-group' }
  | { readonly kind: 'refused'; readonly reason: PlacementRefusal; readonly permission?: string; readonly detail?: string };

/**
 * Adds a guest to the team (and private channel) or group chat an invitation came from, paced as Teams asks
 * (2 s between adds, 4 requests a second per team). Throws a ServiceError for a failure worth retrying.
 */
export interface MembershipGateway {
  add(target: InvitedFrom, userId: string): Promise<MembershipOutcome>;
}

/** Told once per guest when their add is settled: done (the space may welcome them), or refused with the reason. */
export interface PlacementObserver {
  placed(record: InvitationRecord): Promise<void>;
  refused(record: InvitationRecord): Promise<void>;
}

/** A user as a delta round reports it: changed properties, or gone. */
export interface ChangedUser {
  readonly id: string;
  readonly mail?: string;
  readonly otherMails?: readonly string[];
  readonly externalUserState?: ExternalUserState;
  readonly externalUserStateChangeDateTime?: string;
  readonly identities?: readonly ObjectIdentity[];
  /** Set when the user was deleted (soft: 'changed', for good: 'deleted'). */
  readonly removed?: 'changed' | 'deleted';
}

/** Graph's users delta: every change since the link, one round at a time. */
export interface UserChanges {
  /** Follows every page; without a link, the first round enumerates everyone. Throws 'graph.delta-expired' when the link is too old. */
  round(deltaLink: string | undefined): Promise<{ readonly users: readonly ChangedUser[]; readonly deltaLink: string; readonly requests: number }>;
}

/** Where tracking stands for a tenant, and which instance holds the tracker's lease. */
export interface TrackerCheckpoint {
  readonly tenantId: string;
  readonly deltaLink?: string;
  readonly owner?: string;
  readonly leaseUntil?: string;
  readonly lastRoundAt?: string;
  /** When the lease holder last looked for invitations to remind the inviter of. */
  readonly remindersCheckedAt?: string;
  /** When the lease holder last looked for accepted guests still to be added to their team or chat. */
  readonly placementsCheckedAt?: string;
  /** The change-notification subscription the lease holder keeps alive. */
  readonly subscription?: { readonly id: string; readonly expiresAt: string };
}

/** Graph change notifications for users: created when missing, renewed before they expire. */
export interface ChangeSubscriptions {
  ensure(current: TrackerCheckpoint['subscription'], now: Date): Promise<NonNullable<TrackerCheckpoint['subscription']>>;
}

export interface TrackerStore {
  get(tenantId: string): Promise<Versioned<TrackerCheckpoint> | undefined>;
  create(checkpoint: TrackerCheckpoint): Promise<Versioned<TrackerCheckpoint>>;
  replace(checkpoint: TrackerCheckpoint, etag: string): Promise<Versioned<TrackerCheckpoint>>;
}

/** Told once per guest when tracking sees an invitation accepted, or its guest gone. */
export interface InvitationObserver {
  accepted(record: InvitationRecord): Promise<void>;
  removed(record: InvitationRecord): Promise<void>;
  /** The guest has not accepted for a while: the inviter gets a reminder with Resend. */
  stillPending(record: InvitationRecord): Promise<void>;
}

export type AuditAction =
  | 'invite'
  | 'refuse'
  | 'approval-requested'
  | 'approve'
  | 'reject'
  | 'withdraw'
  | 'resend'
  | 'reset-redemption'
  | 'copy-link'
  | 'withdraw-invitation'
  | 'notify-here'
  | 'notify-off'
  | 'policy-change'
  | 'audit-export'
  | 'add-to-space';

/** One decision or action, appended for administrators: who did what to whom, when, and how it ended. */
export interface AuditEvent {
  readonly at: string;
  readonly actor: { readonly aadObjectId?: string; readonly name?: string };
  readonly action: AuditAction;
  /** The guest's address, or what else the action was about (a batch, a channel); nothing more personal is kept. */
  readonly subject: string;
  /** For a decision about a batch: the guests' addresses it covered. */
  readonly addresses?: readonly string[];
  readonly outcome: string;
  readonly detail?: string;
}

export interface AuditQuery {
  readonly since: Date;
  /** Only events about this (normalised) address. */
  readonly address?: string;
  /** At most this many, newest first; absent = all. */
  readonly limit?: number;
}

export interface AuditLog {
  append(tenantId: string, event: AuditEvent): Promise<void>;
  /** Newest first. */
  query(tenantId: string, query: AuditQuery): Promise<AuditEvent[]>;
}

/** The person asking, as the directory knows them (type, roles, groups), cached briefly by the adapter. */
export interface PeopleDirectory {
  person(aadObjectId: string): Promise<PersonInDirectory | undefined>;
}

/** How many guests each requester sent invitations to in a UTC day, shared by every instance. */
export interface RequesterTally {
  sentToday(requesterAadObjectId: string, now: Date): Promise<number>;
  add(requesterAadObjectId: string, count: number, now: Date): Promise<void>;
}

/** The team channel administrators chose (`notify here`) for the bot's notices and approval cards. */
export interface NotificationChannel {
  /** The channel's conversation reference, opaque to the domain. */
  readonly conversation: Readonly<Record<string, unknown>>;
  readonly name?: string;
  /** The team the channel belongs to: when the bot is removed from the team, the channel is gone too. */
  readonly teamId?: string;
  readonly chosenBy: { readonly aadObjectId?: string; readonly name?: string };
  readonly chosenAt: string;
  /** When the last daily digest was posted (digest mode). */
  readonly digestPostedAt?: string;
}

export interface ChannelStore {
  get(tenantId: string): Promise<Versioned<NotificationChannel> | undefined>;
  /** Replaces (or creates, with no etag) the tenant's channel; undefined = no channel. Stale etag → StaleWriteError. */
  put(tenantId: string, channel: NotificationChannel | undefined, etag?: string): Promise<void>;
}

/** The bot's policy as last recorded (who may invite, thresholds, domain lists), setting by setting. */
export type RecordedPolicy = Readonly<Record<string, string>>;

export interface PolicyStore {
  get(tenantId: string): Promise<Versioned<RecordedPolicy> | undefined>;
  /** Stale etag → StaleWriteError (another instance recorded it first). */
  put(tenantId: string, policy: RecordedPolicy, etag?: string): Promise<void>;
}

/** Where approval requests go to administrators, and how the requester learns the answer. */
export interface ApprovalDesk {
  /** Posts the approval card in the notification channel; undefined when no channel has been chosen. */
  ask(batch: InviteBatch): Promise<StatusCardLocation | undefined>;
  /** The decision (or the requester's withdrawal) was stored: the requester's card and the channel are told. */
  decided(batch: InviteBatch): Promise<void>;
}

export interface Versioned<T> {
  readonly value: T;
  /** Opaque concurrency token: an update with a stale one fails with `StaleWriteError`. */
  readonly etag: string;
}

export class StaleWriteError extends Error {
  override readonly name = 'StaleWriteError';
}

export interface InvitationStore {
  get(tenantId: string, email: string): Promise<Versioned<InvitationRecord> | undefined>;
  /** Fails with `StaleWriteError` when a record for the same (tenant, email) already exists. */
  create(record: InvitationRecord): Promise<Versioned<InvitationRecord>>;
  /** Fails with `StaleWriteError` when someone else changed the record since `etag`. */
  replace(record: InvitationRecord, etag: string): Promise<Versioned<InvitationRecord>>;
  /** Every invitation of the tenant (for reports; reads the whole partition). */
  list(tenantId: string): Promise<Versioned<InvitationRecord>[]>;
}

export interface BatchStore {
  get(tenantId: string, batchId: string): Promise<Versioned<InviteBatch> | undefined>;
  create(batch: InviteBatch): Promise<Versioned<InviteBatch>>;
  /** Fails with `StaleWriteError` when someone else changed the batch since `etag`. */
  replace(batch: InviteBatch, etag: string): Promise<Versioned<InviteBatch>>;
  /** The tenant's batches in a state, or whose card is in a conversation (its id without the `;messageid=` of a thread). */
  list(tenantId: string, filter: BatchFilter): Promise<Versioned<InviteBatch>[]>;
}

export type BatchFilter = { readonly state: BatchState } | { readonly cardConversationId: string };

export interface Clock {
  now(): Date;
  /** Waits; the only way the domain lets time pass (fake clocks make it instant in unit tests). */
  sleep(milliseconds: number): Promise<void>;
}

/** What one batch's ready addresses came to; one row per (batch, address), rewritten by a later round. */
export interface BatchOutcomeStore {
  /** Writes (or overwrites) the outcome of one address. */
  record(tenantId: string, batchId: string, result: EntryResult): Promise<void>;
  list(tenantId: string, batchId: string): Promise<EntryResult[]>;
}

/** Durable work: addresses of a batch still to send, consumed by a worker in any bot instance. */
export interface WorkQueue {
  /** `delaySeconds` keeps the work invisible that long (a pause, a retry later). */
  enqueue(work: SendWork, delaySeconds?: number): Promise<void>;
}

/**
 * The tenant's redemption-relevant configuration and invitee-domain discovery, read through Graph. The
 * adapter caches both; neither throws for a missing permission or an outage: what could not be read is
 * reported as such (snapshot.unreadable, DomainFacts 'unknown').
 */
export interface TenantConfigurationGateway {
  snapshot(): Promise<TenantSnapshot>;
  domainFacts(domain: string): Promise<DomainFacts>;
  /** Forgets what was cached (an administrator changed the configuration). */
  refresh(): void;
}

/** A message taken from the queue, invisible to other consumers while its lease lasts. */
export interface WorkLease {
  /** Undefined when the message cannot be read as work (it is then parked, never retried). */
  readonly work: SendWork | undefined;
  /** How many times the queue has handed this message out, this time included. */
  readonly deliveries: number;
  /** Keeps the message hidden for another `seconds` from now. */
  extend(seconds: number): Promise<void>;
  /** Done with: deleted from the queue. */
  complete(): Promise<void>;
  /** Moved to the poison queue with the reason, for an administrator to look at. */
  park(reason: string): Promise<void>;
  /** Handed back unfinished: visible again at once, for this or another instance (a stopping instance). */
  release(): Promise<void>;
}

export interface WorkSource {
  receive(leaseSeconds: number): Promise<WorkLease | undefined>;
}

/** A tenant-wide daily budget of invitations (INVITE_DAILY_LIMIT), shared by every instance. */
export interface InvitationQuota {
  /** Takes one invitation from today's budget, or says when the next day's budget opens. */
  take(now: Date): Promise<{ readonly ok: true } | { readonly ok: false; readonly resumesAt: Date }>;
}

export interface OutgoingMail {
  readonly to: { readonly address: string; readonly name?: string };
  readonly cc?: string;
  readonly subject: string;
  /** Plain text: nothing anyone typed is ever interpreted as markup. */
  readonly text: string;
}

/** The bot's own mailbox (INVITATION_DELIVERY=mailbox), which can carry the personal note Graph drops. */
export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
}

/** Told when a batch moved, so its card in the chat can follow. */
export interface BatchObserver {
  /** An address's outcome was recorded: the card may show the new counts (the observer decides how often). */
  recorded(batch: InviteBatch, result: EntryResult): void;
  /** The batch became Done or Paused: the card must show it. */
  stateChanged(batch: InviteBatch): Promise<void>;
}
