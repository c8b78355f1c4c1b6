/**
 * Adds an accepted guest to the team (and private channel) or group chat their invitation came from
 * (guest-lifecycle.md §1–3), and reads Graph's refusals into named reasons:
 * - team: `POST /teams/{group-id}/members` with `roles: []`; where an app's guest add is refused (403 Forbidden,
 *   reported in several tenants) the guest goes into the team's group (`POST /groups/{id}/members/$ref`), which
 *   Teams may take hours to show;
 * - private channel: then `POST /teams/{id}/channels/{id}/members`; a shared channel never takes B2B guests;
 * - group chat: `POST /chats/{id}/members`, with the chat history the setting allows.
 * "Already a member" (409, or 400 "already exist") counts as added: that is what makes a second try after a
 * lost answer harmless. Adds to one team are 2 s apart (Microsoft's advice), which also keeps under its
 * 4 requests a second per team; the Graph client retries 429 after Retry-After.
 */
import { GraphError, type Client } from '@microsoft/microsoft-graph-client';
import type { InvitedFrom } from '../domain/lifecycle/placement.js';
import type { Clock } from '../domain/ports/clock.js';
import type { MembershipGateway, MembershipOutcome } from '../domain/ports/membership-gateway.js';
import { toServiceError } from './errors.js';

type ChatHistory = 'none' | 'all';

interface MembershipSettings {
  /** What a guest added to a group chat sees of its earlier messages. */
  readonly chatHistory: ChatHistory;
  /** Between two adds to the same team or chat (Microsoft: "stagger calls with a 2 second buffer"). */
  readonly gapMs?: number;
}

const ADD_GAP_MS = 2000;

const GRAPH_USERS = 'https://graph.microsoft.com/v1.0';

export class GraphMembershipGateway implements MembershipGateway {
  /** When the next add to each team or chat may go, so adds to one space are spaced even when they overlap. */
  private readonly nextSlot = new Map<string, number>();

  constructor(
    private readonly client: Client,
    private readonly clock: Clock,
    private readonly settings: MembershipSettings,
  ) {}

  async add(target: InvitedFrom, userId: string): Promise<MembershipOutcome> {
    if (target.kind === 'chat') {
      await this.paced(target.chatId);
      return this.addToChat(target.chatId, userId);
    }
    if (!target.groupId) return { kind: 'refused', reason: 'team-unknown' };
    const channel = target.channelId && target.channelId !== target.teamId ? await this.channelKind(target.groupId, target.channelId) : 'standard';
    if (channel === 'shared') return { kind: 'refused', reason: 'shared-channel' };
    await this.paced(target.groupId);
    const team = await this.addToTeam(target.groupId, userId);
    if (team.kind !== 'added' || channel !== 'private' || !target.channelId) return team;
    await this.paced(target.groupId);
    const inChannel = await this.addToChannel(target.groupId, target.channelId, userId);
    return inChannel.kind === 'added' ? { kind: 'added', channelAdded: true } : inChannel;
  }

  private async addToTeam(groupId: string, userId: string): Promise<MembershipOutcome> {
    const operation = 'POST /teams/{id}/members';
    try {
      await this.client.api(`/teams/${encodeURIComponent(groupId)}/members`).post(conversationMember(userId));
      return { kind: 'added' };
    } catch (error) {
      const refusal = refusalOf(error, 'TeamMember.ReadWrite.All');
      if (refusal === undefined) throw toServiceError(error, operation);
      return refusal === 'app-only-refused' ? this.addToGroup(groupId, userId) : refusal;
    }
  }

  /** The slow path, where Teams refuses an app's guest add: the team's Microsoft 365 group. */
  private async addToGroup(groupId: string, userId: string): Promise<MembershipOutcome> {
    try {
      await this.client.api(`/groups/${encodeURIComponent(groupId)}/members/$ref`).post({ '@odata.id': `${GRAPH_USERS}/directoryObjects/${userId}` });
      return { kind: 'added-via-group' };
    } catch (error) {
      const refusal = refusalOf(error, 'GroupMember.ReadWrite.All');
      if (refusal === undefined) throw toServiceError(error, 'POST /groups/{id}/members/$ref');
      return refusal === 'app-only-refused' ? { kind: 'refused', reason: 'teams-guest-access-off' } : refusal.kind === 'added' ? { kind: 'added-via-group' } : refusal;
    }
  }

