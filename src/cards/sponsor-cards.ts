/**
 * Guests whose sponsors have all left, for an administrator to hand over (with the result of the last
 * hand-over on top), and the notice of a hand-over for the administrators' channel and the new sponsor.
 * Names and addresses are user text: rows and result lines travel in TextRuns.
 */
import type { HandOverOutcome, SponsorlessGuest, DepartedSponsor } from '../domain/use-cases/hand-over-guests.js';
import type { Inviter } from '../domain/invitations/invitation.js';
import type { Translator } from '../i18n/translator.js';
import { renderCard, type AdaptiveCard } from './render.js';
import { sayKept } from './say.js';

/** More rows make a card Teams truncates; "Hand over all" still covers every guest. */
const ROWS_SHOWN = 20;

const DAY_MS = 24 * 60 * 60 * 1000;

/** What the last press did, as lines above the list. */
export type HandOverNotice = HandOverOutcome | { readonly kind: 'no-sponsor-typed' };

export function sponsorlessGuestsCard(words: Translator, guests: readonly SponsorlessGuest[], now: Date, last?: HandOverNotice, typed = ''): AdaptiveCard {
  const say = (key: string, values = {}) => words.t(`cards/sponsorless-guests:${key}`, values);
  return renderCard(
    'sponsorless-guests',
    {
      total: guests.length,
      hidden: Math.max(0, guests.length - ROWS_SHOWN),
      newSponsor: typed,
      notices: last ? noticeLines(words, last) : [],
      rows: guests.slice(0, ROWS_SHOWN).map(({ record, departed }) => ({
        name: record.displayName ?? '',
        address: record.email,
        line: say('line', {
          departed: departedNames(words, departed),
          count: departed.length,
          inviter: record.inviter.name ?? say('unknownPerson'),
          days: Math.max(0, Math.floor((now.getTime() - Date.parse(record.sentAt ?? record.createdAt)) / DAY_MS)),
        }),
      })),
    },
    words,
  );
}

function noticeLines(words: Translator, last: HandOverNotice): { text: string; color: string }[] {
  const say = (key: string, values = {}) => words.t(`cards/sponsorless-guests:result.${key}`, values);
  switch (last.kind) {
    case 'no-sponsor-typed':
      return [{ text: say('noSponsorTyped'), color: 'Attention' }];
    case 'not-admin':
      return [];
    case 'sponsor-not-found':
      return [{ text: say('sponsorNotFound', { address: last.address }), color: 'Attention' }];
    case 'sponsor-not-member':
      return [{ text: say('sponsorNotMember', { address: last.address }), color: 'Attention' }];
    case 'guest-not-sponsorless':
      return [{ text: say('guestNotSponsorless', { address: last.address }), color: 'Attention' }];
    case 'done':
      return [
        ...(last.handedOver.length ? [{ text: say('handedOver', { count: last.handedOver.length, sponsor: last.sponsor.name ?? last.sponsor.address }), color: 'Good' }] : []),
        ...last.failed.map(({ guest, reason }) => ({ text: say('failed', { address: guest.record.email, reason: sayKept(words, reason) }), color: 'Attention' })),
      ];
  }
}

function departedNames(words: Translator, departed: readonly DepartedSponsor[]): string {
  return new Intl.ListFormat(words.locale, { type: 'conjunction' }).format(
    departed.map((sponsor) => words.t('cards/sponsorless-guests:departed', { name: sponsor.name ?? words.t('cards/sponsorless-guests:unknownPerson'), state: sponsor.state })),
  );
}

/** The administrators' channel (`administrators`) or the new sponsor (`sponsor`) hears of a hand-over. */
export function handOverNotice(words: Translator, audience: 'administrators' | 'sponsor', handedOver: Extract<HandOverOutcome, { kind: 'done' }>, admin: Inviter): AdaptiveCard {
  return renderCard(
    'handover-notice',
    {
      audience,
      count: handedOver.handedOver.length,
      admin: admin.name ?? words.t('cards/sponsorless-guests:unknownPerson'),
      sponsor: handedOver.sponsor.name ?? handedOver.sponsor.address,
      rows: handedOver.handedOver.map(({ record, departed }) => ({
        name: record.displayName ?? '',
        address: record.email,
        before: words.t('cards/handover-notice:before', { departed: departedNames(words, departed) }),
      })),
    },
    words,
  );
}
