import { admitsInbound, effectiveB2bCollaborationInbound } from './cross-tenant-policy.js';
import { domainOf } from './email-address.js';
import { findEntraAccount, hasMicrosoftAccount, isGmailAddress, type ExternalWorld } from './external-world.js';
import {
  federationForDomain,
  isEmailOtpOn,
  isGoogleConfigured,
  type FallbackIdentityProvider,
  type PrimaryIdentityProvider,
  type TenantConfiguration,
} from './tenant-configuration.js';

// Which identity provider a guest ends up on when redeeming: the tenant's primary identity providers in
// its precedence order, then its fallback (redemption-paths.md, "Default redemption order" and
// configurable redemption; Graph's invitationRedemptionIdentityProviderConfiguration).
// Pure: the caller applies the decision to the directory.

export type RedemptionPath =
  | 'azureActiveDirectory'
  | 'externalFederation'
  | 'google'
  | 'microsoftAccount'
  | 'emailOneTimePasscode'
  | 'newMicrosoftAccount';

/** For an address that is both an Entra account and a personal Microsoft account, the guest picks one. */
export type AccountChoice = 'azureActiveDirectory' | 'microsoftAccount';

export interface RedemptionRequest {
  /** The account that signs in: the invited address, or another one in the wrong-account case. */
  address: string;
  configuration: TenantConfiguration;
  world: ExternalWorld;
  choose?: AccountChoice | undefined;
}

export type RedemptionDecision =
  | {
      kind: 'redeemed';
      path: RedemptionPath;
      /** The `identities[].issuer` Graph shows for a guest who redeemed this way (guest-users-and-status.md). */
      issuer: string;
    }
  | { kind: 'refused'; status: number; error: string; message: string };

const redeemed = (path: RedemptionPath, issuer: string): RedemptionDecision => ({ kind: 'redeemed', path, issuer });
const microsoftAccount = redeemed('microsoftAccount', 'MicrosoftAccount');
const newMicrosoftAccount = redeemed('newMicrosoftAccount', 'MicrosoftAccount');
const emailOneTimePasscode = redeemed('emailOneTimePasscode', 'mail');

/** Whether Entra would ask this guest to pick between a work account and a personal Microsoft account. */
export function offersAccountChoice(world: ExternalWorld, address: string): boolean {
  return findEntraAccount(world, address) !== undefined && hasMicrosoftAccount(world, address);
}

export function decideRedemption(request: RedemptionRequest): RedemptionDecision {
  const { primaryIdentityProviderPrecedenceOrder, fallbackIdentityProvider } =
    request.configuration.crossTenantAccess.default.invitationRedemptionIdentityProviderConfiguration;
  for (const provider of primaryIdentityProviderPrecedenceOrder) {
    const decision = tryPrimary(provider, request);
    if (decision !== undefined) return decision;
  }
  return fallback(fallbackIdentityProvider, request);
}

function tryPrimary(provider: PrimaryIdentityProvider, request: RedemptionRequest): RedemptionDecision | undefined {
  const { address, configuration, world } = request;
  switch (provider) {
    case 'azureActiveDirectory':
      return entraAccount(request);
    case 'externalFederation': {
      const federation = federationForDomain(configuration, domainOf(address));
      return federation === undefined ? undefined : redeemed('externalFederation', federation.issuerUri);
    }
    case 'socialIdentityProviders':
      // Google federation covers Gmail only; Facebook is never a redemption option (identity-providers doc).
      return isGoogleConfigured(configuration) && isGmailAddress(world, address) ? redeemed('google', 'google.com') : undefined;
  }
}

/**
 * User-based discovery: only an account that exists in a managed tenant counts. The resource tenant's
 * inbound B2B collaboration settings (partner block, else default) may refuse it: the guest sees
 * AADSTS500213 and does not fall through to another provider.
 */
function entraAccount({ address, configuration, world, choose }: RedemptionRequest): RedemptionDecision | undefined {
  const account = findEntraAccount(world, address);
  if (account === undefined) return undefined;
  // Documented limit: a guest offered the choice may pick the personal account even when MSA fallback is off.
  if (choose === 'microsoftAccount' && hasMicrosoftAccount(world, address)) return microsoftAccount;
  const inbound = effectiveB2bCollaborationInbound(configuration, account.tenant.tenantId);
  if (!admitsInbound(inbound, account.user.id)) {
    return {
      kind: 'refused',
      status: 403,
      error: 'AADSTS500213',
      message:
        "AADSTS500213: NotAllowedByInboundPolicyTenant - The resource tenant's cross-tenant access policy does not allow this user to access this tenant.",
    };
  }
  return redeemed('azureActiveDirectory', 'ExternalAzureAD');
}

function fallback(provider: FallbackIdentityProvider, request: RedemptionRequest): RedemptionDecision {
  const { address, configuration, world } = request;
  const existingMicrosoftAccount = hasMicrosoftAccount(world, address);
  switch (provider) {
    case 'defaultConfiguredIdp':
      // An existing MSA, then OTP if enabled, else the guest creates an MSA for the invited address.
      if (existingMicrosoftAccount) return microsoftAccount;
      return isEmailOtpOn(configuration) ? emailOneTimePasscode : newMicrosoftAccount;
    case 'microsoftAccount':
      return existingMicrosoftAccount ? microsoftAccount : newMicrosoftAccount;
    case 'emailOneTimePasscode':
      if (isEmailOtpOn(configuration)) return emailOneTimePasscode;
      // UNDOCUMENTED: OTP is the only fallback but the email method policy turns it off (README choice).
      return {
        kind: 'refused',
        status: 409,
        error: 'NoRedemptionIdentityProvider',
        message:
          'No identity provider can redeem this invitation: no primary identity provider applies, the only fallback is email one-time passcode, and allowExternalIdToUseEmailOtp is disabled.',
      };
  }
}
