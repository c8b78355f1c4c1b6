/** `status`: a person's invitations, newest first, with their state, age and what can be done for each. */
import { STATUS_FILTERS, type InvitationPage } from '../domain/use-cases/my-invitations.js';
import { offeredFixes } from '../domain/use-cases/fix-invitation.js';
import { pathLabel } from '../domain/redemption/path-guide.js';
import type { Translator } from '../i18n/translator.js';
import { fixActionName } from './fix-cards.js';
import { renderCard, type AdaptiveCard } from './render.js';
import { say as spoken } from './say.js';

export function myInvitationsCard(words: Translator, page: InvitationPage, now: Date): AdaptiveCard {
  const mine = page.counts.all;
  const say = (key: string, values = {}) => words.t(`cards/status:${key}`, values);
  return renderCard(
    'status',
    {
      filter: page.filter,
      total: page.total,
      situation: mine === 0 ? 'none' : page.total === 0 ? 'noneInFilter' : 'some',
      // The other filters, so at most three buttons: the one shown needs no button.
      filters: mine === 0 ? [] : STATUS_FILTERS.filter((filter) => filter !== page.filter).map((filter) => ({ filter, title: say('filterButton', { filter, count: page.counts[filter] }) })),
      rows: page.rows.map((record) => ({
        name: record.displayName ?? '',
        address: record.email,
        state: record.state === 'Accepted' && record.actualPath ? say('acceptedVia', { path: spoken(words, pathLabel(record.actualPath)) }) : say(`state.${record.state}`),
        age:
          record.state === 'Withdrawn' && record.withdrawn
            ? say('withdrawnAgo', ago(record.withdrawn.at, now))
            : say('sentAgo', ago(record.sentAt ?? record.createdAt, now)),
        fixes: offeredFixes(record).map((action) => ({ title: fixActionName(words, action), address: record.email, action })),
      })),
      page: page.page,
      pageNumber: page.page + 1,
      pageCount: page.pageCount,
    },
    words,
  );
}

/** How long ago, in the unit a person would say it in: `cards/status:sentAgo` chooses the words. */
function ago(at: string, now: Date): { unit: 'now' | 'minutes' | 'hours' | 'days'; count: number } {
  const minutes = Math.max(0, Math.round((now.getTime() - Date.parse(at)) / 60_000));
  if (minutes <= 1) return { unit: 'now', count: 0 };
  if (minutes < 60) return { unit: 'minutes', count: minutes };
  const hours = Math.round(minutes / 60);
  if (hours < 48) return { unit: 'hours', count: hours };
  return { unit: 'days', count: Math.round(hours / 24) };
}
