/**
 * `my guests`: the guests a person answers for (their sponsor: the inviter, or a co-sponsor chosen on the
 * review), newest first, a page at a time. Only guests still in the directory as far as the bot knows
 * (pending or accepted); withdrawn, failed and removed ones are history, which `status` shows.
 */
import type { InvitationRecord } from '../invitations/invitation.js';
import { sponsorIdsFor } from '../lifecycle/guest-care.js';
import type { InvitationStore } from '../ports/invitation-store.js';

export const GUESTS_PAGE_SIZE = 10;

export interface GuestPage {
  readonly rows: readonly InvitationRecord[];
  readonly page: number;
  readonly pageCount: number;
  readonly total: number;
}

/** Who answers for the guest: the sponsors recorded with the invitation, or (older records) the inviter. */
export function sponsorsOf(record: Pick<InvitationRecord, 'sponsorIds' | 'inviter'>): readonly string[] {
  return record.sponsorIds ?? sponsorIdsFor(record.inviter.aadObjectId);
}

export async function myGuests(deps: { readonly store: InvitationStore; readonly tenantId: string }, sponsorId: string, page: number): Promise<GuestPage> {
  const wanted = sponsorId.toLowerCase();
  const mine = (await deps.store.list(deps.tenantId))
    .map((row) => row.value)
    .filter((record) => (record.state === 'PendingAcceptance' || record.state === 'Accepted') && sponsorsOf(record).some((id) => id.toLowerCase() === wanted))
    .sort((a, b) => (b.sentAt ?? b.createdAt).localeCompare(a.sentAt ?? a.createdAt));
  const pageCount = Math.max(1, Math.ceil(mine.length / GUESTS_PAGE_SIZE));
  const current = Math.min(Math.max(0, page), pageCount - 1);
  return { rows: mine.slice(current * GUESTS_PAGE_SIZE, (current + 1) * GUESTS_PAGE_SIZE), page: current, pageCount, total: mine.length };
}
