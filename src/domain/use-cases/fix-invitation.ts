/**
 * What can be done for an invitation (shared/domain/redemption-errors.md, guest-lifecycle.md): Resend (a
 * new invitation message and redeem link for the same guest), Show the Accept link, Withdraw (delete the
 * guest who has not accepted: Entra keeps them restorable for 30 days), and Reset redemption (the guest
 * accepted with the wrong account: the same guest object accepts again). `offeredFixes` says which apply to
 * a record's state; the directory is asked again before anything is done.
 * Allowed to the person who sent the invitation, to an administrator of the bot, and (except Withdraw) to
 * the guest for their own address (their Teams identity in this tenant is the guest object); every attempt
 * is audited, allowed or not.
 */
import { sponsorIdsFor } from '../lifecycle/guest-care.js';
import { isServiceError, type ServiceError } from '../errors.js';
import type { InvitationRecord } from '../invitations/invitation.js';
import type { AuditLog } from '../ports/audit-log.js';
import type { Clock } from '../ports/clock.js';
import type { DirectoryGateway } from '../ports/directory-gateway.js';
import { storedInvitation, type InvitationStore } from '../ports/invitation-store.js';
import type { Mailer } from '../ports/mailer.js';
import { StaleWriteError, updateVersioned, WriteConflictError, type Versioned } from '../ports/versioned.js';
import { newLinkMail } from '../invitations/invitation-mail.js';
import { message, type Message } from '../message.js';

export const FIX_ACTIONS = ['resend', 'copy-link', 'withdraw-invitation', 'reset-redemption'] as const;
export type FixAction = (typeof FIX_ACTIONS)[number];

export interface FixActor {
  readonly aadObjectId?: string;
  readonly name?: string;
}

export type FixOutcome =
  | { readonly kind: 'done'; readonly action: FixAction; readonly record: InvitationRecord; readonly link?: string }
  | { readonly kind: 'not-found' }
  | { readonly kind: 'not-allowed'; readonly reason: Message }
  | { readonly kind: 'not-applicable'; readonly reason: Message }
  | { readonly kind: 'failed'; readonly error: ServiceError };

export interface FixDependencies {
  readonly directory: DirectoryGateway;
  readonly store: InvitationStore;
  readonly audit: AuditLog;
  readonly clock: Clock;
  /** Graph emails a resend itself (microsoft), the bot's mailbox does (mailbox), or nobody (link). */
  readonly delivery: { readonly mode: 'microsoft' | 'link' } | { readonly mode: 'mailbox'; readonly mailer: Mailer };
  /** For records made before the landing page was kept. */
  readonly defaultRedirectUrl: string;
  /** Administrators of the bot may fix any invitation. */
  readonly isAdministrator?: (actor: FixActor) => Promise<boolean>;
}

/**
 * The fixes that apply to an invitation as recorded, in the order they are offered: while the guest has
 * not accepted, Resend, the Accept link (when it was kept) and Withdraw; once accepted, Reset redemption
 * only; nothing for an invitation being sent, failed (the batch's Retry sends it), removed or withdrawn.
 */
export function offeredFixes(record: Pick<InvitationRecord, 'state' | 'inviteRedeemUrl'>): FixAction[] {
  switch (record.state) {
    case 'PendingAcceptance':
      return record.inviteRedeemUrl ? ['resend', 'copy-link', 'withdraw-invitation'] : ['resend', 'withdraw-invitation'];
    case 'Accepted':
      return ['reset-redemption'];
    case 'Sending':
    case 'Failed':
    case 'Removed':
    case 'Withdrawn':
      return [];
  }
}

/** The person who sent the invitation, or the guest (their Teams identity here is the guest object). */
export function isPartyTo(record: InvitationRecord, actor: FixActor): boolean {
  return actor.aadObjectId !== undefined && (actor.aadObjectId === record.inviter.aadObjectId || actor.aadObjectId === record.invitedUserId);
}

/** Who may act on this invitation, checked on the server from the Teams identity. A guest cannot withdraw their own invitation. */
async function mayFix(deps: FixDependencies, record: InvitationRecord, actor: FixActor, action: FixAction): Promise<{ readonly ok: true } | { readonly ok: false; readonly reason: Message }> {
  if (action === 'withdraw-invitation' ? actor.aadObjectId !== undefined && actor.aadObjectId === record.inviter.aadObjectId : isPartyTo(record, actor)) return { ok: true };
  if (deps.isAdministrator && (await deps.isAdministrator(actor))) return { ok: true };
  return {
    ok: false,
    reason: message(action === 'withdraw-invitation' ? 'outcomes:fix.only-inviter-withdraws' : 'outcomes:fix.only-parties', {
      inviter: record.inviter.name ?? '',
      named: record.inviter.name ? 'yes' : 'no',
    }),
  };
}

/** Why a fix does not apply to this invitation as it stands (`outcomes:fix.<why>`); the audit trail keeps the id. */
function notApplicable(why: string): FixOutcome {
  return { kind: 'not-applicable', reason: message(`outcomes:fix.${why}`) };
}

export async function fixInvitation(deps: FixDependencies, tenantId: string, email: string, action: FixAction, actor: FixActor): Promise<FixOutcome> {
  const stored = await deps.store.get(tenantId, email);
  const outcome = await attempt(deps, stored, action, actor);
  await deps.audit.append(tenantId, {
    at: deps.clock.now().toISOString(),
    actor,
    action,
    subject: email,
    outcome: outcome.kind,
    ...(outcome.kind === 'not-allowed' || outcome.kind === 'not-applicable' ? { detail: outcome.reason.id } : {}),
    ...(outcome.kind === 'failed' ? { detail: outcome.error.code } : {}),
  });
  return outcome;
}

