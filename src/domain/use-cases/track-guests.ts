/**
 * One round of tracking: the tracker's lease for the tenant (one instance tracks at a time), the users
 * that changed since the stored delta link, each one matched to our invitation, and the new delta link
 * saved only after every change was applied. A round repeated after a crash sees the same changes again;
 * the invitation's ETag-checked state makes each acceptance reported once.
 */
import { isServiceError } from '../errors.js';
import type { InvitationRecord } from '../invitations/invitation.js';
import type { AuditLog } from '../ports/audit-log.js';
import type { ChangeSubscriptions } from '../ports/change-subscriptions.js';
import type { Clock } from '../ports/clock.js';
import type { InvitationObserver } from '../ports/invitation-observer.js';
import type { InvitationStore } from '../ports/invitation-store.js';
import type { TrackerCheckpoint, TrackerStore } from '../ports/tracker-store.js';
import type { ChangedUser, UserChanges } from '../ports/user-changes.js';
import type { Versioned } from '../ports/versioned.js';
import { StaleWriteError } from '../ports/versioned.js';
import { actualPathFrom } from '../redemption/actual-path.js';
import { placePendingGuests, type PlaceDependencies } from './place-guests.js';

export interface TrackDependencies {
  readonly changes: UserChanges;
  readonly checkpoints: TrackerStore;
  readonly store: InvitationStore;
  readonly observer: InvitationObserver;
  readonly clock: Clock;
  readonly tenantId: string;
  readonly tenantDomains: () => Promise<readonly string[]>;
  /** How long a lease lasts without a round renewing it. */
  readonly leaseMs: number;
  /** Days without acceptance before the inviter is reminded; 0 = never. */
  readonly reminderAfterDays?: number;
  /** Change notifications, when the bot has a public endpoint; polling alone otherwise. */
  readonly subscriptions?: ChangeSubscriptions;
  readonly onSubscriptionError?: (error: unknown) => void;
  /** Acceptances go to the audit trail, which the administrators' report is drawn from. */
  readonly audit?: AuditLog;
  /** Adding accepted guests to the team or chat they were invited from; absent = never. */
  readonly placement?: Omit<PlaceDependencies, 'store' | 'clock' | 'tenantId'>;
}

export type RoundOutcome =
  | { readonly kind: 'tracked'; readonly changed: number; readonly accepted: number; readonly removed: number; readonly requests: number }
  /** Another instance holds the lease. */
  | { readonly kind: 'not-mine' };

export async function trackRound(deps: TrackDependencies, owner: string): Promise<RoundOutcome> {
  const lease = await claimLease(deps, owner);
  if (!lease) return { kind: 'not-mine' };
  // First, so notifications flow while a long first round pages through every user.
  const subscription = await keepSubscription(deps, lease.value.subscription);
  let round;
  try {
    round = await deps.changes.round(lease.value.deltaLink);
  } catch (error) {
    if (!isServiceError(error) || error.code !== 'graph.delta-expired') throw error;
    // The link is too old: start over with a full round (replays are harmless, see above).
    round = await deps.changes.round(undefined);
  }
  const domains = await deps.tenantDomains();
  const byUserId = lazyIndex(deps);
  let accepted = 0;
  let removed = 0;
  for (const user of round.users) {
    const change = await apply(deps, user, domains, byUserId);
    if (change === 'accepted') accepted++;
    if (change === 'removed') removed++;
  }
  const remindersCheckedAt = await remindIfDue(deps, lease.value.remindersCheckedAt);
  const placementsCheckedAt = await placeIfDue(deps, lease.value.placementsCheckedAt, accepted > 0);
  await saveCheckpoint(deps, lease, {
    deltaLink: round.deltaLink,
    lastRoundAt: deps.clock.now().toISOString(),
    ...(subscription ? { subscription } : {}),
    ...(remindersCheckedAt ? { remindersCheckedAt } : {}),
    ...(placementsCheckedAt ? { placementsCheckedAt } : {}),
  });
  return { kind: 'tracked', changed: round.users.length, accepted, removed, requests: round.requests };
}

