import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { SimRequest } from '../http/request.js';
import { jsonResponse, type SimResponse } from '../http/response.js';
import type { SimulatorState } from '../simulator-state.js';
import { ControlError, parseBody } from './control-handler.js';

// Control-API handlers for teams and group chats: create them, switch the tenant's Teams guest settings,
// and read every add that took effect.

const teamBody = z.strictObject({
  groupId: z.uuid().optional(),
  displayName: z.string().min(1),
  threadId: z.string().min(1),
  allowToAddGuests: z.boolean().default(true),
  members: z.array(z.string()).default([]),
  channels: z
    .array(z.strictObject({ id: z.string().min(1), displayName: z.string().min(1), membershipType: z.enum(['standard', 'private', 'shared']) }))
    .default([]),
});

export function createTeam(state: SimulatorState, request: SimRequest): SimResponse {
  const body = parseBody(request, teamBody);
  const groupId = body.groupId ?? randomUUID();
  if (state.teams.team(groupId) !== undefined) throw new ControlError(409, `A team with group id ${groupId} exists already.`);
  state.teams.addTeam({
    groupId,
    displayName: body.displayName,
    threadId: body.threadId,
    allowToAddGuests: body.allowToAddGuests,
    members: [...body.members],
    // The General channel is standard and carries the team's thread id.
    channels: [{ id: body.threadId, displayName: 'General', membershipType: 'standard', members: [] }, ...body.channels.map((channel) => ({ ...channel, members: [] }))],
  });
  return jsonResponse(201, { groupId });
}

const chatBody = z.strictObject({ id: z.string().min(1), members: z.array(z.string()).default([]), refusesGuests: z.boolean().default(false) });

export function createChat(state: SimulatorState, request: SimRequest): void {
  const body = parseBody(request, chatBody);
  state.teams.addChat({ id: body.id, members: body.members.map((userId) => ({ userId, visibleHistoryStartDateTime: null })), refusesGuests: body.refusesGuests });
}

const teamsSettingsBody = z.strictObject({ guestAccess: z.boolean().optional(), appOnlyGuestAdds: z.boolean().optional() });

export function changeTeamsSettings(state: SimulatorState, request: SimRequest): void {
  const body = parseBody(request, teamsSettingsBody);
  if (body.guestAccess !== undefined) state.teams.guestAccess = body.guestAccess;
  if (body.appOnlyGuestAdds !== undefined) state.teams.appOnlyGuestAdds = body.appOnlyGuestAdds;
}

export function listMemberAdds(state: SimulatorState): SimResponse {
  return jsonResponse(200, state.teams.adds);
}
