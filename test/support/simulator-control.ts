/** The tenant simulator's test-only control API (local/simulator/README.md), typed for tests. */
import type { ExternalWorld, WorldAdditionsInput } from '../../local/simulator/external-world.js';
import type { Delivery } from '../../local/simulator/notifications/notification-log.js';
import type { RandomFaultKind, RandomFaultRule } from '../../local/simulator/random-faults.js';
import type { AccountChoice, RedemptionPath } from '../../local/simulator/redemption.js';
import type { SentMail } from '../../local/simulator/sent-mail-log.js';
import type { TenantConfiguration, TenantConfigurationInput } from '../../local/simulator/tenant-configuration.js';

export interface SimulatedCall {
  method: string;
  path: string;
  /** null when the connection was dropped before an answer. */
  status: number | null;
  body?: unknown;
}

export type { AccountChoice, Delivery, ExternalWorld, RandomFaultKind, RandomFaultRule, SentMail, TenantConfiguration, WorldAdditionsInput };

/** A part of the configuration for PATCH /_sim/configuration: objects merge, arrays are given whole. */
export type ConfigurationPatch = DeepPartial<TenantConfigurationInput>;
type DeepPartial<T> = T extends readonly unknown[] ? T : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> | undefined } : T;

/** Who redeems: the invited address or the guest's object id, optionally signing in with another account. */
export type RedeemTarget = ({ email: string } | { userId: string }) & { signInAs?: string; choose?: AccountChoice };

// A type alias, not an interface, so that it stays assignable to Record<string, unknown> as before.
export type Redemption = {
  userId: string;
  path: RedemptionPath;
  issuer: string;
};

/** What POST /_sim/redeem answered: a redemption, or the error the guest would see (AADSTS…). */
export type RedemptionAttempt = { status: 200; body: Redemption } | { status: number; body: { error: string; message: string } };

export class SimulatorControl {
  constructor(private readonly url: string) {}

  async calls(filter: { method?: string; path?: string } = {}): Promise<SimulatedCall[]> {
    const query = new URLSearchParams(Object.entries(filter).filter(([, v]) => v !== undefined));
    return (await this.request('GET', `/_sim/calls?${query.toString()}`)) as SimulatedCall[];
  }

  /** POST /invitations calls whose body names this address (any case). */
  async invitationCallsFor(address: string): Promise<SimulatedCall[]> {
    const calls = await this.calls({ method: 'POST', path: '/v1.0/invitations' });
    return calls.filter((call) => {
      const body = call.body as { invitedUserEmailAddress?: string } | undefined;
      return body?.invitedUserEmailAddress?.toLowerCase() === address.toLowerCase();
    });
  }

  /** How many times POST /invitations created or re-sent an invitation, per normalised address. */
  async invitationCounts(): Promise<Record<string, number>> {
    return (await this.request('GET', '/_sim/invitations')) as Record<string, number>;
  }

  async users(): Promise<Record<string, unknown>[]> {
    return (await this.request('GET', '/_sim/users')) as Record<string, unknown>[];
  }

  /** A team (an Entra group with a General channel whose id is `threadId`), with optional private or shared channels. */
  async createTeam(team: {
    groupId?: string;
    displayName: string;
    threadId: string;
    allowToAddGuests?: boolean;
    members?: string[];
    channels?: { id: string; displayName: string; membershipType: 'standard' | 'private' | 'shared' }[];
  }): Promise<{ groupId: string }> {
    return (await this.request('POST', '/_sim/teams', team)) as { groupId: string };
  }

  async createChat(chat: { id: string; members?: string[]; refusesGuests?: boolean }): Promise<void> {
    await this.request('POST', '/_sim/chats', chat);
  }

  /** Teams' org-wide guest access, and whether this tenant lets apps add guests to teams. */
  async teamsSettings(settings: { guestAccess?: boolean; appOnlyGuestAdds?: boolean }): Promise<void> {
    await this.request('PATCH', '/_sim/teams-settings', settings);
  }

