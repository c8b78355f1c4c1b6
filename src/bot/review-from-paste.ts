/** Shared by `invite <paste>` and the form's Review button: a paste becomes a stored draft and its review card. */
import type { TurnContext } from 'botbuilder';
import { reviewCard, type LandingPages } from '../cards/batch-cards.js';
import type { AdaptiveCard } from '../cards/render.js';
import { MAX_BATCH_ADDRESSES, type InvitationOptions } from '../domain/invitations/batch.js';
import { isServiceError } from '../domain/errors.js';
import type { InviterCheck } from '../domain/use-cases/authorize.js';
import { problemCard } from '../cards/conversation-cards.js';
import { actorOf } from './actor.js';
import type { IntakeServices } from './intake.js';
import { invitedFromOf } from './invited-from.js';
import { userLocaleOf } from './user-locale.js';

/** Someone the tenant's rule or the organisation's groups do not let invite: why, and whom to ask. */
export function refusalCard(check: Extract<InviterCheck, { ok: false }>): AdaptiveCard {
  return problemCard('You cannot invite guests', `${check.why} ${check.ask} Nothing was sent.`);
}

function conversationTypeOf(type: string | undefined): 'personal' | 'groupChat' | 'channel' {
  return type === 'groupChat' || type === 'channel' ? type : 'personal';
}

async function optionalInvitedFrom(turn: TurnContext) {
  const invitedFrom = await invitedFromOf(turn);
  return invitedFrom ? { invitedFrom } : {};
}

export async function reviewFromPaste(
  turn: TurnContext,
  services: IntakeServices,
  addresses: string,
  options: InvitationOptions,
  explain: (message: string) => AdaptiveCard,
  landingPages: LandingPages,
): Promise<AdaptiveCard> {
  const from = turn.activity.from;
  if (!from.aadObjectId) return explain('I cannot tell who you are in your organisation (no Entra object id), so I cannot start a list for you.');
  let outcome;
  try {
    const check = await services.checkInviter(actorOf(turn));
    if (!check.ok) return refusalCard(check);
    outcome = await services.startReview({
      addresses,
      options,
      typed: { addresses, ...options },
      starter: { aadObjectId: from.aadObjectId, ...(from.name ? { name: from.name } : {}) },
      conversationId: turn.activity.conversation.id,
      conversationType: conversationTypeOf(turn.activity.conversation.conversationType),
      ...(await optionalInvitedFrom(turn)),
      speaks: userLocaleOf(turn.activity),
    });
  } catch (error) {
    if (isServiceError(error)) return explain(error.userMessage);
    throw error;
  }
  switch (outcome.kind) {
    case 'review':
      return reviewCard(outcome.batch, landingPages);
    case 'empty':
      return explain('I found no address in that. Paste addresses like jane@fabrikam.com, one per line or separated by commas.');
    case 'too-many':
      return explain(
        `That list has ${outcome.count.toLocaleString('en-US')} different addresses; one list can hold at most ${MAX_BATCH_ADDRESSES.toLocaleString('en-US')}. Nothing was done: split it into smaller lists.`,
      );
  }
}
