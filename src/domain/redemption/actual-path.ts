/**
 * The path a guest really took, read from the user's `identities` after redemption
 * (shared/domain/guest-users-and-status.md, "identities values for guests"), to set beside the prediction.
 */
import type { PathPrediction, RedemptionPath } from './predict-path.js';

export interface ObjectIdentity {
  readonly signInType?: string | null;
  readonly issuer?: string | null;
  readonly issuerAssignedId?: string | null;
}

/** Undefined while the guest has not redeemed (only the host tenant's own identity is there). */
export function actualPathFrom(identities: readonly ObjectIdentity[], tenantDomains: readonly string[]): RedemptionPath | undefined {
  for (const identity of identities) {
    const issuer = (identity.issuer ?? '').trim();
    if (issuer === '' || tenantDomains.some((domain) => domain.toLowerCase() === issuer.toLowerCase())) continue;
    switch (issuer.toLowerCase()) {
      case 'externalazuread':
        return 'entra';
      case 'microsoftaccount':
        return 'microsoft-account';
      case 'google.com':
        return 'google';
      case 'mail':
        return 'email-otp';
      case 'facebook.com':
        continue;
      default:
        // Any other issuer is a SAML/WS-Fed identity provider's URI.
        return 'saml-federation';
    }
  }
  return undefined;
}

/**
 * Whether what happened is what was predicted: the path, or the branch the prediction named. A new
 * Microsoft account and an existing one both show as a Microsoft account in `identities`.
 */
export function predictionHeld(prediction: Pick<PathPrediction, 'path' | 'otherwise'>, actual: RedemptionPath): boolean {
  const same = (predicted: RedemptionPath) => predicted === actual || (predicted === 'new-microsoft-account' && actual === 'microsoft-account');
  return same(prediction.path) || (prediction.otherwise !== undefined && same(prediction.otherwise.path));
}
