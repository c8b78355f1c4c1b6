/**
 * Invite one guest, exactly once: check the address, the tenant's own domains, our own record and the
 * directory; record the intent before calling Graph and the result after, so a retry, a duplicate submit
 * or a crash between Graph's answer and our write never produces a second invitation.
 */
import type { AddressProblem, EmailAddress } from '../addresses/email-address.js';
import { checkEmailAddress, domainMatches } from '../addresses/email-address.js';
import { isServiceError, type ServiceError } from '../errors.js';
import type { InvitationRecord, Inviter } from '../invitations/invitation.js';
import { isSettled, utcDay } from '../invitations/invitation.js';
import type { Clock } from '../ports/clock.js';
import type { DirectoryGateway, DirectoryUser } from '../ports/directory-gateway.js';
import type { InvitationPace } from '../ports/invitation-pace.js';
import type { InvitationQuota } from '../ports/invitation-quota.js';
import type { InvitationStore } from '../ports/invitation-store.js';
import type { Versioned } from '../ports/versioned.js';
import { StaleWriteError } from '../ports/versioned.js';
import type { InvitationRequest, SentInvitation } from '../ports/directory-gateway.js';
import type { RedemptionPath } from '../redemption/predict-path.js';
import { sponsorIdsFor } from '../lifecycle/guest-care.js';
import type { InvitedFrom } from '../lifecycle/placement.js';

export interface InviteGuestCommand {
  readonly tenantId: string;
  readonly address: string;
  readonly displayName?: string;
  readonly inviter: Inviter;
  /** Colleagues who answer for the guest with the inviter (the review card's co-sponsors). */
  readonly coSponsorIds?: readonly string[];
  readonly originConversationId?: string;
  /** Add the guest here once they accept (the review card's "add to this team/chat"). */
  readonly placeIn?: InvitedFrom;
  readonly batchId?: string;
  readonly predictedPath?: RedemptionPath;
  readonly predictedVia?: string;
  readonly predictedOtherwise?: RedemptionPath;
  readonly redirectUrl: string;
  readonly sendInvitationMessage: boolean;
  readonly ccAddress?: string;
  readonly messageLanguage?: string;
}

export type InviteGuestOutcome =
  | { readonly kind: 'invited'; readonly record: InvitationRecord }
  | { readonly kind: 'invalid-address'; readonly address: string; readonly problem: AddressProblem; readonly detail?: string }
  | { readonly kind: 'own-domain'; readonly email: string; readonly domain: string }
  | { readonly kind: 'already-invited'; readonly record: InvitationRecord }
  | { readonly kind: 'existing-guest'; readonly email: string; readonly user: DirectoryUser }
  | { readonly kind: 'existing-member'; readonly email: string; readonly user: DirectoryUser }
  /** Another turn (a double click, a second instance) is sending the same invitation right now. */
  | { readonly kind: 'in-progress'; readonly email: string; readonly retryAfterMs: number }
  /** Today's invitation budget (INVITE_DAILY_LIMIT) is spent; nothing was sent. */
  | { readonly kind: 'paced'; readonly email: string; readonly resumesAt: Date }
  | { readonly kind: 'failed'; readonly email: string; readonly error: ServiceError };

export interface InviteGuestDependencies {
  readonly directory: DirectoryGateway;
  readonly store: InvitationStore;
  readonly clock: Clock;
  readonly quota?: InvitationQuota;
  /**
   * Waits between directory lookups when an earlier attempt may have created the guest: right after an
   * invitation a read can miss the new guest (replication lag), so look again before sending again.
   */
  readonly recheckDelaysMs?: readonly number[];
  /** How long a recorded intent means "someone is calling Graph right now" (default SENDING_LEASE_MS). */
  readonly sendingLeaseMs?: number;
  /** The tenant's invitation pace: each POST waits its turn, and a 429 is told to every instance. */
  readonly pace?: InvitationPace;
}

/** About 7 s in all: Microsoft advises retrying a read of a new guest with back-off. */
export const RECHECK_DELAYS_MS = [1000, 2000, 4000] as const;

export async function inviteGuest(deps: InviteGuestDependencies, command: InviteGuestCommand): Promise<InviteGuestOutcome> {
  const check = checkEmailAddress(command.address);
  if (!check.ok) {
    return { kind: 'invalid-address', address: command.address, problem: check.problem, ...(check.detail ? { detail: check.detail } : {}) };
  }
  const address = check.address;
  const email = address.normalised;

  try {
    const ownDomain = (await deps.directory.verifiedDomains()).find((domain) => domainMatches(address.domain, domain));
    if (ownDomain) return { kind: 'own-domain', email, domain: ownDomain };

    const existing = await deps.store.get(command.tenantId, email);
    if (existing && isSettled(existing.value.state)) return { kind: 'already-invited', record: existing.value };
    const lease = leaseLeft(deps, existing?.value);
    if (lease > 0) return { kind: 'in-progress', email, retryAfterMs: lease };

    const user = await lookUp(deps, email, existing?.value);
    if (user) return await settleWithDirectoryUser(deps, command, address, existing, user);

    // An earlier attempt today already holds a slot of the daily budget (Graph refused it with a 429, or it
    // failed otherwise): trying the same address again is not a second invitation of the day.
    const today = utcDay(deps.clock.now());
    const holdsSlot = existing?.value.quotaDay === today;
    if (deps.quota && !holdsSlot) {
      const allowance = await deps.quota.take(deps.clock.now());
      if (!allowance.ok) return { kind: 'paced', email, resumesAt: allowance.resumesAt };
    }
    const intent = await recordIntent(deps, command, address, existing, deps.quota ? today : undefined);
    if (!intent) return { kind: 'in-progress', email, retryAfterMs: deps.sendingLeaseMs ?? SENDING_LEASE_MS };
    return await send(deps, command, intent);
  } catch (error) {
    if (isServiceError(error)) return { kind: 'failed', email, error };
    throw error;
  }
}

