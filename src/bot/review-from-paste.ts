/** Shared by `invite <paste>` and the form's Review button: a paste becomes a stored draft and its review card. */
import type { TurnContext } from 'botbuilder';
import { invitationLanguageFor, reviewCard, type FormContext } from '../cards/batch-cards.js';
import type { AdaptiveCard } from '../cards/render.js';
import { MAX_BATCH_ADDRESSES, type InvitationOptions, type InviteBatch } from '../domain/invitations/batch.js';
import { isServiceError } from '../domain/errors.js';
import type { InviterCheck } from '../domain/use-cases/authorize.js';
import { problemCard } from '../cards/conversation-cards.js';
import { say } from '../cards/say.js';
import type { Translator } from '../i18n/translator.js';
import { actorOf } from './actor.js';
import type { IntakeServices, IntakeSettings } from './intake.js';
import { invitedFromOf } from './invited-from.js';

/** Someone the tenant's rule or the organisation's groups do not let invite: why, and whom to ask. */
export function refusalCard(words: Translator, check: Extract<InviterCheck, { ok: false }>): AdaptiveCard {
  return problemCard(words, words.t('replies:cannotInvite.title'), words.t('replies:cannotInvite.text', { why: say(words, check.why), ask: say(words, check.ask) }));
}

/**
 * The starter's locale and time zone, kept with the batch: the progress card, acceptance notices and reminders
 * are posted later, outside any turn, and speak the starter's language in their time zone.
 */
function storedLocale(words: Translator): { locale: string; timeZone: string } {
  return { locale: words.locale, timeZone: words.timeZone };
}

function conversationTypeOf(type: string | undefined): 'personal' | 'groupChat' | 'channel' {
  return type === 'groupChat' || type === 'channel' ? type : 'personal';
}

async function optionalInvitedFrom(turn: TurnContext) {
  const invitedFrom = await invitedFromOf(turn);
  return invitedFrom ? { invitedFrom } : {};
}

/** How starting a review from a paste went, as codes: each caller puts it in its own words and card. */
export type PasteReview =
  | { readonly kind: 'review'; readonly batch: InviteBatch }
  /** The activity carries no Entra object id: nobody to start a list for. */
  | { readonly kind: 'no-identity' }
  | { readonly kind: 'refused'; readonly check: Extract<InviterCheck, { ok: false }> }
  | { readonly kind: 'service-error'; readonly message: string }
  | { readonly kind: 'empty' }
  | { readonly kind: 'too-many'; readonly count: number };

/** A paste (typed, from the form, or read out of a message) becomes a stored draft, if this person may invite. */
export async function startReviewFromPaste(
  words: Translator,
  turn: TurnContext,
  services: IntakeServices,
  addresses: string,
  options: InvitationOptions,
): Promise<PasteReview> {
  const from = turn.activity.from;
  if (!from.aadObjectId) return { kind: 'no-identity' };
  try {
    const check = await services.checkInviter(actorOf(turn));
    if (!check.ok) return { kind: 'refused', check };
    return await services.startReview({
      addresses,
      options,
      typed: { addresses, ...options },
      starter: { aadObjectId: from.aadObjectId, ...(from.name ? { name: from.name } : {}), ...storedLocale(words) },
      conversationId: turn.activity.conversation.id,
      conversationType: conversationTypeOf(turn.activity.conversation.conversationType),
      ...(await optionalInvitedFrom(turn)),
    });
  } catch (error) {
    if (isServiceError(error)) return { kind: 'service-error', message: error.userMessage };
    throw error;
  }
}

export async function reviewFromPaste(
  words: Translator,
  turn: TurnContext,
  services: IntakeServices,
  addresses: string,
  options: InvitationOptions,
  explain: (message: string) => AdaptiveCard,
  context: FormContext,
): Promise<AdaptiveCard> {
  const outcome = await startReviewFromPaste(words, turn, services, addresses, options);
  switch (outcome.kind) {
    case 'review':
      return reviewCard(words, outcome.batch, context);
    case 'no-identity':
      return explain(words.t('replies:noIdentity.list'));
    case 'refused':
      return refusalCard(words, outcome.check);
    case 'service-error':
      return explain(outcome.message);
    case 'empty':
      return explain(words.t('replies:noAddress'));
    case 'too-many':
      return explain(words.t('replies:tooManyAddresses', { count: outcome.count, limit: MAX_BATCH_ADDRESSES }));
  }
}

/** The options of a list started without the form: no note, the default landing page, the email in the inviter's language. */
export function defaultInvitationOptions(words: Translator, settings: Pick<IntakeSettings, 'defaultRedirectUrl'>): InvitationOptions {
  return { personalMessage: '', redirectUrl: settings.defaultRedirectUrl, messageLanguage: invitationLanguageFor(words) };
}

