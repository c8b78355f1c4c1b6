/**
 * Invite one guest, exactly once: check the address, the tenant's own domains, our own record and the
 * directory; record the intent before calling Graph and the result after, so a retry, a duplicate submit
 * or a crash between Graph's answer and our write never produces a second invitation.
 */
import type { AddressProblem, EmailAddress } from '../addresses/email-address.js';
import { checkEmailAddress, domainMatches } from '../addresses/email-address.js';
import { isServiceError, type ServiceError } from '../errors.js';
import type { InvitationRecord, Inviter } from '../invitations/invitation.js';
import { isSettled } from '../invitations/invitation.js';
import type { Clock, DirectoryGateway, DirectoryUser, InvitationStore, Versioned } from '../ports.js';
import { StaleWriteError } from '../ports.js';

export interface InviteGuestCommand {
  readonly tenantId: string;
  readonly address: string;
  readonly displayName?: string;
  readonly inviter: Inviter;
  readonly originConversationId?: string;
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
  | { readonly kind: 'in-progress'; readonly email: string }
  | { readonly kind: 'failed'; readonly email: string; readonly error: ServiceError };

export interface InviteGuestDependencies {
  readonly directory: DirectoryGateway;
  readonly store: InvitationStore;
  readonly clock: Clock;
}

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
    if (existing && isSendingNow(existing.value, deps.clock.now())) return { kind: 'in-progress', email };

    const user = await deps.directory.findUserByEmail(email);
    if (user) return await settleWithDirectoryUser(deps, command, address, existing, user);

    const intent = await recordIntent(deps, command, address, existing);
    if (!intent) return { kind: 'in-progress', email };
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
    if (error instanceof StaleWriteError) return { kind: 'in-progress', email: address.normalised };
    throw error;
  }
}

/**
 * How long a recorded intent is taken to mean "another turn is calling Graph right now". Longer than the
 * Graph client's retries can take for one request; after it, the intent is treated as left by a crash.
 */
export const SENDING_LEASE_MS = 2 * 60 * 1000;

function isSendingNow(record: InvitationRecord, now: Date): boolean {
  return record.state === 'Sending' && now.getTime() - Date.parse(record.updatedAt) < SENDING_LEASE_MS;
}

/** Our earlier attempt may have created the guest even though we never saw Graph's 201. */
function mayHaveReachedGraph(record: InvitationRecord): boolean {
  return record.state === 'Sending' || record.lastError?.code === 'graph.unavailable';
}

/** Returns the stored intent, or undefined when another writer got there first. */
async function recordIntent(
  deps: InviteGuestDependencies,
  command: InviteGuestCommand,
  address: EmailAddress,
  existing: Versioned<InvitationRecord> | undefined,
): Promise<Versioned<InvitationRecord> | undefined> {
  const now = deps.clock.now().toISOString();
  const intent: InvitationRecord = {
    tenantId: command.tenantId,
    email: address.normalised,
    ...(command.displayName ? { displayName: command.displayName } : {}),
    state: 'Sending',
    inviter: command.inviter,
    ...(command.originConversationId ? { originConversationId: command.originConversationId } : {}),
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
  intent: Versioned<InvitationRecord>,
): Promise<InviteGuestOutcome> {
  try {
    const sent = await deps.directory.invite({
      email: intent.value.email,
      ...(command.displayName ? { displayName: command.displayName } : {}),
      redirectUrl: command.redirectUrl,
      sendInvitationMessage: command.sendInvitationMessage,
      sponsorIds: command.inviter.aadObjectId ? [command.inviter.aadObjectId] : [],
      ...(command.ccAddress ? { ccAddress: command.ccAddress } : {}),
      ...(command.messageLanguage ? { messageLanguage: command.messageLanguage } : {}),
    });
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
  } catch (error) {
    if (!isServiceError(error)) throw error;
    await recordFailure(deps, intent, error);
    return { kind: 'failed', email: intent.value.email, error };
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