  private async addToChannel(groupId: string, channelId: string, userId: string): Promise<MembershipOutcome> {
    try {
      await this.client.api(`/teams/${encodeURIComponent(groupId)}/channels/${encodeURIComponent(channelId)}/members`).post(conversationMember(userId));
      return { kind: 'added' };
    } catch (error) {
      const refusal = refusalOf(error, 'ChannelMember.ReadWrite.All');
      if (refusal === undefined) throw toServiceError(error, 'POST /teams/{id}/channels/{id}/members');
      return refusal === 'app-only-refused' ? { kind: 'refused', reason: 'shared-channel' } : refusal;
    }
  }

  private async addToChat(chatId: string, userId: string): Promise<MembershipOutcome> {
    try {
      await this.client.api(`/chats/${encodeURIComponent(chatId)}/members`).post({
        ...conversationMember(userId, ['guest']),
        // Absent: no history; the earliest date: all of it (chat-post-members).
        ...(this.settings.chatHistory === 'all' ? { visibleHistoryStartDateTime: '0001-01-01T00:00:00Z' } : {}),
      });
      return { kind: 'added' };
    } catch (error) {
      const refusal = refusalOf(error, 'ChatMember.ReadWrite.All');
      if (refusal === undefined) throw toServiceError(error, 'POST /chats/{id}/members');
      return refusal === 'app-only-refused' ? { kind: 'refused', reason: 'chat-refused' } : refusal;
    }
  }

  /** `standard`, `private` or `shared`; a channel that cannot be read is taken as standard (the team add still applies). */
  private async channelKind(groupId: string, channelId: string): Promise<string> {
    try {
      const channel = (await this.client.api(`/teams/${encodeURIComponent(groupId)}/channels/${encodeURIComponent(channelId)}`).select('membershipType').get()) as { membershipType?: string };
      return channel.membershipType ?? 'standard';
    } catch (error) {
      if (error instanceof GraphError && (error.statusCode === 403 || error.statusCode === 404)) return 'standard';
      throw toServiceError(error, 'GET /teams/{id}/channels/{id}');
    }
  }

  private async paced(space: string): Promise<void> {
    const now = this.clock.now().getTime();
    const slot = Math.max(now, this.nextSlot.get(space) ?? 0);
    this.nextSlot.set(space, slot + (this.settings.gapMs ?? ADD_GAP_MS));
    if (slot > now) await this.clock.sleep(slot - now);
  }
}

function conversationMember(userId: string, roles: string[] = []) {
  return {
    '@odata.type': '#microsoft.graph.aadUserConversationMember',
    roles,
    'user@odata.bind': `${GRAPH_USERS}/users('${userId}')`,
  };
}

/**
 * Graph's answer read as an outcome: already a member (added), a named refusal, the app-only guest add refused
 * (a 403 Forbidden that is none of the others: the caller decides what that means where), or undefined for a
 * failure worth retrying.
 */
function refusalOf(error: unknown, permission: string): MembershipOutcome | 'app-only-refused' | undefined {
  if (!(error instanceof GraphError)) return undefined;
  const message = error.message ?? '';
  if (error.statusCode === 409 || (error.statusCode === 400 && /already (exist|a member)/i.test(message))) return { kind: 'added' };
  if (error.statusCode === 404) return { kind: 'refused', reason: 'not-found', detail: message };
  if (error.statusCode !== 403) return undefined;
  // Documented or reported wordings; Microsoft publishes no codes that tell these apart.
  if (/not allowed to join this unified group|policy setting/i.test(message)) return { kind: 'refused', reason: 'group-disallows-guests' };
  if (error.code === 'Authorization_RequestDenied' || /insufficient privileges/i.test(message)) return { kind: 'refused', reason: 'missing-permission', permission };
  if (/guest access/i.test(message)) return { kind: 'refused', reason: 'teams-guest-access-off' };
  // 403 Forbidden "An unknown error has occurred." (team), AclCheckFailed (chat).
  return 'app-only-refused';
}
