import { domainOf, normaliseAddress } from './email-address.js';
import type { ExternalWorld, RedemptionSettings } from './fixture.js';

// Which identity provider a guest ends up on when redeeming, following Microsoft's default
// redemption order (shared/domain/redemption-paths.md, "Default redemption order").
// Pure: the caller applies the decision to the directory.

export type RedemptionPath =
  | 'azureActiveDirectory'
  | 'externalFederation'
  | 'google'
  | 'microsoftAccount'
  | 'emailOneTimePasscode'
  | 'newMicrosoftAccount';

export interface RedemptionDecision {
  path: RedemptionPath;
  /** The `identities[].issuer` Graph shows for a guest who redeemed this way (guest-users-and-status.md). */
  issuer: string;
}

export function decideRedemption(email: string, world: ExternalWorld, settings: RedemptionSettings): RedemptionDecision {
  const address = normaliseAddress(email);
  const domain = domainOf(address);

  if (world.entraTenants.some((tenant) => includesIgnoringCase(tenant.domains, domain))) {
    return { path: 'azureActiveDirectory', issuer: 'ExternalAzureAD' };
  }
  const federation = settings.samlFederatedDomains.find((federated) => federated.domain.toLowerCase() === domain);
  if (federation !== undefined) {
    return { path: 'externalFederation', issuer: federation.issuerUri };
  }
  if (settings.googleFederationEnabled && includesIgnoringCase(world.googleConsumerDomains, domain)) {
    return { path: 'google', issuer: 'google.com' };
  }
  if (includesIgnoringCase(world.microsoftAccounts, address) || includesIgnoringCase(world.microsoftConsumerDomains, domain)) {
    return { path: 'microsoftAccount', issuer: 'MicrosoftAccount' };
  }
  if (settings.emailOtpEnabled) {
    return { path: 'emailOneTimePasscode', issuer: 'mail' };
  }
  // With passcodes off, the guest is made to create a Microsoft account for the invited address.
  return { path: 'newMicrosoftAccount', issuer: 'MicrosoftAccount' };
}

function includesIgnoringCase(values: readonly string[], wanted: string): boolean {
  return values.some((value) => value.toLowerCase() === wanted);
}