/** On a clean shutdown: the lease is given up at once, so another instance need not wait for it to lapse. */
export async function releaseTracking(deps: Pick<TrackDependencies, 'checkpoints' | 'tenantId'>, owner: string): Promise<void> {
  const stored = await deps.checkpoints.get(deps.tenantId);
  if (stored?.value.owner !== owner) return;
  const { owner: _gone, leaseUntil: _over, ...rest } = stored.value;
  await deps.checkpoints.replace(rest, stored.etag).catch((error: unknown) => {
    if (!(error instanceof StaleWriteError)) throw error;
  });
}

async function claimLease(deps: TrackDependencies, owner: string): Promise<Versioned<TrackerCheckpoint> | undefined> {
  const now = deps.clock.now();
  const leaseUntil = new Date(now.getTime() + deps.leaseMs).toISOString();
  const stored = await deps.checkpoints.get(deps.tenantId);
  try {
    if (!stored) return await deps.checkpoints.create({ tenantId: deps.tenantId, owner, leaseUntil });
    const held = stored.value.owner && stored.value.owner !== owner && stored.value.leaseUntil && Date.parse(stored.value.leaseUntil) > now.getTime();
    if (held) return undefined;
    return await deps.checkpoints.replace({ ...stored.value, owner, leaseUntil }, stored.etag);
  } catch (error) {
    if (error instanceof StaleWriteError) return undefined;
    throw error;
  }
}

/** Looking for invitations to remind of reads every record: once an hour is plenty for a reminder counted in days. */
const REMINDER_SCAN_INTERVAL_MS = 60 * 60 * 1000;

async function remindIfDue(deps: TrackDependencies, lastChecked: string | undefined): Promise<string | undefined> {
  const days = deps.reminderAfterDays ?? 0;
  const now = deps.clock.now();
  if (days <= 0) return lastChecked;
  if (lastChecked && now.getTime() - Date.parse(lastChecked) < REMINDER_SCAN_INTERVAL_MS) return lastChecked;
  const due = now.getTime() - days * 24 * 60 * 60 * 1000;
  for (const row of await deps.store.list(deps.tenantId)) {
    const record = row.value;
    if (record.state !== 'PendingAcceptance' || record.remindedAt || Date.parse(record.sentAt ?? record.createdAt) > due) continue;
    try {
      const saved = await deps.store.replace({ ...record, remindedAt: now.toISOString() }, row.etag);
      await deps.observer.stillPending(saved.value);
    } catch (error) {
      if (!(error instanceof StaleWriteError)) throw error;
    }
  }
  return now.toISOString();
}

/**
 * Reads every record, so it runs when this round saw an acceptance, and otherwise once a minute, to finish
 * an add a crash or a passing failure left behind.
 */
const PLACEMENT_SCAN_INTERVAL_MS = 60 * 1000;

async function placeIfDue(deps: TrackDependencies, lastChecked: string | undefined, someoneAccepted: boolean): Promise<string | undefined> {
  if (!deps.placement) return lastChecked;
  const now = deps.clock.now();
  if (!someoneAccepted && lastChecked && now.getTime() - Date.parse(lastChecked) < PLACEMENT_SCAN_INTERVAL_MS) return lastChecked;
  await placePendingGuests({ ...deps.placement, store: deps.store, clock: deps.clock, tenantId: deps.tenantId });
  return now.toISOString();
}

/** A subscription that cannot be made (no reachable endpoint, no permission) leaves polling to do the work. */
async function keepSubscription(deps: TrackDependencies, current: TrackerCheckpoint['subscription']): Promise<TrackerCheckpoint['subscription']> {
  if (!deps.subscriptions) return current;
  try {
    return await deps.subscriptions.ensure(current, deps.clock.now());
  } catch (error) {
    deps.onSubscriptionError?.(error);
    return current;
  }
}

