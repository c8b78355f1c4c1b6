/**
 * What the team or group chat reads when a guest is added there (a welcome: who invited them and why, whom
 * to ask) or could not be (the reason, named, and what to do). Names and the inviter's note are user text:
 * they travel in TextRuns.
 */
import type { InvitationRecord } from '../domain/invitations/invitation.js';
import type { PlacementRefusal } from '../domain/lifecycle/placement.js';
import { guestHelpUrl } from '../domain/redemption/guest-help.js';
import type { Translator } from '../i18n/translator.js';
import { renderCard, type AdaptiveCard } from './render.js';

const REFUSAL_KEYS: Record<PlacementRefusal, string> = {
  'group-disallows-guests': 'groupDisallowsGuests',
  'teams-guest-access-off': 'teamsGuestAccessOff',
  'missing-permission': 'missingPermission',
  'shared-channel': 'sharedChannel',
  'chat-refused': 'chatRefused',
  'team-unknown': 'teamUnknown',
  'not-found': 'notFound',
  'gave-up': 'gaveUp',
};

function people(record: InvitationRecord) {
  return { guest: record.displayName ?? record.email, inviter: record.inviter.name ?? record.inviter.aadObjectId ?? '?' };
}

function space(record: InvitationRecord): 'team' | 'chat' {
  return record.placement?.target.kind === 'team' ? 'team' : 'chat';
}

/** With a public address, the welcome links the guest help page at finding the team in Teams (no link without one). */
export function guestWelcomeCard(words: Translator, record: InvitationRecord, note: string, publicBaseUrl: string): AdaptiveCard {
  const names = people(record);
  const via = record.placement?.state === 'added-via-group';
  const lines = [
    words.t('lifecycle:placement.welcome.who', names),
    ...(record.placement?.channelAdded ? [words.t('lifecycle:placement.welcome.channel', names)] : []),
    ...(via ? [words.t('lifecycle:placement.welcome.viaGroup', names)] : []),
    ...(note ? [words.t('lifecycle:placement.welcome.why', names)] : []),
  ];
  return renderCard('guest-placement', {
    style: 'good',
    title: words.t('lifecycle:placement.welcome.title', { space: space(record) }),
    lines: lines.map((text) => ({ text })),
    note,
    after: [{ text: words.t('lifecycle:placement.welcome.help', names) }],
    helpUrl: guestHelpUrl(publicBaseUrl, words.language, 'teams') ?? '',
    helpTitle: words.t('cards/help-answer:guestHelp'),
  }, words);
}

export function placementRefusedCard(words: Translator, record: InvitationRecord): AdaptiveCard {
  const refusal = record.placement?.refusal;
  const reason = REFUSAL_KEYS[refusal?.reason ?? 'not-found'];
  return renderCard('guest-placement', {
    style: 'warning',
    title: words.t('lifecycle:placement.refused.title', { space: space(record) }),
    lines: [{ text: words.t(`lifecycle:placement.refused.reason.${reason}`, { ...people(record), permission: refusal?.permission ?? '' }) }],
    note: '',
    after: [],
    helpUrl: '',
    helpTitle: '',
  }, words);
}
