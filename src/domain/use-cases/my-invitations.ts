/**
 * `status`: the invitations a person sent, newest first, a page at a time, optionally only those in one
 * state (`status pending`); the page's unaccepted ones are asked about in the directory first, so what is
 * shown is current.
 */
import type { InvitationRecord } from '../invitations/invitation.js';
import { refreshFromDirectory, type RefreshDependencies } from './refresh-invitation.js';
import { mapWithConcurrency } from './review-invitees.js';

const STATUS_PAGE_SIZE = 10;

export const STATUS_FILTERS = ['all', 'pending', 'accepted', 'failed'] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

/** Whether an invitation is listed under the filter: pending includes those still being sent. */
export function matchesStatusFilter(record: Pick<InvitationRecord, 'state'>, filter: StatusFilter): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'pending':
      return record.state === 'PendingAcceptance' || record.state === 'Sending';
    case 'accepted':
      return record.state === 'Accepted';
    case 'failed':
      return record.state === 'Failed';
  }
}

export interface InvitationPage {
  readonly rows: readonly InvitationRecord[];
  readonly filter: StatusFilter;
  readonly page: number;
  readonly pageCount: number;
  /** How many match the filter. */
  readonly total: number;
  /** How many of the person's invitations each filter lists (as stored, corrected by what this page's refresh found). */
  readonly counts: Readonly<Record<StatusFilter, number>>;
}

export async function myInvitations(
  deps: RefreshDependencies & { readonly tenantId: string },
  inviterAadObjectId: string,
  page: number,
  filter: StatusFilter = 'all',
): Promise<InvitationPage> {
  const mine = (await deps.store.list(deps.tenantId))
    .filter((row) => row.value.inviter.aadObjectId === inviterAadObjectId)
    .sort((a, b) => sentAt(b.value).localeCompare(sentAt(a.value)));
  const counts = Object.fromEntries(STATUS_FILTERS.map((each) => [each, mine.filter((row) => matchesStatusFilter(row.value, each)).length])) as Record<StatusFilter, number>;
  const listed = mine.filter((row) => matchesStatusFilter(row.value, filter));
  const pageCount = Math.max(1, Math.ceil(listed.length / STATUS_PAGE_SIZE));
  const current = Math.min(Math.max(0, page), pageCount - 1);
  const slice = listed.slice(current * STATUS_PAGE_SIZE, (current + 1) * STATUS_PAGE_SIZE);
  const domains = slice.some((row) => row.value.state !== 'Accepted') ? await deps.directory.verifiedDomains() : [];
  const refreshed = await mapWithConcurrency(slice, 5, async (row) => (await refreshFromDirectory(deps, row, domains)) ?? row.value);
  // A guest who accepted since the record was last written moves to the filter it now belongs to.
  refreshed.forEach((record, index) => {
    const before = slice[index]?.value;
    if (!before || before.state === record.state) return;
    for (const each of STATUS_FILTERS) counts[each] += Number(matchesStatusFilter(record, each)) - Number(matchesStatusFilter(before, each));
  });
  const rows = refreshed.filter((record) => matchesStatusFilter(record, filter));
  return { rows, filter, page: current, pageCount, total: counts[filter], counts };
}

function sentAt(record: InvitationRecord): string {
  return record.sentAt ?? record.createdAt;
}
