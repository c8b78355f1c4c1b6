/**
 * Short notices the bot posts on its own: a guest accepted, has not accepted yet, left. They go to the chat
 * the invitation was sent from; in a group chat or channel everyone reads them, so there they name the
 * inviter instead of saying "your invitation".
 */
import type { InvitationRecord } from '../domain/invitations/invitation.js';
import { pathLabel } from '../domain/redemption/path-guide.js';
import { translatorFor } from '../i18n/translator.js';
import { say } from './say.js';
import type { ConversationScope } from './conversation-cards.js';
import { renderCard, type AdaptiveCard } from './render.js';

/** "your invitation" to the inviter alone; "the invitation Dana Scully sent" where others read it too. */
function whoseInvitation(record: InvitationRecord, where: ConversationScope): string {
  if (where === 'personal') return 'your invitation';
  return record.inviter.name ? `the invitation ${record.inviter.name} sent` : 'an invitation sent from this chat';
}

function notice(record: InvitationRecord, fields: { style: string; title: string; message: string; actions: object[] }): AdaptiveCard {
  return renderCard('notice', { ...fields, name: record.displayName ?? '', address: record.email });
}

export function acceptedNotice(record: InvitationRecord, where: ConversationScope): AdaptiveCard {
  const path = record.actualPath ? ` and signs in with: ${say(translatorFor(), pathLabel(record.actualPath))}` : '';
  return notice(record, { style: 'good', title: 'Invitation accepted', message: `accepted ${whoseInvitation(record, where)}${path}.`, actions: [] });
}

export function stillPendingNotice(record: InvitationRecord, where: ConversationScope, now: Date): AdaptiveCard {
  const days = Math.floor((now.getTime() - Date.parse(record.sentAt ?? record.createdAt)) / (24 * 60 * 60 * 1000));
  const inviter = record.inviter.name;
  const message =
    where === 'personal' || !inviter
      ? `has not accepted ${whoseInvitation(record, where)} in ${days} days. Resend it, or ask them whether it arrived.`
      : `has not accepted the invitation ${inviter} sent ${days} days ago. ${inviter} can resend it, or ask whether it arrived.`;
  return notice(record, { style: 'accent', title: 'Not accepted yet', message, actions: [{ title: 'Resend the invitation', address: record.email, action: 'resend' }] });
}

export function removedNotice(record: InvitationRecord): AdaptiveCard {
  return notice(record, { style: 'warning', title: 'Guest removed', message: 'is no longer in your directory: invite them again if they still need access.', actions: [] });
}