/**
 * The directory already knows this address. If our own record says we were sending, the invitation went
 * through before we could record Graph's answer: finish the record instead of inviting again.
 */
async function settleWithDirectoryUser(
  deps: InviteGuestDependencies,
  command: InviteGuestCommand,
  address: EmailAddress,
  existing: Versioned<InvitationRecord> | undefined,
  user: DirectoryUser,
): Promise<InviteGuestOutcome> {
  if (user.userType === 'Member') return { kind: 'existing-member', email: address.normalised, user };
  if (!existing || !mayHaveReachedGraph(existing.value)) return { kind: 'existing-guest', email: address.normalised, user };

  const now = deps.clock.now().toISOString();
  const recovered: InvitationRecord = {
    ...existing.value,
    state: user.externalUserState === 'Accepted' ? 'Accepted' : 'PendingAcceptance',
    invitedUserId: user.id,
    sentAt: existing.value.sentAt ?? now,
    updatedAt: now,
  };
  try {
    const saved = await deps.store.replace(recovered, existing.etag);
    return { kind: 'already-invited', record: saved.value };
  } catch (error) {
    if (error instanceof StaleWriteError) return { kind: 'in-progress', email: address.normalised, retryAfterMs: deps.sendingLeaseMs ?? SENDING_LEASE_MS };
    throw error;
  }
}

/**
 * The directory's answer for this address. When our own earlier attempt may have created the guest, an
 * empty answer is not trusted at once: replication lag can hide a guest created a moment ago.
 */
async function lookUp(deps: InviteGuestDependencies, email: string, existing: InvitationRecord | undefined): Promise<DirectoryUser | undefined> {
  let user = await deps.directory.findUserByEmail(email);
  if (user || !existing || !mayHaveReachedGraph(existing)) return user;
  for (const delay of deps.recheckDelaysMs ?? RECHECK_DELAYS_MS) {
    await deps.clock.sleep(delay);
    user = await deps.directory.findUserByEmail(email);
    if (user) return user;
  }
  return undefined;
}

/**
 * How long a recorded intent is taken to mean "another worker is calling Graph right now". Longer than one
 * Graph request can take (the adapter times requests out well before); after it, the intent is treated as
 * left by a crash and settled by a directory lookup.
 */
export const SENDING_LEASE_MS = 60 * 1000;

/** Milliseconds until a recorded intent may be taken over; 0 when there is none or it is stale. */
function leaseLeft(deps: InviteGuestDependencies, record: InvitationRecord | undefined): number {
  if (record?.state !== 'Sending') return 0;
  const left = Date.parse(record.updatedAt) + (deps.sendingLeaseMs ?? SENDING_LEASE_MS) - deps.clock.now().getTime();
  return Math.max(0, left);
}

/**
 * Our earlier attempt may have created the guest even though we never saw Graph's 201: we crashed, Graph
 * answered 5xx (503/504 can come after the work was done), or the connection broke after the request left.
 */
const UNCERTAIN_FAILURES: ReadonlySet<string> = new Set(['graph.unavailable', 'graph.unexpected']);

function mayHaveReachedGraph(record: InvitationRecord): boolean {
  return record.state === 'Sending' || UNCERTAIN_FAILURES.has(record.lastError?.code ?? '');
}

/** Returns the stored intent, or undefined when another writer got there first. */
async function recordIntent(
  deps: InviteGuestDependencies,
  command: InviteGuestCommand,
  address: EmailAddress,
  existing: Versioned<InvitationRecord> | undefined,
  quotaDay: string | undefined,
): Promise<Versioned<InvitationRecord> | undefined> {
  const now = deps.clock.now().toISOString();
  const intent: InvitationRecord = {
    tenantId: command.tenantId,
    email: address.normalised,
    ...(command.displayName ? { displayName: command.displayName } : {}),
    state: 'Sending',
    inviter: command.inviter,
    sponsorIds: sponsorIdsFor(command.inviter.aadObjectId, command.coSponsorIds),
    ...(command.originConversationId ? { originConversationId: command.originConversationId } : {}),
    ...(command.batchId ? { batchId: command.batchId } : {}),
    ...(command.placeIn ? { placement: { target: command.placeIn, state: 'wanted', attempts: 0, updatedAt: now } } : {}),
    ...(command.predictedPath ? { predictedPath: command.predictedPath } : {}),
    ...(command.predictedVia ? { predictedVia: command.predictedVia } : {}),
    ...(command.predictedOtherwise ? { predictedOtherwise: command.predictedOtherwise } : {}),
    redirectUrl: command.redirectUrl,
    ...(quotaDay ? { quotaDay } : {}),
    attempts: (existing?.value.attempts ?? 0) + 1,
    createdAt: existing?.value.createdAt ?? now,
    updatedAt: now,
  };
  try {
    return existing ? await deps.store.replace(intent, existing.etag) : await deps.store.create(intent);
  } catch (error) {
    if (error instanceof StaleWriteError) return undefined;
    throw error;
  }
}

