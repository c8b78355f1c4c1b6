// The application permissions (app roles) Graph accepts for each simulated operation: the least
// privileged first, then the higher ones (the "Permissions" tables of each Graph v1.0 API page).

export const acceptedRoles = {
  createInvitation: ['User.Invite.All', 'User.ReadWrite.All', 'Directory.ReadWrite.All'],
  // graph-invitations.md, "Permissions and who may call": reset needs at least User.ReadWrite.All.
  resetRedemption: ['User.ReadWrite.All', 'Directory.ReadWrite.All'],
  // user: Delete (User.ReadWrite.All least privileged).
  deleteUsers: ['User.ReadWrite.All', 'Directory.ReadWrite.All'],
  // user: Update accountEnabled (User.EnableDisableAccount.All least privileged, with User.Read.All to find the user).
  enableDisableUsers: ['User.EnableDisableAccount.All', 'User.ReadWrite.All', 'Directory.ReadWrite.All'],
  // signInActivity needs AuditLog.Read.All besides the user read (howto-manage-inactive-user-accounts).
  readSignInActivity: ['AuditLog.Read.All'],
  // List lifecyclePolicies (guests).
  readLifecyclePolicies: ['LifecyclePolicies-Guests.Read.All', 'LifecyclePolicies-Guests.ReadWrite.All'],
  // user: Post sponsors / Delete sponsors (User.ReadWrite.All least privileged).
  changeSponsors: ['User.ReadWrite.All', 'Directory.ReadWrite.All'],
  // team-post-members (least TeamMember.ReadWriteNonOwnerRole.All), conversationmember-list.
  addTeamMembers: ['TeamMember.ReadWriteNonOwnerRole.All', 'TeamMember.ReadWrite.All'],
  readTeamMembers: ['TeamMember.Read.All', 'TeamMember.ReadWriteNonOwnerRole.All', 'TeamMember.ReadWrite.All'],
  // channel-get: membershipType.
  readChannels: ['Channel.ReadBasic.All', 'ChannelSettings.Read.All', 'ChannelSettings.ReadWrite.All'],
  // channel-post-members (ChannelMember.ReadWrite.Group is resource-specific consent, not modelled).
  addChannelMembers: ['ChannelMember.ReadWrite.All'],
  // group-post-members.
  addGroupMembers: ['GroupMember.ReadWrite.All', 'Group.ReadWrite.All', 'Directory.ReadWrite.All'],
  // chat-post-members (Chat.Manage.Chat is resource-specific consent; ChatMember.ReadWrite.WhereInstalled is not listed for it).
  addChatMembers: ['ChatMember.ReadWrite.All', 'Chat.ReadWrite.All'],
  readChatMembers: ['ChatMember.Read.All', 'ChatMember.ReadWrite.All', 'Chat.ReadBasic.All', 'Chat.Read.All', 'Chat.ReadWrite.All'],
  readUsers: ['User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  // user: sendMail has no higher application permission than Mail.Send.
  sendMail: ['Mail.Send'],
  readOrganization: ['Organization.Read.All', 'Directory.Read.All', 'Organization.ReadWrite.All', 'Directory.ReadWrite.All'],
  // authenticationMethodConfiguration: Get (email).
  readEmailAuthenticationMethod: ['Policy.Read.All', 'Policy.ReadWrite.AuthenticationMethod'],
  // identityContainer: List identityProviders.
  readIdentityProviders: ['IdentityProvider.Read.All', 'IdentityProvider.ReadWrite.All'],
  // List samlOrWsFedExternalDomainFederations: older pages name IdentityProvider.*, current ones Domain.*;
  // both are accepted (README choice).
  readDomainFederations: ['IdentityProvider.Read.All', 'IdentityProvider.ReadWrite.All', 'Domain.Read.All', 'Domain.ReadWrite.All'],
  // tenantRelationship: findTenantInformationByDomainName has no higher permission.
  findTenantInformation: ['CrossTenantInformation.ReadBasic.All'],
  // crossTenantAccessPolicyConfigurationDefault: Get, List partners, Get partner.
  readCrossTenantAccessPolicy: ['Policy.Read.All', 'Policy.ReadWrite.CrossTenantAccess'],
  // authorizationPolicy: Get.
  readAuthorizationPolicy: ['Policy.Read.All', 'Policy.ReadWrite.Authorization'],
  // user: List memberOf / List transitiveMemberOf (another user's memberships). The transitive page's table
  // (User.Read.All least privileged) is used for both; see README choice about the memberOf page.
  readMemberships: ['User.Read.All', 'GroupMember.Read.All', 'Group.Read.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  // List directoryRoles, Get directoryRole, List members of a directory role.
  readDirectoryRoles: ['RoleManagement.Read.Directory', 'RoleManagement.ReadWrite.Directory', 'Directory.Read.All', 'Directory.ReadWrite.All'],
} as const satisfies Record<string, readonly string[]>;

/**
 * What lets an app see an object of each type in full inside a directoryObject collection (memberOf,
 * transitiveMemberOf, role members). Without one of these, Graph still lists the object but with limited
 * information: its `@odata.type` and `id`, every other property null (permissions-overview, "Limited
 * information returned for inaccessible member objects").
 */
export const fullReadRoles = {
  user: ['User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  group: ['GroupMember.Read.All', 'GroupMember.ReadWrite.All', 'Group.Read.All', 'Group.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  directoryRole: ['RoleManagement.Read.Directory', 'RoleManagement.ReadWrite.Directory', 'Directory.Read.All', 'Directory.ReadWrite.All'],
} as const satisfies Record<string, readonly string[]>;
