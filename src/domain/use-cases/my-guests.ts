/**
 * `my guests`: the guests a person answers for (their sponsor: the inviter, or a co-sponsor chosen on the
 * review), newest first, a page at a time. Only guests still in the directory as far as the bot knows
 * (pending or accepted); withdrawn, failed and removed ones are history, which `status` shows.
 */
import type { InvitationRecord } from '../invitations/invitation.js';
import { sponsorsOf } from '../lifecycle/guest-care.js';
import type { GuestLifecycle } from '../lifecycle/lifecycle-rules.js';
import type { GuestLifecycleStore } from '../ports/guest-lifecycle-store.js';
import type { InvitationStore } from '../ports/invitation-store.js';

export const GUESTS_PAGE_SIZE = 10;

/** A guest on the list, with its lifecycle state: the open question to its sponsors, or its block. */
export type SponsoredGuest = InvitationRecord & { readonly care?: Pick<GuestLifecycle, 'asked' | 'blocked'> };

export interface GuestPage {
  readonly rows: readonly SponsoredGuest[];
  readonly page: number;
  readonly pageCount: number;
  readonly total: number;
}

interface MyGuestsDependencies {
  readonly store: InvitationStore;
  readonly care: Pick<GuestLifecycleStore, 'get'>;
  readonly tenantId: string;
}

export async function myGuests(deps: MyGuestsDependencies, sponsorId: string, page: number): Promise<GuestPage> {
  const wanted = sponsorId.toLowerCase();
  const mine = (await deps.store.list(deps.tenantId))
    .map((row) => row.value)
    .filter((record) => (record.state === 'PendingAcceptance' || record.state === 'Accepted') && sponsorsOf(record).some((id) => id.toLowerCase() === wanted))
    .sort((a, b) => (b.sentAt ?? b.createdAt).localeCompare(a.sentAt ?? a.createdAt));
  const pageCount = Math.max(1, Math.ceil(mine.length / GUESTS_PAGE_SIZE));
  const current = Math.min(Math.max(0, page), pageCount - 1);
  const rows = await Promise.all(
    mine.slice(current * GUESTS_PAGE_SIZE, (current + 1) * GUESTS_PAGE_SIZE).map(async (record) => {
      const care = (await deps.care.get(deps.tenantId, record.email))?.value;
      return care ? { ...record, care } : record;
    }),
  );
  return { rows, page: current, pageCount, total: mine.length };
}
