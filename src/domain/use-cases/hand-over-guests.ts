/**
 * Guests whose sponsors have all left, and handing them to someone (issue 17, sponsors). Only guests this
 * bot invited are looked at (its invitation records, pending or accepted); a guest is sponsorless when
 * Entra lists no enabled sponsor for them: each sponsor deleted (Entra then no longer lists them) or
 * blocked from signing in (`accountEnabled: false`, how a leaver is usually offboarded first).
 * A hand-over adds the new sponsor before it removes the departed (by reference: `/$ref`), so a guest is
 * never left with nobody; both steps count "already done" as done, so a hand-over that failed half-way is
 * simply run again. Administrators only, as every other administration command; every hand-over audited.
 */
import { isServiceError } from '../errors.js';
import type { InvitationRecord, Inviter } from '../invitations/invitation.js';
import type { KeptWords } from '../message.js';
import type { AuditLog } from '../ports/audit-log.js';
import type { Clock } from '../ports/clock.js';
import type { DirectoryGateway } from '../ports/directory-gateway.js';
import { storedInvitation, type InvitationStore } from '../ports/invitation-store.js';
import type { SponsorAccount, SponsorDirectory } from '../ports/sponsor-directory.js';
import { updateVersioned } from '../ports/versioned.js';
import { sponsorsOf } from '../lifecycle/guest-care.js';

export interface HandOverDependencies {
  readonly store: InvitationStore;
  readonly sponsors: SponsorDirectory;
  readonly directory: Pick<DirectoryGateway, 'findUserByEmail'>;
  readonly audit: AuditLog;
  readonly clock: Clock;
  readonly tenantId: string;
  readonly isAdministrator: (actor: Inviter) => Promise<boolean>;
}

/** A sponsor who left: still listed but blocked, or recorded by us and no longer listed (deleted). */
export interface DepartedSponsor {
  readonly id: string;
  readonly name?: string;
  readonly state: 'disabled' | 'deleted';
}

export interface SponsorlessGuest {
  readonly record: InvitationRecord;
  readonly departed: readonly DepartedSponsor[];
}

interface NewSponsor {
  readonly id: string;
  readonly address: string;
  readonly name?: string;
}

export type SponsorlessOutcome = { readonly kind: 'not-admin' } | { readonly kind: 'done'; readonly guests: readonly SponsorlessGuest[] };

export type HandOverOutcome =
  | { readonly kind: 'not-admin' }
  /** The address typed for the new sponsor names nobody in the directory, or a guest (sponsors are members). */
  | { readonly kind: 'sponsor-not-found'; readonly address: string }
  | { readonly kind: 'sponsor-not-member'; readonly address: string }
  /** The guest asked for has a sponsor again, or is not one of ours. */
  | { readonly kind: 'guest-not-sponsorless'; readonly address: string }
  | {
      readonly kind: 'done';
      readonly sponsor: NewSponsor;
      readonly handedOver: readonly SponsorlessGuest[];
      /** Guests Graph did not let us change: each with Graph's reason; they stay on the list. */
      readonly failed: readonly { readonly guest: SponsorlessGuest; readonly reason: KeptWords }[];
    };

/** Every guest this bot invited whose sponsors have all left, oldest invitation first. */
export async function sponsorlessGuests(deps: HandOverDependencies, actor: Inviter): Promise<SponsorlessOutcome> {
  if (!(await deps.isAdministrator(actor))) return { kind: 'not-admin' };
  return { kind: 'done', guests: await findSponsorless(deps) };
}

