import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { DirectoryUser } from '../fixture.js';
import { jsonResponse, noContent, type SimResponse } from '../http/response.js';
import type { SimulatorContext } from '../simulator-state.js';
import type { SimChat, SimTeam } from '../teams-state.js';
import { badRequest, GraphRequestError, resourceNotFound, tooManyRequests } from './errors.js';
import type { GraphCall } from './graph-call.js';
import { describeIssue, readJsonBody } from './json-body.js';
import { metadataUrl } from './odata.js';

// Adding people to a team, a private or shared channel, a group (the slow path) and a group chat
// (guest-lifecycle.md §1–3: team-post-members, channel-post-members, group-post-members, chat-post-members),
// with the refusals Microsoft documents or users report. Choices where Microsoft is silent: README.

const memberBody = z.strictObject({
  roles: z.array(z.string()).default([]),
  'user@odata.bind': z.string(),
  visibleHistoryStartDateTime: z.iso.datetime({ offset: true }).optional(),
});

const bindPattern = /\/users(?:\('([^']+)'\)|\/([^/?]+))$/i;

function readMember(call: GraphCall, allowHistory: boolean): { user: DirectoryUser; roles: string[]; visibleHistoryStartDateTime: string | null } {
  const parsed = memberBody.safeParse(readJsonBody(call.request));
  if (!parsed.success) throw badRequest(describeIssue(parsed.error.issues[0], 'microsoft.graph.aadUserConversationMember'));
  if (!allowHistory && parsed.data.visibleHistoryStartDateTime !== undefined) {
    throw badRequest('visibleHistoryStartDateTime can only be set for chat members.');
  }
  const match = bindPattern.exec(parsed.data['user@odata.bind']);
  const userId = match?.[1] ?? match?.[2];
  if (userId === undefined) throw badRequest(`Invalid user binding '${parsed.data['user@odata.bind']}'.`);
  const user = call.context.state.tenant.findUser(userId);
  // A disabled (blocked) user is refused like a missing one (team-post-members: 404 for disabled users).
  if (user === undefined || !user.accountEnabled) throw notFound(`User ${userId} was not found or is disabled.`);
  return { user, roles: parsed.data.roles, visibleHistoryStartDateTime: parsed.data.visibleHistoryStartDateTime ?? null };
}

const notFound = (message: string) => new GraphRequestError(404, 'NotFound', message);
const alreadyMember = () => new GraphRequestError(409, 'Conflict', 'The user is already a member.');

function requireTeam(context: SimulatorContext, groupId: string): SimTeam {
  const team = context.state.teams.team(groupId);
  if (team === undefined) throw notFound(`No team found with Group Id ${groupId}`);
  const verdict = team.throttle.admit();
  if (!verdict.admitted) throw tooManyRequests(verdict.retryAfterSeconds);
  return team;
}

/** The refusals a guest meets on the way into a team (or its group), in the order the simulator checks them. */
function requireGuestAdmitted(context: SimulatorContext, team: SimTeam, user: DirectoryUser, viaGroup: boolean): void {
  if (user.userType !== 'Guest') return;
  const { teams } = context.state;
  if (!viaGroup && !teams.guestAccess) {
    throw new GraphRequestError(403, 'Forbidden', 'Guest access is turned off for Microsoft Teams in this organization.');
  }
  if (!team.allowToAddGuests) {
    throw new GraphRequestError(403, 'Authorization_RequestDenied', 'Guests users are not allowed to join this Unified Group due to policy setting.');
  }
  if (!viaGroup && !teams.appOnlyGuestAdds) throw new GraphRequestError(403, 'Forbidden', 'An unknown error has occurred.');
}

function conversationMember(user: DirectoryUser, roles: string[], tenantId: string, extra: Record<string, unknown> = {}) {
  return {
    '@odata.type': '#microsoft.graph.aadUserConversationMember',
    id: randomUUID(),
    roles: user.userType === 'Guest' ? ['guest'] : roles,
    displayName: user.displayName,
    userId: user.id,
    email: user.mail,
    tenantId,
    ...extra,
  };
}

/** POST /teams/{group-id}/members: 201 with the member. */
export function addTeamMember(call: GraphCall): SimResponse {
  const team = requireTeam(call.context, call.params['groupId'] ?? '');
  const { user, roles } = readMember(call, false);
  if (user.userType === 'Guest' && roles.includes('owner')) throw badRequest('Guests cannot be team owners.');
  requireGuestAdmitted(call.context, team, user, false);
  if (team.members.includes(user.id)) throw alreadyMember();
  team.members.push(user.id);
  call.context.state.teams.recordAdd('team', team.groupId, user.id);
  return jsonResponse(201, { '@odata.context': metadataUrl(call.request, `teams('${team.groupId}')/members/$entity`), ...conversationMember(user, roles, call.context.state.tenant.tenantId) });
}

/** GET /teams/{group-id}/members */
export function listTeamMembers(call: GraphCall): SimResponse {
  const team = requireTeam(call.context, call.params['groupId'] ?? '');
  return membersAnswer(call, team.members);
}

