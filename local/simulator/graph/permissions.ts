// The application permissions (app roles) Graph accepts for each simulated operation: the least
// privileged first, then the higher ones (the "Permissions" tables of each Graph v1.0 API page).

export const acceptedRoles = {
  createInvitation: ['User.Invite.All', 'User.ReadWrite.All', 'Directory.ReadWrite.All'],
  // graph-invitations.md, "Permissions and who may call": reset needs at least User.ReadWrite.All.
  resetRedemption: ['User.ReadWrite.All', 'Directory.ReadWrite.All'],
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
} as const satisfies Record<string, readonly string[]>;