/** Hands one guest (by address) or every sponsorless guest to the person at `sponsorAddress`. */
export async function handOverGuests(deps: HandOverDependencies, actor: Inviter, request: { readonly guest?: string; readonly sponsorAddress: string }): Promise<HandOverOutcome> {
  if (!(await deps.isAdministrator(actor))) return { kind: 'not-admin' };
  const address = request.sponsorAddress.trim();
  const user = await deps.directory.findUserByEmail(address);
  if (!user) return { kind: 'sponsor-not-found', address };
  if (user.userType !== 'Member') return { kind: 'sponsor-not-member', address };
  const sponsor: NewSponsor = { id: user.id, address, ...(user.displayName ? { name: user.displayName } : {}) };
  const all = await findSponsorless(deps);
  const wanted = request.guest?.toLowerCase();
  const guests = wanted === undefined ? all : all.filter((guest) => guest.record.email.toLowerCase() === wanted);
  if (wanted !== undefined && guests.length === 0) return { kind: 'guest-not-sponsorless', address: wanted };
  const handedOver: SponsorlessGuest[] = [];
  const failed: { guest: SponsorlessGuest; reason: KeptWords }[] = [];
  for (const guest of guests) {
    try {
      await handOver(deps, actor, guest, sponsor);
      handedOver.push(guest);
    } catch (error) {
      if (!isServiceError(error)) throw error;
      failed.push({ guest, reason: error.serviceMessage ?? error.userMessage });
    }
  }
  return { kind: 'done', sponsor, handedOver, failed };
}

async function findSponsorless(deps: HandOverDependencies): Promise<SponsorlessGuest[]> {
  const ours = (await deps.store.list(deps.tenantId))
    .map((row) => row.value)
    .filter((record) => (record.state === 'PendingAcceptance' || record.state === 'Accepted') && record.invitedUserId)
    .sort((a, b) => (a.sentAt ?? a.createdAt).localeCompare(b.sentAt ?? b.createdAt));
  const lists = await deps.sponsors.sponsorsOfGuests(ours.map((record) => record.invitedUserId as string));
  return ours.flatMap((record) => {
    const listed = lists.get(record.invitedUserId as string);
    // Not listed: the guest is gone from the directory; tracking reports that on its own.
    return listed && !listed.some((sponsor) => sponsor.enabled) ? [{ record, departed: departedSponsors(record, listed) }] : [];
  });
}

function departedSponsors(record: InvitationRecord, listed: readonly SponsorAccount[]): DepartedSponsor[] {
  const listedIds = new Set(listed.map((sponsor) => sponsor.id.toLowerCase()));
  const nameOf = (id: string) => (record.inviter.aadObjectId?.toLowerCase() === id.toLowerCase() ? record.inviter.name : undefined);
  const disabled = listed.map((sponsor): DepartedSponsor => {
    const name = sponsor.displayName ?? nameOf(sponsor.id);
    return { id: sponsor.id, state: 'disabled', ...(name ? { name } : {}) };
  });
  const deleted = sponsorsOf(record)
    .filter((id) => !listedIds.has(id.toLowerCase()))
    .map((id): DepartedSponsor => {
      const name = nameOf(id);
      return { id, state: 'deleted', ...(name ? { name } : {}) };
    });
  return [...disabled, ...deleted];
}

async function handOver(deps: HandOverDependencies, actor: Inviter, guest: SponsorlessGuest, sponsor: NewSponsor): Promise<void> {
  const guestId = guest.record.invitedUserId as string;
  await deps.sponsors.addSponsor(guestId, sponsor.id);
  // Deleted sponsors are no longer listed by Entra: only the blocked ones are still there to remove.
  for (const departed of guest.departed) if (departed.state === 'disabled') await deps.sponsors.removeSponsor(guestId, departed.id);
  await updateVersioned(
    storedInvitation(deps.store, guest.record),
    (current) => (current ? { ...current, sponsorIds: [sponsor.id], updatedAt: deps.clock.now().toISOString() } : undefined),
    { what: `record the new sponsor of ${guest.record.email}` },
  );
  await deps.audit.append(deps.tenantId, {
    at: deps.clock.now().toISOString(),
    actor: { ...(actor.aadObjectId ? { aadObjectId: actor.aadObjectId } : {}), ...(actor.name ? { name: actor.name } : {}) },
    action: 'sponsor-handed-over',
    subject: guest.record.email,
    outcome: 'handed-over',
    detail: `${guest.departed.map((departed) => departed.name ?? departed.id).join(', ')} -> ${sponsor.name ?? sponsor.address}`,
  });
}