  /** Every add to a team, channel, group or chat that took effect, oldest first. */
  async memberAdds(): Promise<{ kind: 'team' | 'channel' | 'group' | 'chat'; target: string; userId: string; at: string }[]> {
    return (await this.request('GET', '/_sim/member-adds')) as { kind: 'team' | 'channel' | 'group' | 'chat'; target: string; userId: string; at: string }[];
  }

  /** A new member or guest in the tenant. */
  async createUser(user: { id?: string; displayName: string; mail: string; userType: 'Member' | 'Guest' }): Promise<{ id: string }> {
    return (await this.request('POST', '/_sim/users', user)) as { id: string };
  }

  /** Replaces the user's direct directory roles (template ids) and group memberships. */
  async setMemberships(userId: string, memberships: { roles: string[]; groups: string[] }): Promise<void> {
    await this.request('PUT', `/_sim/users/${encodeURIComponent(userId)}/memberships`, memberships);
  }

  /** Uploads a certificate (public part, PEM) to an app registration, as under "Certificates & secrets". */
  async registerCertificate(clientId: string, certificate: string): Promise<void> {
    await this.request('POST', `/_sim/applications/${clientId}/certificates`, { certificate });
  }

  /** Makes a token from `issuer` about `subject` a credential of the app registration (a managed identity, say). */
  async addFederatedCredential(clientId: string, credential: { issuer: string; subject: string; audiences: string[] }): Promise<void> {
    await this.request('POST', `/_sim/applications/${clientId}/federated-credentials`, credential);
  }

  async fault(fault: Record<string, unknown>): Promise<void> {
    await this.request('POST', '/_sim/faults', fault);
  }

  async reset(): Promise<void> {
    await this.request('POST', '/_sim/reset', {});
  }

  /** The guest redeems; throws when the simulator refuses (use redeemAttempt to see the refusal). */
  async redeem(target: string | RedeemTarget, options: { signInAs?: string; choose?: AccountChoice } = {}): Promise<Redemption> {
    const body = typeof target === 'string' ? { email: target, ...options } : { ...target, ...options };
    return (await this.request('POST', '/_sim/redeem', body)) as Redemption;
  }

