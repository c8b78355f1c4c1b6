/** Who sent an activity or pressed a button: their Entra object id and name, as Teams says. */
import type { TurnContext } from 'botbuilder';
import type { Inviter } from '../domain/invitations/invitation.js';

export function actorOf(turn: TurnContext): Inviter {
  const from = turn.activity.from;
  return { ...(from.aadObjectId ? { aadObjectId: from.aadObjectId } : {}), ...(from.name ? { name: from.name } : {}) };
}
