/** `status`: a person's invitations, newest first, with their state and age. */
import type { InvitationRecord } from '../domain/invitations/invitation.js';
import type { InvitationPage } from '../domain/use-cases/my-invitations.js';
import { pathLabel } from '../domain/redemption/path-guide.js';
import { renderCard, type AdaptiveCard } from './render.js';

const STATES: Record<InvitationRecord['state'], string> = {
  Sending: 'being sent',
  PendingAcceptance: 'not accepted yet',
  Accepted: 'accepted',
  Failed: 'failed',
  Removed: 'no longer in your directory',
};

export function myInvitationsCard(page: InvitationPage, now: Date): AdaptiveCard {
  return renderCard('status', {
    title: `Your invitations (${page.total})`,
    summary: page.total === 0 ? 'You have not invited anyone with Guest Invites yet. Write invite to start.' : 'Newest first. Write help and the address for one guest: what to do, Resend, Reset redemption.',
    rows: page.rows.map((record) => ({
      address: record.email,
      state: record.state === 'Accepted' && record.actualPath ? `accepted (${pathLabel(record.actualPath)})` : STATES[record.state],
      age: `sent ${age(record.sentAt ?? record.createdAt, now)}`,
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