async function saveCheckpoint(
  deps: TrackDependencies,
  lease: Versioned<TrackerCheckpoint>,
  progress: Pick<TrackerCheckpoint, 'deltaLink' | 'lastRoundAt' | 'subscription' | 'remindersCheckedAt' | 'placementsCheckedAt'>,
): Promise<void> {
  try {
    await deps.checkpoints.replace({ ...lease.value, ...progress }, lease.etag);
  } catch (error) {
    // Someone took the lease over meanwhile: they will see these changes again, and report none twice.
    if (!(error instanceof StaleWriteError)) throw error;
  }
}

async function apply(
  deps: TrackDependencies,
  user: ChangedUser,
  domains: readonly string[],
  byUserId: () => Promise<ReadonlyMap<string, Versioned<InvitationRecord>>>,
): Promise<'accepted' | 'removed' | undefined> {
  // Only an acceptance or a removal changes an invitation: the rest (members, pending guests) costs no read.
  if (!user.removed && user.externalUserState !== 'Accepted') return undefined;
  // A deleted user comes back as its id alone: only our own records can say whose invitation it was.
  const stored = user.removed ? (await byUserId()).get(user.id) : await invitationOf(deps, user);
  if (!stored) return undefined;
  const record = stored.value;
  if (user.removed) {
    // A withdrawn invitation's guest was deleted by the bot itself: nobody is told again.
    if (record.state === 'Removed' || record.state === 'Withdrawn') return undefined;
    return (await transition(deps, stored, { ...record, state: 'Removed', updatedAt: deps.clock.now().toISOString() })) ? 'removed' : undefined;
  }
  if (user.externalUserState !== 'Accepted' || record.state === 'Accepted') return undefined;
  const actualPath = actualPathFrom(user.identities ?? [], domains);
  const acceptedRecord: InvitationRecord = {
    ...record,
    state: 'Accepted',
    ...(actualPath ? { actualPath } : {}),
    acceptedAt: user.externalUserStateChangeDateTime ?? deps.clock.now().toISOString(),
    updatedAt: deps.clock.now().toISOString(),
  };
  return (await transition(deps, stored, acceptedRecord)) ? 'accepted' : undefined;
}

/** Every invitation by guest object id, read once per round and only if a round needs it (deletions are rare). */
function lazyIndex(deps: TrackDependencies): () => Promise<ReadonlyMap<string, Versioned<InvitationRecord>>> {
  let index: Promise<Map<string, Versioned<InvitationRecord>>> | undefined;
  return () => {
    index ??= deps.store
      .list(deps.tenantId)
      .then((rows) => new Map(rows.flatMap((row) => (row.value.invitedUserId ? [[row.value.invitedUserId, row] as const] : []))));
    return index;
  };
}

/** Our invitation behind a changed user: by its mail (or otherMails), checked against the guest object id. */
async function invitationOf(deps: TrackDependencies, user: ChangedUser): Promise<Versioned<InvitationRecord> | undefined> {
  const addresses = [user.mail, ...(user.otherMails ?? [])].filter((address): address is string => Boolean(address));
  for (const address of addresses) {
    const stored = await deps.store.get(deps.tenantId, address.toLowerCase());
    if (stored?.value.invitedUserId === user.id) return stored;
  }
  return undefined;
}

/** Only the writer that moves the record tells anyone: a replayed change finds it moved already. */
async function transition(deps: TrackDependencies, stored: Versioned<InvitationRecord>, next: InvitationRecord): Promise<boolean> {
  try {
    const saved = await deps.store.replace(next, stored.etag);
    if (next.state === 'Accepted') {
      await deps.audit?.append(deps.tenantId, {
        at: saved.value.acceptedAt ?? deps.clock.now().toISOString(),
        actor: { ...(saved.value.invitedUserId ? { aadObjectId: saved.value.invitedUserId } : {}), ...(saved.value.displayName ? { name: saved.value.displayName } : {}) },
        action: 'accepted',
        subject: saved.value.email,
        outcome: saved.value.actualPath ?? 'unknown',
        ...(saved.value.sentAt ? { detail: saved.value.sentAt } : {}),
      });
      await deps.observer.accepted(saved.value);
    } else await deps.observer.removed(saved.value);
    return true;
  } catch (error) {
    if (error instanceof StaleWriteError) return false;
    throw error;
  }
}
