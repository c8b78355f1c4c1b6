/** `status`: a person's invitations, newest first, with their state, age and what can be done for each. */
import type { InvitationRecord } from '../domain/invitations/invitation.js';
import { STATUS_FILTERS, type InvitationPage, type StatusFilter } from '../domain/use-cases/my-invitations.js';
import { FIX_ACTION_NAMES, offeredFixes } from '../domain/use-cases/fix-invitation.js';
import { pathLabel } from '../domain/redemption/path-guide.js';
import { translatorFor } from '../i18n/translator.js';
import { say } from './say.js';
import { renderCard, type AdaptiveCard } from './render.js';

const STATES: Record<InvitationRecord['state'], string> = {
  Sending: 'being sent',
  PendingAcceptance: 'not accepted yet',
  Accepted: 'accepted',
  Failed: 'failed',
  Removed: 'no longer in your directory',
  Withdrawn: 'withdrawn',
};

const FILTER_NAMES: Record<StatusFilter, string> = { all: 'All', pending: 'Pending', accepted: 'Accepted', failed: 'Failed' };

/** Written as a person types it (Teams would take `<address>` for markup and show nothing); never a real address, which is user text. */
const EXAMPLE_ADDRESS = 'jane@fabrikam.com';

export function myInvitationsCard(page: InvitationPage, now: Date): AdaptiveCard {
  const mine = page.counts.all;
  const which = page.filter === 'all' ? '' : ` ${FILTER_NAMES[page.filter].toLowerCase()}`;
  return renderCard('status', {
    title: `Your${which} invitations (${page.total})`,
    summary:
      mine === 0
        ? 'You have not invited anyone with Guest Invites yet. Press Invite more, or write invite and the addresses.'
        : page.total === 0
          ? `None of your invitations is${which}. Show all of them with the buttons below, or write status.`
          : `Newest first. For one guest, write status and the address, for example status ${EXAMPLE_ADDRESS}.`,
    // The other filters, so at most three buttons: the one shown needs no button.
    filters: mine === 0 ? [] : STATUS_FILTERS.filter((filter) => filter !== page.filter).map((filter) => ({ filter, title: `${FILTER_NAMES[filter]} (${page.counts[filter]})` })),
    filter: page.filter,
    rows: page.rows.map((record) => ({
      name: record.displayName ?? '',
      address: record.email,
      state: record.state === 'Accepted' && record.actualPath ? `accepted (${say(translatorFor(), pathLabel(record.actualPath))})` : STATES[record.state],
      age: record.state === 'Withdrawn' && record.withdrawn ? `withdrawn ${age(record.withdrawn.at, now)}` : `sent ${age(record.sentAt ?? record.createdAt, now)}`,
      fixes: offeredFixes(record).map((action) => ({ title: FIX_ACTION_NAMES[action], address: record.email, action })),
    })),
    page: page.page,
    pageCount: page.pageCount,
  });
}

function age(at: string, now: Date): string {
  const minutes = Math.max(0, Math.round((now.getTime() - Date.parse(at)) / 60_000));
  if (minutes < 60) return minutes <= 1 ? 'just now' : `${minutes} minutes ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} hour${hours === 1 ? '' : 's'} ago`;
  return `${Math.round(hours / 24)} days ago`;
}
