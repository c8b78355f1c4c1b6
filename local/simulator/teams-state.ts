import { SlidingWindowThrottle } from './throttle.js';

// Teams and group chats the bot may add guests to (guest-lifecycle.md §1–3), created through the control
// API. A team is a Microsoft 365 group with a General channel whose id is the team's thread id.

type ChannelMembershipType = 'standard' | 'private' | 'shared';

interface SimChannel {
  readonly id: string;
  readonly displayName: string;
  readonly membershipType: ChannelMembershipType;
  readonly members: string[];
}

export interface SimTeam {
  /** The Entra group id (`aadGroupId`), which Graph's team routes take. */
  readonly groupId: string;
  readonly displayName: string;
  /** The General channel's id, which is also the team's id in bot activities (`19:…@thread.tacv2`). */
  readonly threadId: string;
  /** The per-group `Group.Unified.Guest` setting `AllowToAddGuests`. */
  allowToAddGuests: boolean;
  readonly members: string[];
  readonly channels: SimChannel[];
  /** Teams allows 4 requests a second per app on one team (throttling-limits). */
  readonly throttle: SlidingWindowThrottle;
}

export interface SimChat {
  readonly id: string;
  readonly members: { userId: string; visibleHistoryStartDateTime: string | null }[];
  /** The chat refuses guests added by an app (the reported AclCheckFailed). */
  refusesGuests: boolean;
}

/** One add that took effect, for tests that count "exactly once". */
interface MemberAdd {
  readonly kind: 'team' | 'channel' | 'group' | 'chat';
  readonly target: string;
  readonly userId: string;
  readonly at: string;
}

const TEAM_REQUESTS_PER_SECOND = 4;

export class TeamsState {
  readonly teams = new Map<string, SimTeam>();
  readonly chats = new Map<string, SimChat>();
  readonly adds: MemberAdd[] = [];
  /** The Teams admin center's org-wide guest access switch. */
  guestAccess = true;
  /** Whether this tenant lets an app add guests to a team (REPORTED refused in some tenants). */
  appOnlyGuestAdds = true;

  team(groupId: string): SimTeam | undefined {
    return this.teams.get(groupId.toLowerCase());
  }

  addTeam(team: Omit<SimTeam, 'throttle'>): SimTeam {
    const created = { ...team, throttle: new SlidingWindowThrottle(TEAM_REQUESTS_PER_SECOND, 1000) };
    this.teams.set(team.groupId.toLowerCase(), created);
    return created;
  }

  addChat(chat: SimChat): void {
    this.chats.set(chat.id, chat);
  }

  recordAdd(kind: MemberAdd['kind'], target: string, userId: string): void {
    this.adds.push({ kind, target, userId, at: new Date().toISOString() });
  }

  clear(): void {
    this.teams.clear();
    this.chats.clear();
    this.adds.length = 0;
    this.guestAccess = true;
    this.appOnlyGuestAdds = true;
  }
}
