import { partnerFor, type B2BSetting, type TenantConfiguration } from './tenant-configuration.js';

// Whether the resource tenant's inbound B2B collaboration settings admit a user of another Entra tenant
// (tenant-policy.md §3). They govern Entra guests only; social, OTP and MSA guests are not concerned.

/** The partner's block when it has one; a null block inherits the default. */
export function effectiveB2bCollaborationInbound(configuration: TenantConfiguration, homeTenantId: string): B2BSetting {
  return partnerFor(configuration, homeTenantId)?.b2bCollaborationInbound ?? configuration.crossTenantAccess.default.b2bCollaborationInbound;
}

/**
 * Users: 'allowed' admits only the listed users (AllUsers = everyone), 'blocked' refuses only them.
 * Groups are not modelled, so a group target matches nobody. Applications: redemption (consent, then
 * My Apps) is not any specifically listed application, so only AllApplications decides: 'allowed'
 * without it refuses, 'blocked' with it refuses.
 */
export function admitsInbound(setting: B2BSetting, userObjectId: string | null): boolean {
  const userListed = setting.usersAndGroups.targets.some(
    (target) =>
      target.target === 'AllUsers' ||
      (target.targetType === 'user' && userObjectId !== null && target.target.toLowerCase() === userObjectId.toLowerCase()),
  );
  const usersAdmitted = setting.usersAndGroups.accessType === 'allowed' ? userListed : !userListed;
  const allApplications = setting.applications.targets.some((target) => target.target === 'AllApplications');
  const applicationsAdmitted = setting.applications.accessType === 'allowed' ? allApplications : !allApplications;
  return usersAdmitted && applicationsAdmitted;
}
