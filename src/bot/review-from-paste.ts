/** Shared by `invite <paste>` and the form's Review button: a paste becomes a stored draft and its review card. */
import type { TurnContext } from 'botbuilder';
import { reviewCard, type FormContext } from '../cards/batch-cards.js';
import type { AdaptiveCard } from '../cards/render.js';
import { MAX_BATCH_ADDRESSES, type InvitationOptions } from '../domain/invitations/batch.js';
import { isServiceError } from '../domain/errors.js';
import type { InviterCheck } from '../domain/use-cases/authorize.js';
import { problemCard } from '../cards/conversation-cards.js';
import { say } from '../cards/say.js';
import type { Translator } from '../i18n/translator.js';
import { actorOf } from './actor.js';
import type { IntakeServices } from './intake.js';

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

export async function reviewFromPaste(
  words: Translator,
  turn: TurnContext,
  services: IntakeServices,
  addresses: string,
  options: InvitationOptions,
  explain: (message: string) => AdaptiveCard,
  context: FormContext,
): Promise<AdaptiveCard> {
  const from = turn.activity.from;
  if (!from.aadObjectId) return explain(words.t('replies:noIdentity.list'));
  let outcome;
  try {
    const check = await services.checkInviter(actorOf(turn));
    if (!check.ok) return refusalCard(words, check);
    outcome = await services.startReview({
      addresses,
      options,
      typed: { addresses, ...options },
      starter: { aadObjectId: from.aadObjectId, ...(from.name ? { name: from.name } : {}), ...storedLocale(words) },
      conversationId: turn.activity.conversation.id,
      conversationType: conversationTypeOf(turn.activity.conversation.conversationType),
    });
  } catch (error) {
    if (isServiceError(error)) return explain(error.userMessage);
    throw error;
  }
  switch (outcome.kind) {
    case 'review':
      return reviewCard(words, outcome.batch, context);
    case 'empty':
      return explain(words.t('replies:noAddress'));
    case 'too-many':
      return explain(words.t('replies:tooManyAddresses', { count: outcome.count, limit: MAX_BATCH_ADDRESSES }));
  }
}