/** GET /teams/{group-id}/channels/{channel-id}: what the bot needs to tell a private or shared channel. */
export function getChannel(call: GraphCall): SimResponse {
  const team = requireTeam(call.context, call.params['groupId'] ?? '');
  const channel = team.channels.find((candidate) => candidate.id === call.params['channelId']);
  if (channel === undefined) throw notFound(`Channel ${call.params['channelId'] ?? ''} not found.`);
  return jsonResponse(200, {
    '@odata.context': metadataUrl(call.request, `teams('${team.groupId}')/channels/$entity`),
    id: channel.id,
    displayName: channel.displayName,
    membershipType: channel.membershipType,
  });
}

/** POST /teams/{group-id}/channels/{channel-id}/members: private and shared channels only. */
export function addChannelMember(call: GraphCall): SimResponse {
  const team = requireTeam(call.context, call.params['groupId'] ?? '');
  const channel = team.channels.find((candidate) => candidate.id === call.params['channelId']);
  if (channel === undefined) throw notFound(`Channel ${call.params['channelId'] ?? ''} not found.`);
  const { user, roles } = readMember(call, false);
  if (channel.membershipType === 'standard') throw badRequest('Members can be added only to private or shared channels.');
  if (channel.membershipType === 'shared' && user.userType === 'Guest') {
    throw new GraphRequestError(403, 'Forbidden', 'Guests cannot be added to a shared channel; use B2B direct connect.');
  }
  if (!team.members.includes(user.id)) throw badRequest('The user must be a member of the team before being added to a private channel.');
  if (channel.members.includes(user.id)) throw alreadyMember();
  channel.members.push(user.id);
  call.context.state.teams.recordAdd('channel', channel.id, user.id);
  return jsonResponse(201, conversationMember(user, roles, call.context.state.tenant.tenantId));
}

const referenceBody = z.strictObject({ '@odata.id': z.string() });

/**
 * POST /groups/{id}/members/$ref for a team's group: the path that works where app-only team adds are
 * refused. Teams shows such members late (hours, REPORTED); here they are members at once (README choice).
 */
export function addGroupMemberByReference(call: GraphCall): SimResponse {
  const groupId = call.params['groupId'] ?? '';
  const team = call.context.state.teams.team(groupId);
  if (team === undefined) throw resourceNotFound(groupId);
  readJsonBody(call.request);
  const parsed = referenceBody.safeParse(JSON.parse(call.request.rawBody));
  if (!parsed.success) throw badRequest(describeIssue(parsed.error.issues[0], 'microsoft.graph.directoryObject'));
  const userId = /\/(?:directoryObjects|users)\/([^/?]+)$/i.exec(parsed.data['@odata.id'])?.[1];
  const user = userId === undefined ? undefined : call.context.state.tenant.findUser(userId);
  if (user === undefined) throw resourceNotFound(userId ?? parsed.data['@odata.id']);
  requireGuestAdmitted(call.context, team, user, true);
  if (team.members.includes(user.id)) {
    throw badRequest("One or more added object references already exist for the following modified properties: 'members'.");
  }
  team.members.push(user.id);
  call.context.state.teams.recordAdd('group', team.groupId, user.id);
  return noContent;
}

function requireChat(context: SimulatorContext, chatId: string): SimChat {
  const chat = context.state.teams.chats.get(chatId);
  if (chat === undefined) throw notFound(`Chat ${chatId} not found.`);
  return chat;
}

/** POST /chats/{chat-id}/members: 201 with a Location header. */
export function addChatMember(call: GraphCall): SimResponse {
  const chatId = call.params['chatId'] ?? '';
  const chat = requireChat(call.context, chatId);
  const { user, roles, visibleHistoryStartDateTime } = readMember(call, true);
  if (user.userType === 'Guest' && (chat.refusesGuests || !call.context.state.teams.guestAccess)) {
    throw new GraphRequestError(403, 'AclCheckFailed', 'AclCheckFailed: the user cannot be added to this chat.');
  }
  if (chat.members.some((member) => member.userId === user.id)) throw alreadyMember();
  chat.members.push({ userId: user.id, visibleHistoryStartDateTime });
  call.context.state.teams.recordAdd('chat', chat.id, user.id);
  const member = conversationMember(user, roles, call.context.state.tenant.tenantId, { visibleHistoryStartDateTime: visibleHistoryStartDateTime ?? '0001-01-01T00:00:00Z' });
  return jsonResponse(201, { '@odata.context': metadataUrl(call.request, `chats('${chat.id}')/members/$entity`), ...member }, {
    Location: `/chats('${chat.id}')/members('${member.id}')`,
  });
}

/** GET /chats/{chat-id}/members */
export function listChatMembers(call: GraphCall): SimResponse {
  return membersAnswer(call, requireChat(call.context, call.params['chatId'] ?? '').members.map((member) => member.userId));
}

function membersAnswer(call: GraphCall, userIds: readonly string[]): SimResponse {
  const { tenant } = call.context.state;
  return jsonResponse(200, {
    '@odata.context': metadataUrl(call.request, 'members'),
    value: userIds.flatMap((id) => {
      const user = tenant.findUser(id);
      return user === undefined ? [] : [conversationMember(user, [], tenant.tenantId)];
    }),
  });
}
