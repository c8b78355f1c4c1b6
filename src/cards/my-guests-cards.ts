/** `my guests`: the guests a person sponsors, with their state, how they sign in, their sponsors and age, and the fixes that apply. */
import { offeredFixes } from '../domain/use-cases/fix-invitation.js';
import { sponsorsOf, type GuestPage } from '../domain/use-cases/my-guests.js';
import { pathLabel } from '../domain/redemption/path-guide.js';
import type { Translator } from '../i18n/translator.js';
import { fixActionName } from './fix-cards.js';
import { renderCard, type AdaptiveCard } from './render.js';
import { say } from './say.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export function myGuestsCard(words: Translator, page: GuestPage, now: Date): AdaptiveCard {
  return renderCard(
    'my-guests',
    {
      total: page.total,
      page: page.page,
      pageNumber: page.page + 1,
      pageCount: page.pageCount,
      rows: page.rows.map((record) => ({
        name: record.displayName ?? '',
        address: record.email,
        line: words.t('lifecycle:guests.line', {
          state: record.state === 'Accepted' ? 'accepted' : 'pending',
          path: record.state === 'Accepted' && record.actualPath ? say(words, pathLabel(record.actualPath)) : 'none',
          sponsors: sponsorsOf(record).length,
          days: Math.max(0, Math.floor((now.getTime() - Date.parse(record.sentAt ?? record.createdAt)) / DAY_MS)),
        }),
        fixes: offeredFixes(record).map((action) => ({ title: fixActionName(words, action), address: record.email, action })),
      })),
    },
    words,
  );
}
