/** Shared by `invite <paste>` and the form's Review button: a paste becomes a stored draft and its review card. */
import type { TurnContext } from 'botbuilder';
import { reviewCard, type LandingPages } from '../cards/batch-cards.js';
import type { AdaptiveCard } from '../cards/render.js';
import { MAX_BATCH_ADDRESSES, type InvitationOptions, type InviteBatch } from '../domain/invitations/batch.js';
import { isServiceError } from '../domain/errors.js';
import type { InviterCheck } from '../domain/use-cases/authorize.js';
import { problemCard } from '../cards/conversation-cards.js';
import { actorOf } from './actor.js';
import type { IntakeServices, IntakeSettings } from './intake.js';

/** Someone the tenant's rule or the organisation's groups do not let invite: why, and whom to ask. */
export function refusalCard(check: Extract<InviterCheck, { ok: false }>): AdaptiveCard {
  return problemCard('You cannot invite guests', `${check.why} ${check.ask} Nothing was sent.`);
}

function conversationTypeOf(type: string | undefined): 'personal' | 'groupChat' | 'channel' {
  return type === 'groupChat' || type === 'channel' ? type : 'personal';
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
export async function startReviewFromPaste(turn: TurnContext, services: IntakeServices, addresses: string, options: InvitationOptions): Promise<PasteReview> {
  const from = turn.activity.from;
  if (!from.aadObjectId) return { kind: 'no-identity' };
  try {
    const check = await services.checkInviter(actorOf(turn));
    if (!check.ok) return { kind: 'refused', check };
    const outcome = await services.startReview({
      addresses,
      options,
      typed: { addresses, ...options },
      starter: { aadObjectId: from.aadObjectId, ...(from.name ? { name: from.name } : {}) },
      conversationId: turn.activity.conversation.id,
      conversationType: conversationTypeOf(turn.activity.conversation.conversationType),
    });
    return outcome;
  } catch (error) {
    if (isServiceError(error)) return { kind: 'service-error', message: error.userMessage };
    throw error;
  }
}

export async function reviewFromPaste(
  turn: TurnContext,
  services: IntakeServices,
  addresses: string,
  options: InvitationOptions,
  explain: (message: string) => AdaptiveCard,
  landingPages: LandingPages,
): Promise<AdaptiveCard> {
  const outcome = await startReviewFromPaste(turn, services, addresses, options);
  switch (outcome.kind) {
    case 'review':
      return reviewCard(outcome.batch, landingPages);
    case 'no-identity':
      return explain('I cannot tell who you are in your organisation (no Entra object id), so I cannot start a list for you.');
    case 'refused':
      return refusalCard(outcome.check);
    case 'service-error':
      return explain(outcome.message);
    case 'empty':
      return explain('I found no address in that. Paste addresses like jane@fabrikam.com, one per line or separated by commas.');
    case 'too-many':
      return explain(
        `That list has ${outcome.count.toLocaleString('en-US')} different addresses; one list can hold at most ${MAX_BATCH_ADDRESSES.toLocaleString('en-US')}. Nothing was done: split it into smaller lists.`,
      );
  }
}

/** The options of a list started without the form: no note, the default landing page. */
export function defaultInvitationOptions(settings: Pick<IntakeSettings, 'defaultRedirectUrl'>): InvitationOptions {
  return { personalMessage: '', redirectUrl: settings.defaultRedirectUrl, messageLanguage: 'en-US' };
}
