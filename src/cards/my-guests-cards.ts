/**
 * `my guests`: the guests a person sponsors, with their state, how they sign in, their sponsors and age, and
 * what can be done: the fixes that apply, Keep while a lifecycle question is open, Remove for an accepted
 * guest (confirmed in the card first), and after an answer what became of the guest.
 */
import { offeredFixes } from '../domain/use-cases/fix-invitation.js';
import type { AnswerOutcome } from '../domain/use-cases/guest-lifecycle.js';
import { sponsorsOf } from '../domain/lifecycle/guest-care.js';
import type { GuestPage, SponsoredGuest } from '../domain/use-cases/my-guests.js';
import { pathLabel } from '../domain/redemption/path-guide.js';
import type { Translator } from '../i18n/translator.js';
import { fixActionName } from './fix-cards.js';
import { renderCard, type AdaptiveCard } from './render.js';
import { say } from './say.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** How the card is shown: plain, with one guest's Remove awaiting confirmation, or with what an answer did. */
export type MyGuestsView = { readonly kind: 'list' } | { readonly kind: 'confirm-remove'; readonly address: string } | { readonly kind: 'answered'; readonly address: string; readonly outcome: AnswerOutcome };

export function myGuestsCard(words: Translator, page: GuestPage, now: Date, view: MyGuestsView = { kind: 'list' }): AdaptiveCard {
  const date = (at: string) => words.dateTime(new Date(at), { dateStyle: 'medium' });
  return renderCard(
    'my-guests',
    {
      total: page.total,
      page: page.page,
      pageNumber: page.page + 1,
      pageCount: page.pageCount,
      notices: view.kind === 'answered' ? [{ address: view.address, text: answerText(words, view.address, view.outcome) }] : [],
      rows: page.rows.map((record) => {
        const { asked, blocked } = record.care ?? {};
        const confirming = view.kind === 'confirm-remove' && view.address.toLowerCase() === record.email.toLowerCase();
        const fixes = blocked ? [] : offeredFixes(record).map((action) => ({ title: fixActionName(words, action), address: record.email, action }));
        const keep = !blocked && asked !== undefined && !confirming;
        const remove = removeOffer(record, confirming);
        return {
          name: record.displayName ?? '',
          address: record.email,
          line: words.t('lifecycle:guests.line', {
            state: blocked ? 'blocked' : record.state === 'Accepted' ? 'accepted' : 'pending',
            path: record.state === 'Accepted' && record.actualPath ? say(words, pathLabel(record.actualPath)) : 'none',
            sponsors: sponsorsOf(record).length,
            days: Math.max(0, Math.floor((now.getTime() - Date.parse(record.sentAt ?? record.createdAt)) / DAY_MS)),
          }),
          note: blocked
            ? words.t('cards/my-guests:blocked', { deleteAt: date(blocked.deleteAt) })
            : confirming
              ? words.t('cards/my-guests:confirmRemove')
              : asked
                ? words.t('cards/my-guests:asked', { answerBy: date(asked.answerBy) })
                : '',
          fixes: confirming ? [] : fixes,
          keep,
          remove,
          hasActions: fixes.length > 0 || keep || remove !== 'none',
        };
      }),
    },
    words,
  );
}

/** Remove is for accepted guests not yet blocked (a pending guest has Withdraw among its fixes). */
function removeOffer(record: SponsoredGuest, confirming: boolean): 'none' | 'offer' | 'confirm' {
  if (record.state !== 'Accepted' || record.care?.blocked) return 'none';
  return confirming ? 'confirm' : 'offer';
}

function answerText(words: Translator, address: string, outcome: AnswerOutcome): string {
  const refused = outcome.refused.find((refusal) => refusal.email === address);
  if (refused) return words.t(`cards/guest-review:result.${refused.why}`);
  if (outcome.kept.includes(address)) return words.t('cards/guest-review:result.kept');
  if (outcome.withdrawn.includes(address)) return words.t('cards/guest-review:result.withdrawn');
  return words.t('cards/guest-review:result.blocked', { deleteAt: outcome.deleteAt ? words.dateTime(new Date(outcome.deleteAt), { dateStyle: 'medium' }) : '' });
}
