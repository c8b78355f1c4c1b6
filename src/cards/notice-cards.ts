/**
 * Short notices the bot posts on its own: a guest accepted, has not accepted yet, left. They go to the chat
 * the invitation was sent from; in a group chat or channel everyone reads them, so there they name the
 * inviter instead of saying "your invitation".
 */
import type { InvitationRecord } from '../domain/invitations/invitation.js';
import { pathLabel } from '../domain/redemption/path-guide.js';
import type { Translator } from '../i18n/translator.js';
import type { ConversationScope } from './conversation-cards.js';
import { fixActionName } from './fix-cards.js';
import { renderCard, type AdaptiveCard } from './render.js';
import { say as spoken } from './say.js';

/** Whose invitation, for the messages' `{whose, select, …}`: "your invitation" to the inviter alone, named where others read it too. */
function whose(record: InvitationRecord, where: ConversationScope) {
  return { whose: where === 'personal' ? 'yours' : record.inviter.name ? 'named' : 'fromHere', inviter: record.inviter.name ?? '' };
}

function notice(words: Translator, record: InvitationRecord, fields: { style: string; title: string; message: string; actions: object[] }): AdaptiveCard {
  return renderCard('notice', { ...fields, name: record.displayName ?? '', address: record.email }, words);
}

export function acceptedNotice(words: Translator, record: InvitationRecord, where: ConversationScope): AdaptiveCard {
  const message = words.t('cards/notice:accepted.message', {
    ...whose(record, where),
    withPath: record.actualPath ? 'yes' : 'no',
    path: record.actualPath ? spoken(words, pathLabel(record.actualPath)) : '',
  });
  return notice(words, record, { style: 'good', title: words.t('cards/notice:accepted.title'), message, actions: [] });
}

export function stillPendingNotice(words: Translator, record: InvitationRecord, where: ConversationScope, now: Date): AdaptiveCard {
  const days = Math.floor((now.getTime() - Date.parse(record.sentAt ?? record.createdAt)) / (24 * 60 * 60 * 1000));
  const message = words.t('cards/notice:pending.message', { ...whose(record, where), days });
  return notice(words, record, {
    style: 'accent',
    title: words.t('cards/notice:pending.title'),
    message,
    actions: [{ title: fixActionName(words, 'resend'), address: record.email, action: 'resend' }],
  });
}

export function removedNotice(words: Translator, record: InvitationRecord): AdaptiveCard {
  return notice(words, record, { style: 'warning', title: words.t('cards/notice:removed.title'), message: words.t('cards/notice:removed.message'), actions: [] });
}
