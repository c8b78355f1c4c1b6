/**
 * Where a list is started, so its guests can be added there once they accept: a group chat by its id (the
 * conversation id is the Graph chat id), a team by the Entra group id Graph's team routes need. Teams sends
 * `channelData.team.aadGroupId` on some activities only; otherwise TeamsInfo.getTeamDetails asks the Bot
 * Connector (GET /v3/teams/{id}), once per team per process: a team's group id never changes.
 */
import { TeamsInfo, type TurnContext } from 'botbuilder';
import { baseConversationId } from '../domain/invitations/batch.js';
import type { InvitedFrom } from '../domain/lifecycle/placement.js';

interface TeamsChannelData {
  readonly team?: { readonly id?: string; readonly aadGroupId?: string; readonly name?: string };
  readonly channel?: { readonly id?: string };
}

const teams = new Map<string, { readonly groupId: string; readonly name?: string }>();

export async function invitedFromOf(turn: TurnContext): Promise<InvitedFrom | undefined> {
  const conversation = turn.activity.conversation;
  if (conversation.conversationType === 'groupChat') return { kind: 'chat', chatId: baseConversationId(conversation.id) };
  if (conversation.conversationType !== 'channel') return undefined;
  const data = (turn.activity.channelData ?? {}) as TeamsChannelData;
  const teamId = data.team?.id;
  if (!teamId) return undefined;
  const team = await teamDetails(turn, teamId, data.team);
  return {
    kind: 'team',
    teamId,
    ...(team?.groupId ? { groupId: team.groupId } : {}),
    ...(team?.name ? { teamName: team.name } : {}),
    ...(data.channel?.id ? { channelId: data.channel.id } : {}),
  };
}

async function teamDetails(turn: TurnContext, teamId: string, sent: TeamsChannelData['team']) {
  if (sent?.aadGroupId) return { groupId: sent.aadGroupId, ...(sent.name ? { name: sent.name } : {}) };
  const known = teams.get(teamId);
  if (known) return known;
  try {
    const details = await TeamsInfo.getTeamDetails(turn, teamId);
    if (!details.aadGroupId) return undefined;
    const team = { groupId: details.aadGroupId, ...(details.name ? { name: details.name } : {}) };
    teams.set(teamId, team);
    return team;
  } catch {
    // The list still works; adding its guests to the team is then refused with 'team-unknown', and said so.
    return undefined;
  }
}
