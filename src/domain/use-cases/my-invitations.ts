/**
 * `status`: the invitations a person sent, newest first, a page at a time; the page's unaccepted ones are
 * asked about in the directory first, so what is shown is current.
 */
import type { InvitationRecord } from '../invitations/invitation.js';
import { refreshFromDirectory, type RefreshDependencies } from './refresh-invitation.js';
import { mapWithConcurrency } from './review-invitees.js';

const STATUS_PAGE_SIZE = 10;

export interface InvitationPage {
  readonly rows: readonly InvitationRecord[];
  readonly page: number;
  readonly pageCount: number;
  readonly total: number;
}

export async function myInvitations(deps: RefreshDependencies & { readonly tenantId: string }, inviterAadObjectId: string, page: number): Promise<InvitationPage> {
  const mine = (await deps.store.list(deps.tenantId))
    .filter((row) => row.value.inviter.aadObjectId === inviterAadObjectId)
    .sort((a, b) => sentAt(b.value).localeCompare(sentAt(a.value)));
  const pageCount = Math.max(1, Math.ceil(mine.length / STATUS_PAGE_SIZE));
  const current = Math.min(Math.max(0, page), pageCount - 1);
  const slice = mine.slice(current * STATUS_PAGE_SIZE, (current + 1) * STATUS_PAGE_SIZE);
  const domains = slice.some((row) => row.value.state !== 'Accepted') ? await deps.directory.verifiedDomains() : [];
  const rows = await mapWithConcurrency(slice, 5, async (row) => (await refreshFromDirectory(deps, row, domains)) ?? row.value);
  return { rows, page: current, pageCount, total: mine.length };
}

function sentAt(record: InvitationRecord): string {
  return record.sentAt ?? record.createdAt;
}
