/** Short notices the bot posts on its own: a guest accepted, a guest left. */
import type { InvitationRecord } from '../domain/invitations/invitation.js';
import { pathLabel } from '../domain/redemption/path-guide.js';
import { renderCard, type AdaptiveCard } from './render.js';

export function acceptedNotice(record: InvitationRecord): AdaptiveCard {
  return renderCard('notice', {
    style: 'good',
    title: 'Invitation accepted',
    address: record.email,
    message: record.actualPath ? `accepted your invitation and signs in with: ${pathLabel(record.actualPath)}.` : 'accepted your invitation.',
    actions: [],
  });
}

export function stillPendingNotice(record: InvitationRecord, now: Date): AdaptiveCard {
  const days = Math.floor((now.getTime() - Date.parse(record.sentAt ?? record.createdAt)) / (24 * 60 * 60 * 1000));
  return renderCard('notice', {
    style: 'accent',
    title: 'Not accepted yet',
    address: record.email,
    message: `has not accepted your invitation in ${days} days. Resend it, or ask them whether it arrived.`,
    actions: [{ title: 'Resend the invitation', address: record.email, action: 'resend' }],
  });
}

export function removedNotice(record: InvitationRecord): AdaptiveCard {
  return renderCard('notice', {
    style: 'warning',
    title: 'Guest removed',
    address: record.email,
    message: 'is no longer in your directory: invite them again if they still need access.',
    actions: [],
  });
}
