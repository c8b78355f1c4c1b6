/**
 * Who may invite guests through the bot, and who administers it. The bot invites with an application
 * permission, which Microsoft Graph refuses only when the tenant turned invitations off entirely
 * (shared/domain/tenant-policy.md §1), so the bot itself holds each person to the tenant's
 * `authorizationPolicy.allowInvitesFrom`, as Graph would hold them if they invited in their own name, and
 * to the organisation's optional group allow-list on top.
 */
import { message, type Message } from '../message.js';

export type AllowInvitesFrom = 'none' | 'adminsAndGuestInviters' | 'adminsGuestInvitersAndAllMembers' | 'everyone';

export const ALLOW_INVITES_FROM: readonly AllowInvitesFrom[] = ['none', 'adminsAndGuestInviters', 'adminsGuestInvitersAndAllMembers', 'everyone'];

/** Microsoft's built-in role template ids: the same in every tenant. */
export const DIRECTORY_ROLE_TEMPLATES = {
  globalAdministrator: '62e90394-69f5-4237-9190-012177145e10',
  userAdministrator: 'fe930be7-5e62-47db-91af-98c3a49a38b1',
  guestInviter: '95e79109-95c0-4d8e-aee3-d01accf2d47b',
  directoryWriters: '9360feb5-f418-4baa-8175-e2a00bac4301',
} as const;

/** Roles that may invite however the setting restricts members (Graph's own list for a delegated invitation). */
const INVITING_ROLES: readonly string[] = Object.values(DIRECTORY_ROLE_TEMPLATES);

/** Roles whose holders administer the bot: approve, choose the notification channel, read the audit trail. */
const ADMINISTERING_ROLES: readonly string[] = [DIRECTORY_ROLE_TEMPLATES.globalAdministrator, DIRECTORY_ROLE_TEMPLATES.userAdministrator];

/** What the directory says about the person asking, read through Graph and cached briefly. */
export interface PersonInDirectory {
  readonly id: string;
  readonly userType: 'Member' | 'Guest';
  /** Role template ids held directly or through groups; 'unreadable' when the bot may not read roles. */
  readonly roleTemplateIds: readonly string[] | 'unreadable';
  /** Groups the person belongs to, directly or through nested groups. */
  readonly groupIds: readonly string[];
}

export interface InvitePolicy {
  /** The tenant's setting; 'unreadable' when Graph would not give it to the bot. */
  readonly allowInvitesFrom: AllowInvitesFrom | 'unreadable';
  /** When not empty, only members of one of these groups (and bot administrators) may invite through the bot. */
  readonly inviterGroupIds: readonly string[];
  /** Members of these groups administer the bot, besides Global and User Administrators. */
  readonly adminGroupIds: readonly string[];
}

export type InviteRefusal =
  | 'invitations-off'
  | 'admins-and-guest-inviters-only'
  | 'members-only'
  | 'not-in-inviter-group'
  | 'roles-unreadable'
  | 'policy-unreadable'
  | 'unknown-person';

export type InvitePermission =
  | { readonly ok: true; readonly as: 'administrator' | 'role' | 'member' | 'anyone' }
  | { readonly ok: false; readonly refusal: InviteRefusal };

export function isBotAdministrator(person: PersonInDirectory | undefined, policy: Pick<InvitePolicy, 'adminGroupIds'>): boolean {
  if (!person) return false;
  if (person.roleTemplateIds !== 'unreadable' && person.roleTemplateIds.some((role) => ADMINISTERING_ROLES.includes(role))) return true;
  return person.groupIds.some((group) => policy.adminGroupIds.includes(group));
}

export function mayInvite(person: PersonInDirectory | undefined, policy: InvitePolicy): InvitePermission {
  if (!person) return { ok: false, refusal: 'unknown-person' };
  const tenant = tenantAllows(person, policy.allowInvitesFrom);
  if (!tenant.ok) return tenant;
  if (policy.inviterGroupIds.length === 0) return tenant;
  if (isBotAdministrator(person, policy)) return { ok: true, as: 'administrator' };
  return person.groupIds.some((group) => policy.inviterGroupIds.includes(group)) ? tenant : { ok: false, refusal: 'not-in-inviter-group' };
}

function tenantAllows(person: PersonInDirectory, setting: InvitePolicy['allowInvitesFrom']): InvitePermission {
  switch (setting) {
    case 'unreadable':
      return { ok: false, refusal: 'policy-unreadable' };
    case 'none':
      return { ok: false, refusal: 'invitations-off' };
    case 'everyone':
      return { ok: true, as: 'anyone' };
    case 'adminsGuestInvitersAndAllMembers':
      if (person.userType === 'Member') return { ok: true, as: 'member' };
      return holdsInvitingRole(person) ?? { ok: false, refusal: 'members-only' };
    case 'adminsAndGuestInviters':
      return holdsInvitingRole(person) ?? { ok: false, refusal: 'admins-and-guest-inviters-only' };
  }
}

function holdsInvitingRole(person: PersonInDirectory): InvitePermission | undefined {
  if (person.roleTemplateIds === 'unreadable') return { ok: false, refusal: 'roles-unreadable' };
  return person.roleTemplateIds.some((role) => INVITING_ROLES.includes(role)) ? { ok: true, as: 'role' } : undefined;
}

/** Why, in words a person can act on (`policy:refusal.<refusal>.why`), and whom to ask (`….ask`). */
export function describeRefusal(refusal: InviteRefusal): { readonly why: Message; readonly ask: Message } {
  return { why: message(`policy:refusal.${refusal}.why`), ask: message(`policy:refusal.${refusal}.ask`) };
}