async function send(
  deps: InviteGuestDependencies,
  command: InviteGuestCommand,
  recorded: Versioned<InvitationRecord>,
): Promise<InviteGuestOutcome> {
  const email = recorded.value.email;
  const request: InvitationRequest = {
    email,
    ...(command.displayName ? { displayName: command.displayName } : {}),
    redirectUrl: command.redirectUrl,
    sendInvitationMessage: command.sendInvitationMessage,
    sponsorIds: recorded.value.sponsorIds ?? sponsorIdsFor(command.inviter.aadObjectId, command.coSponsorIds),
    ...(command.ccAddress ? { ccAddress: command.ccAddress } : {}),
    ...(command.messageLanguage ? { messageLanguage: command.messageLanguage } : {}),
  };
  let intent = recorded;
  try {
    // A 429 means Graph did nothing with the request: the same request goes again, with the intent, the
    // directory lookup and the daily slot it already has, once the pace (every instance's) allows.
    for (let attempt = 1; ; attempt++) {
      await deps.pace?.turn();
      const kept = await keepIntent(deps, intent);
      if (!kept) return { kind: 'in-progress', email, retryAfterMs: sendingLease(deps) };
      intent = kept;
      let sent: SentInvitation;
      try {
        sent = await deps.directory.invite(request);
      } catch (error) {
        if (!isServiceError(error) || error.code !== 'graph.throttled') throw error;
        await deps.pace?.throttled(error.retryAfterSeconds);
        if (attempt >= THROTTLED_ATTEMPTS) throw error;
        continue;
      }
      const now = deps.clock.now().toISOString();
      const { lastError: _previousError, ...rest } = intent.value;
      const saved = await deps.store.replace(
        {
          ...rest,
          state: 'PendingAcceptance',
          invitationId: sent.invitationId,
          invitedUserId: sent.invitedUserId,
          inviteRedeemUrl: sent.inviteRedeemUrl,
          sentAt: now,
          updatedAt: now,
        },
        intent.etag,
      );
      return { kind: 'invited', record: saved.value };
    }
  } catch (error) {
    if (!isServiceError(error)) throw error;
    await recordFailure(deps, intent, error);
    return { kind: 'failed', email, error };
  }
}

/**
 * Throttled attempts of one invitation in a row before the failure is returned (and the address goes back
 * on the queue for later).
 */
const THROTTLED_ATTEMPTS = 5;

function sendingLease(deps: InviteGuestDependencies): number {
  return deps.sendingLeaseMs ?? SENDING_LEASE_MS;
}

/**
 * The wait for a turn of the tenant's pace can outlast the intent's lease: another worker (a redelivered
 * message) may then take the address over. So an intent older than half its lease is renewed, with its
 * ETag, right before the request leaves; when the write finds the record changed, someone else is sending
 * and this worker does not. Half the lease is at least one request timeout, which covers the request.
 */
async function keepIntent(deps: InviteGuestDependencies, intent: Versioned<InvitationRecord>): Promise<Versioned<InvitationRecord> | undefined> {
  const now = deps.clock.now();
  if (now.getTime() - Date.parse(intent.value.updatedAt) < sendingLease(deps) / 2) return intent;
  try {
    return await deps.store.replace({ ...intent.value, updatedAt: now.toISOString() }, intent.etag);
  } catch (error) {
    if (error instanceof StaleWriteError) return undefined;
    throw error;
  }
}

/**
 * Keeps the reason beside the record. After 'graph.unavailable' Graph may still have created the guest:
 * the next attempt looks the address up in the directory before it sends again (mayHaveReachedGraph).
 */
async function recordFailure(deps: InviteGuestDependencies, intent: Versioned<InvitationRecord>, error: ServiceError): Promise<void> {
  const failed: InvitationRecord = {
    ...intent.value,
    state: 'Failed',
    lastError: { code: error.code, message: error.serviceMessage ?? error.userMessage },
    updatedAt: deps.clock.now().toISOString(),
  };
  try {
    await deps.store.replace(failed, intent.etag);
  } catch (storeError) {
    // The inviter is told of the failure anyway; a record left at Sending is settled once its lease runs out.
    if (!(storeError instanceof StaleWriteError) && !isServiceError(storeError)) throw storeError;
  }
}