  /** The guest tries to redeem; the answer whatever its status, e.g. 403 AADSTS500213. */
  async redeemAttempt(target: RedeemTarget): Promise<RedemptionAttempt> {
    const response = await fetch(`${this.url}/_sim/redeem`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(target),
    });
    return { status: response.status, body: await response.json() } as RedemptionAttempt;
  }

  /** PATCH /_sim/configuration; answers the whole configuration after the change. */
  async configure(patch: ConfigurationPatch): Promise<TenantConfiguration> {
    return (await this.request('PATCH', '/_sim/configuration', patch)) as TenantConfiguration;
  }

  async configuration(): Promise<TenantConfiguration> {
    return (await this.request('GET', '/_sim/configuration')) as TenantConfiguration;
  }

  /** POST /_sim/world: adds external tenants, their users, personal Microsoft accounts; answers the whole world. */
  async world(additions: WorldAdditionsInput): Promise<ExternalWorld> {
    return (await this.request('POST', '/_sim/world', additions)) as ExternalWorld;
  }

  async readWorld(): Promise<ExternalWorld> {
    return (await this.request('GET', '/_sim/world')) as ExternalWorld;
  }

  async randomFaults(rule: RandomFaultRule): Promise<void> {
    await this.request('POST', '/_sim/faults/random', rule);
  }

  /** How many random faults of each kind were injected since faults were last cleared. */
  async randomFaultCounts(): Promise<Record<RandomFaultKind, number>> {
    const answer = (await this.request('GET', '/_sim/faults/random')) as { injected: Record<RandomFaultKind, number> };
    return answer.injected;
  }

  /** Forgets count-based and random fault rules. */
  async clearFaults(): Promise<void> {
    await this.request('DELETE', '/_sim/faults');
  }

  /** Every access token issued so far is refused with 401 from now on (as if it expired early); new ones work. */
  async revokeTokens(): Promise<void> {
    await this.request('POST', '/_sim/tokens/revoke');
  }

  /** While blocked, every POST /v1.0/invitations answers 403 Forbidden. */
  async antiAbuse(blocked: boolean): Promise<void> {
    await this.request('POST', '/_sim/anti-abuse', { blocked });
  }

  /** Hides newly invited guests from Graph reads for this long after their creation. */
  async replicationLag(milliseconds: number): Promise<void> {
    await this.request('POST', '/_sim/replication-lag', { milliseconds });
  }

  /** Delays every Graph answer, as the cloud's response time would. */
  async latency(milliseconds: number): Promise<void> {
    await this.request('POST', '/_sim/latency', { milliseconds });
  }

  /** Everything mailboxes sent with sendMail, oldest first. */
  async mail(): Promise<SentMail[]> {
    return (await this.request('GET', '/_sim/mail')) as SentMail[];
  }

  async throttle(invitationsPerWindow: number, windowSeconds: number): Promise<void> {
    await this.request('POST', '/_sim/throttle', { invitationsPerWindow, windowSeconds });
  }

  /** What the invitation throttle admitted and refused since it was set; zeros without one. */
  async throttleCounts(): Promise<{ admitted: number; refused: number }> {
    return (await this.request('GET', '/_sim/throttle')) as { admitted: number; refused: number };
  }

  /** Blocks the user from signing in (`accountEnabled: false`, how someone leaving is offboarded first), or unblocks them. */
  async setAccountEnabled(id: string, accountEnabled: boolean): Promise<void> {
    await this.request('PATCH', `/_sim/users/${encodeURIComponent(id)}`, { accountEnabled });
  }

  /** The guest leaves or an admin deletes the user: soft (delta `@removed.reason` 'changed') unless `permanently` ('deleted'). */
  async deleteUser(id: string, options: { permanently?: boolean } = {}): Promise<void> {
    await this.request('DELETE', `/_sim/users/${encodeURIComponent(id)}${options.permanently === true ? '?permanently=true' : ''}`);
  }

  /** The tenant's sign-in activity licence, guests' last sign-ins, its Entra guest lifecycle policies (PATCH /_sim/lifecycle). */
  async lifecycle(change: { signInActivity?: 'licensed' | 'unlicensed'; lastSignIns?: Record<string, string | null>; lifecyclePolicies?: 'unavailable' | { id: string; displayName: string; rules: string[] }[] }): Promise<void> {
    await this.request('PATCH', '/_sim/lifecycle', change);
  }

  /** Every delta token issued so far becomes unknown: the next use answers 400 syncStateNotFound. */
  async invalidateDeltaTokens(): Promise<void> {
    await this.request('POST', '/_sim/delta/invalidate');
  }

  /** Everything POSTed to subscribers, oldest first: validations, notifications, forged ones, with the receiver's status. */
  async notifications(): Promise<Delivery[]> {
    return (await this.request('GET', '/_sim/notifications')) as Delivery[];
  }

  async clearNotifications(): Promise<void> {
    await this.request('DELETE', '/_sim/notifications');
  }

  /** Every subscription since reset, expired ones included (`expired: true`), whichever app made it. */
  async subscriptions(): Promise<(Record<string, unknown> & { id: string; expired: boolean })[]> {
    return (await this.request('GET', '/_sim/subscriptions')) as (Record<string, unknown> & { id: string; expired: boolean })[];
  }

  /** Ends a subscription's lifetime now: Graph forgets it and sends it nothing more. */
  async expireSubscription(id: string): Promise<void> {
    await this.request('POST', `/_sim/subscriptions/${encodeURIComponent(id)}/expire`);
  }

  /** Posts a notification in Graph's shape, with this clientState, to the subscription's URL; the delivery once answered. */
  async forgeNotification(
    subscriptionId: string,
    forged: { clientState: string | null; userId?: string; changeType?: 'created' | 'updated' | 'deleted' },
  ): Promise<Delivery> {
    return (await this.request('POST', `/_sim/subscriptions/${encodeURIComponent(subscriptionId)}/forge`, forged)) as Delivery;
  }

  private request(method: string, path: string, body?: unknown): Promise<unknown> {
    return controlRequest(this.url, method, path, body);
  }
}

/** One control-API call that must succeed; its JSON answer, or undefined for 204. */
export async function controlRequest(baseUrl: string, method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  return text ? JSON.parse(text) : undefined;
}
