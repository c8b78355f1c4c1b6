/**
 * The verbs of cards/sponsorless-guests.json: an administrator hands one guest, or all, whose sponsors have
 * left to the person typed in the card's New sponsor field; the card comes back with what was done on top.
 */
import { z } from 'zod';
import { sponsorlessGuestsCard, type HandOverNotice } from '../../cards/sponsor-cards.js';
import { actorOf } from '../actor.js';
import { cardResponse, cardRoute, errorResponse, noData, type RouteContext } from './route.js';

/** The card's input comes with every press (Action.Execute gathers the card's inputs). */
const handOverAllData = z.object({ newSponsor: z.string().max(320).default('') });
const handOverData = handOverAllData.extend({ address: z.string().min(3).max(320) });

async function answer({ turn, services, words }: RouteContext, guest: string | undefined, typed: string | undefined) {
  const actor = actorOf(turn);
  let last: HandOverNotice | undefined;
  if (typed !== undefined) {
    const sponsorAddress = typed.trim();
    last = sponsorAddress === '' ? { kind: 'no-sponsor-typed' } : await services.handOverGuests(actor, { ...(guest ? { guest } : {}), sponsorAddress }, { serviceUrl: turn.activity.serviceUrl });
    if (last.kind === 'not-admin') return notAdmin(words);
  }
  const list = await services.sponsorlessGuests(actor);
  if (list.kind === 'not-admin') return notAdmin(words);
  // A hand-over that went through clears the field; a refused one keeps what was typed, to correct it.
  const keep = last && last.kind !== 'done' ? typed : '';
  return cardResponse(sponsorlessGuestsCard(words, list.guests, new Date(), last, keep));
}

function notAdmin(words: RouteContext['words']) {
  return errorResponse(403, 'NotAdministrator', words.t('replies:adminOnly.text', { command: words.t('cards/help:sponsorless.command') }));
}

export const sponsorlessGuestsRoutes = [
  cardRoute('sponsorless.list', noData, (context) => answer(context, undefined, undefined)),
  cardRoute('sponsorless.handOver', handOverData, (context, { address, newSponsor }) => answer(context, address, newSponsor)),
  cardRoute('sponsorless.handOverAll', handOverAllData, (context, { newSponsor }) => answer(context, undefined, newSponsor)),
];
