/**
 * The Microsoft Graph application permissions the bot asks for, each with why: the one list that
 * `npm run doctor` checks the access token against and that README.md's table ("Graph application
 * permissions, each with why") describes. Change both together.
 */
export type PermissionNeed =
  /** The bot cannot invite without it. */
  | 'required'
  /** Reads the tenant's sign-in configuration; without it predictions say what they could not read. */
  | 'path-prediction'
  /** Needed only with INVITATION_DELIVERY=mailbox. */
  | 'mailbox'
  /** Needed only for Reset redemption. */
  | 'reset-redemption'
  /** Recognises administrators and Guest Inviters by their directory roles. */
  | 'roles'
  /** Needed only when a LIFECYCLE_* rule is on (User.ReadWrite.All too, listed under reset-redemption). */
  | 'lifecycle'
  /** Adds accepted guests to the team, private channel or group chat they were invited from. */
  | 'membership';

export interface GraphPermission {
  readonly name: string;
  readonly need: PermissionNeed;
  /** The README table's "for" column. */
  readonly why: string;
  /** Higher-privileged application permissions Graph also accepts for the same calls. */
  readonly alsoGrantedBy: readonly string[];
}

export const GRAPH_PERMISSIONS: readonly GraphPermission[] = [
  { name: 'User.Invite.All', need: 'required', why: '`POST /invitations`', alsoGrantedBy: ['User.ReadWrite.All', 'Directory.ReadWrite.All'] },
  {
    name: 'User.Read.All',
    need: 'required',
    why: 'finding an address in the directory before inviting (never twice)',
    alsoGrantedBy: ['User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  },
  {
    name: 'Organization.Read.All',
    need: 'required',
    why: 'your verified domains (never invite your own people as guests)',
    alsoGrantedBy: ['Organization.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  },
  {
    name: 'Policy.Read.All',
    need: 'required',
    why: 'who your organisation lets invite guests (authorizationPolicy); passcode setting, cross-tenant access and redemption order (path prediction)',
    alsoGrantedBy: [],
  },
  {
    name: 'RoleManagement.Read.Directory',
    need: 'roles',
    why: 'directory roles: Global and User Administrators administer the bot; Guest Inviters may invite when only admins may',
    alsoGrantedBy: ['RoleManagement.ReadWrite.Directory', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  },
  { name: 'IdentityProvider.Read.All', need: 'path-prediction', why: 'Google and SAML/WS-Fed federation (path prediction)', alsoGrantedBy: [] },
  {
    name: 'CrossTenantInformation.ReadBasic.All',
    need: 'path-prediction',
    why: "whether an invitee's domain is an Entra organisation (path prediction)",
    alsoGrantedBy: [],
  },
  { name: 'Mail.Send', need: 'mailbox', why: 'only for `INVITATION_DELIVERY=mailbox`', alsoGrantedBy: [] },
  {
    name: 'AuditLog.Read.All',
    need: 'lifecycle',
    why: 'only for `LIFECYCLE_INACTIVE_DAYS`: when guests last signed in (signInActivity; the tenant also needs Microsoft Entra ID P1)',
    alsoGrantedBy: [],
  },
  {
    name: 'LifecyclePolicies-Guests.Read.All',
    need: 'lifecycle',
    why: 'only with a `LIFECYCLE_*` rule on: Microsoft Entra guest lifecycle policies, so the bot never runs a rule one of them already enforces',
    alsoGrantedBy: ['LifecyclePolicies-Guests.ReadWrite.All'],
  },
  {
    name: 'TeamMember.ReadWrite.All',
    need: 'membership',
    why: 'adding an accepted guest to the team they were invited from (`POST /teams/{id}/members`)',
    alsoGrantedBy: ['TeamMember.ReadWriteNonOwnerRole.All'],
  },
  {
    name: 'Channel.ReadBasic.All',
    need: 'membership',
    why: 'telling private and shared channels apart (a shared channel takes no B2B guests)',
    alsoGrantedBy: ['ChannelSettings.Read.All', 'ChannelSettings.ReadWrite.All'],
  },
  { name: 'ChannelMember.ReadWrite.All', need: 'membership', why: 'adding an accepted guest to the private channel they were invited from', alsoGrantedBy: [] },
  { name: 'ChatMember.ReadWrite.All', need: 'membership', why: 'adding an accepted guest to the group chat they were invited from', alsoGrantedBy: ['Chat.ReadWrite.All'] },
  {
    name: 'GroupMember.ReadWrite.All',
    need: 'membership',
    why: "where Teams refuses an app's guest add: the team's Microsoft 365 group instead (slower to show in Teams)",
    alsoGrantedBy: ['Group.ReadWrite.All', 'Directory.ReadWrite.All'],
  },
  { name: 'User.ReadWrite.All', need: 'reset-redemption', why: 'only for Reset redemption, Withdraw and the `LIFECYCLE_*` rules (Microsoft requires it to reset, to block sign-in and to delete a user), and for handing over guests whose sponsors left (`POST`/`DELETE /users/{id}/sponsors/$ref`)', alsoGrantedBy: [] },
];

/** The application permission (role) in `roles` that grants `permission`, if any. */
export function grantedBy(permission: GraphPermission, roles: readonly string[]): string | undefined {
  const granted = new Set(roles.map((role) => role.toLowerCase()));
  return [permission.name, ...permission.alsoGrantedBy].find((name) => granted.has(name.toLowerCase()));
}
