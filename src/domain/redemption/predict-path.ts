/**
 * Predicts how an invitee will redeem, following Microsoft's documented redemption order against the
 * tenant's configuration (shared/domain/redemption-paths.md): the primary identity providers in the
 * configured order (Entra ID by user-based discovery, SAML/WS-Fed federation, Google), then the fallback
 * (an existing Microsoft account, the email one-time passcode, a new Microsoft account).
 *
 * What cannot be known in advance is said, not guessed: whether the user exists in their Entra
 * organisation, and whether a personal Microsoft account exists on an address (one can exist on any
 * address). Such a prediction names the path and the branch taken otherwise.
 */
import {
  DEFAULT_REDEMPTION_ORDER,
  GMAIL_DOMAINS,
  MICROSOFT_CONSUMER_DOMAINS,
  type DomainFacts,
  type InboundAccess,
  type PrimaryIdentityProvider,
  type TenantSnapshot,
} from './tenant-snapshot.js';

export type RedemptionPath = 'entra' | 'saml-federation' | 'google' | 'microsoft-account' | 'email-otp' | 'new-microsoft-account' | 'blocked';

/** certain: the configuration decides it; likely: the usual case, with a documented exception; depends-on-guest: both branches are real. */
type Confidence = 'certain' | 'likely' | 'depends-on-guest';

export type PredictionWarning =
  /** Cross-tenant access blocks inbound B2B collaboration for the guest's organisation: AADSTS500213. */
  | 'inbound-blocked'
  /** Inbound access is limited to some users or groups of that organisation. */
  | 'inbound-some'
  /** Passcodes off and no personal Microsoft account known: the guest must create one. */
  | 'new-microsoft-account'
  /** A Gmail address while Google federation is off. */
  | 'gmail-without-google'
  /** Google blocks sign-in in embedded web views (Teams desktop): a device code is asked instead. */
  | 'google-device-code'
  /** Whether the domain is an Entra organisation could not be checked. */
  | 'domain-unchecked'
  /** Part of the tenant's configuration could not be read. */
  | 'configuration-unreadable';

export interface PathPrediction {
  readonly path: RedemptionPath;
  readonly confidence: Confidence;
  /** The organisation or federation the path goes through, when there is one. */
  readonly via?: string;
  /** The path taken when the condition of a likely or depends-on-guest prediction does not hold. */
  readonly otherwise?: { readonly path: RedemptionPath; readonly via?: string };
  readonly warnings: readonly PredictionWarning[];
}

export function predictRedemption(address: string, facts: DomainFacts, snapshot: TenantSnapshot): PathPrediction {
  const domain = address.slice(address.lastIndexOf('@') + 1).toLowerCase();
  const order = snapshot.redemptionOrder ?? DEFAULT_REDEMPTION_ORDER;
  const warnings: PredictionWarning[] = [];
  if (snapshot.unreadable.length > 0) warnings.push('configuration-unreadable');
  if (facts.kind === 'unknown') warnings.push('domain-unchecked');

  const decide = (from: number): Omit<PathPrediction, 'warnings'> => {
    for (let index = from; index < order.primary.length; index++) {
      const decided = primary(order.primary[index] as PrimaryIdentityProvider, index);
      if (decided) return decided;
    }
    return fallback();
  };

  const primary = (provider: PrimaryIdentityProvider, index: number): Omit<PathPrediction, 'warnings'> | undefined => {
    switch (provider) {
      case 'azureActiveDirectory': {
        if (facts.kind !== 'entra-tenant') return undefined;
        const inbound = inboundFor(snapshot, facts.tenantId);
        if (inbound === 'blocked') {
          warnings.push('inbound-blocked');
          return { path: 'blocked', confidence: 'certain', via: facts.displayName };
        }
        if (inbound === 'some') warnings.push('inbound-some');
        // User-based discovery: the organisation exists, the user may not; then the order goes on.
        const otherwise = decide(index + 1);
        return { path: 'entra', confidence: 'likely', via: facts.displayName, otherwise: { path: otherwise.path, ...(otherwise.via ? { via: otherwise.via } : {}) } };
      }
      case 'externalFederation': {
        const federation = snapshot.samlFederations?.find((candidate) => candidate.domains.some((federated) => federated.toLowerCase() === domain));
        return federation ? { path: 'saml-federation', confidence: 'certain', via: federation.displayName } : undefined;
      }
      case 'socialIdentityProviders': {
        if (!GMAIL_DOMAINS.includes(domain)) return undefined;
        if (snapshot.googleFederation === true) {
          warnings.push('google-device-code');
          return { path: 'google', confidence: 'certain' };
        }
        if (snapshot.googleFederation === false) warnings.push('gmail-without-google');
        return undefined;
      }
    }
  };

  const fallback = (): Omit<PathPrediction, 'warnings'> => {
    const consumerMicrosoft = MICROSOFT_CONSUMER_DOMAINS.includes(domain);
    const passcode = snapshot.emailOtp !== 'disabled';
    switch (order.fallback) {
      case 'emailOneTimePasscode':
        return { path: 'email-otp', confidence: 'certain' };
      case 'microsoftAccount':
        return consumerMicrosoft
          ? { path: 'microsoft-account', confidence: 'certain' }
          : { path: 'new-microsoft-account', confidence: 'depends-on-guest', otherwise: { path: 'microsoft-account' } };
      case 'defaultConfiguredIdp': {
        if (consumerMicrosoft) return { path: 'microsoft-account', confidence: 'certain' };
        const withoutAccount: RedemptionPath = passcode ? 'email-otp' : 'new-microsoft-account';
        if (!passcode) warnings.push('new-microsoft-account');
        return { path: withoutAccount, confidence: 'depends-on-guest', otherwise: { path: 'microsoft-account' } };
      }
    }
  };

  const decided = decide(0);
  return { ...decided, warnings: [...new Set(warnings)] };
}

function inboundFor(snapshot: TenantSnapshot, tenantId: string): InboundAccess | undefined {
  if (!snapshot.inbound) return undefined;
  return snapshot.inbound.partners[tenantId] ?? snapshot.inbound.default;
}