async function attempt(deps: FixDependencies, stored: Versioned<InvitationRecord> | undefined, action: FixAction, actor: FixActor): Promise<FixOutcome> {
  if (!stored || !stored.value.invitedUserId) return { kind: 'not-found' };
  const record = stored.value;
  const allowed = await mayFix(deps, record, actor, action);
  if (!allowed.ok) return { kind: 'not-allowed', reason: allowed.reason };
  try {
    switch (action) {
      case 'copy-link':
        return record.inviteRedeemUrl
          ? { kind: 'done', action, record, link: record.inviteRedeemUrl }
          : notApplicable('link-not-kept');
      case 'resend':
        return await resend(deps, stored);
      case 'reset-redemption':
        return await reset(deps, stored);
      case 'withdraw-invitation':
        return await withdraw(deps, stored, actor);
    }
  } catch (error) {
    if (isServiceError(error)) return { kind: 'failed', error };
    throw error;
  }
}

async function resend(deps: FixDependencies, stored: Versioned<InvitationRecord>): Promise<FixOutcome> {
  const record = stored.value;
  const user = await deps.directory.findUserByEmail(record.email);
  if (!user) return notApplicable('guest-gone-invite-again');
  if (user.externalUserState === 'Accepted') {
    return notApplicable('already-accepted-no-resend');
  }
  const sent = await deps.directory.invite({
    email: record.email,
    ...(record.displayName ? { displayName: record.displayName } : {}),
    redirectUrl: record.redirectUrl ?? deps.defaultRedirectUrl,
    sendInvitationMessage: deps.delivery.mode === 'microsoft',
    sponsorIds: record.sponsorIds ?? sponsorIdsFor(record.inviter.aadObjectId),
  });
  await mailIfMailbox(deps, record, sent.inviteRedeemUrl);
  return { kind: 'done', action: 'resend', record: await keepLink(deps, stored, sent.inviteRedeemUrl), link: sent.inviteRedeemUrl };
}

async function reset(deps: FixDependencies, stored: Versioned<InvitationRecord>): Promise<FixOutcome> {
  const record = stored.value;
  const user = await deps.directory.findUserByEmail(record.email);
  if (!user) return notApplicable('guest-gone-invite-again');
  if (user.externalUserState !== 'Accepted') {
    return notApplicable('not-accepted-no-reset');
  }
  const sent = await deps.directory.resetRedemption({
    userId: user.id,
    email: record.email,
    redirectUrl: record.redirectUrl ?? deps.defaultRedirectUrl,
    sendInvitationMessage: deps.delivery.mode === 'microsoft',
    sponsorIds: [],
  });
  await mailIfMailbox(deps, record, sent.inviteRedeemUrl);
  const { mailedAt: _mailed, ...rest } = record;
  return { kind: 'done', action: 'reset-redemption', record: await keepLink(deps, { ...stored, value: { ...rest, state: 'PendingAcceptance' } }, sent.inviteRedeemUrl), link: sent.inviteRedeemUrl };
}

/**
 * Deletes the guest who has not accepted, asking the directory first: a guest who accepted meanwhile (the
 * record may not know yet) is never touched.
 */
async function withdraw(deps: FixDependencies, stored: Versioned<InvitationRecord>, actor: FixActor): Promise<FixOutcome> {
  const record = stored.value;
  if (record.state === 'Withdrawn') return notApplicable('already-withdrawn');
  const user = await deps.directory.findUserByEmail(record.email);
  if (!user || user.id !== record.invitedUserId) return notApplicable('guest-gone-nothing-to-withdraw');
  if (user.externalUserState === 'Accepted' || record.state === 'Accepted') {
    return notApplicable('already-accepted-no-withdraw');
  }
  await deps.directory.deleteUser(user.id);
  return { kind: 'done', action: 'withdraw-invitation', record: await markWithdrawn(deps, stored, actor) };
}

/** The record says Withdrawn, even if the tracker (which saw the deletion) moved it meanwhile. */
export async function markWithdrawn(deps: Pick<FixDependencies, 'store' | 'clock'>, stored: Versioned<InvitationRecord>, by: FixActor): Promise<InvitationRecord> {
  const at = deps.clock.now().toISOString();
  const withdrawn = (record: InvitationRecord): InvitationRecord => {
    // The Accept link leads nowhere once the guest is deleted.
    const { inviteRedeemUrl: _link, ...rest } = record;
    return { ...rest, state: 'Withdrawn', withdrawn: { at, by }, updatedAt: at };
  };
  try {
    const update = await updateVersioned(storedInvitation(deps.store, stored.value), (current) => (current ? withdrawn(current) : undefined), {
      what: 'mark the invitation withdrawn',
      attempts: 3,
      first: stored,
    });
    if (update.kind === 'written') return update.record.value;
  } catch (error) {
    if (!(error instanceof WriteConflictError)) throw error;
  }
  return withdrawn(stored.value);
}

async function mailIfMailbox(deps: FixDependencies, record: InvitationRecord, link: string): Promise<void> {
  if (deps.delivery.mode !== 'mailbox') return;
  await deps.delivery.mailer.send(newLinkMail(record, link));
}

/** The new redeem link replaces the old one; Graph will not give it back later. */
async function keepLink(deps: FixDependencies, stored: Versioned<InvitationRecord>, link: string): Promise<InvitationRecord> {
  const updated: InvitationRecord = { ...stored.value, inviteRedeemUrl: link, updatedAt: deps.clock.now().toISOString() };
  try {
    return (await deps.store.replace(updated, stored.etag)).value;
  } catch (error) {
    if (error instanceof StaleWriteError) return updated;
    throw error;
  }
}
