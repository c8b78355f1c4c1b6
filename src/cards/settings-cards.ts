/** The tenant's redemption configuration as the bot read it: what `refresh` answers. */
import type { FallbackIdentityProvider, PrimaryIdentityProvider, TenantSnapshot } from '../domain/redemption/tenant-snapshot.js';
import { renderCard, type AdaptiveCard } from './render.js';

const UNKNOWN = 'not readable';

const PROVIDER_NAMES: Record<PrimaryIdentityProvider, string> = {
  azureActiveDirectory: 'their Microsoft Entra organisation',
  externalFederation: 'SAML/WS-Fed federation',
  socialIdentityProviders: 'Google',
};

const FALLBACK_NAMES: Record<FallbackIdentityProvider, string> = {
  defaultConfiguredIdp: 'a personal Microsoft account, else an email passcode (if on), else a new Microsoft account',
  emailOneTimePasscode: 'an email passcode',
  microsoftAccount: 'a personal Microsoft account',
};

export function signInSettingsCard(snapshot: TenantSnapshot): AdaptiveCard {
  const order = snapshot.redemptionOrder;
  const lines = [
    { label: 'Email one-time passcode', value: snapshot.emailOtp === undefined ? UNKNOWN : snapshot.emailOtp === 'enabled' ? 'on' : 'off' },
    { label: 'Google federation (Gmail)', value: snapshot.googleFederation === undefined ? UNKNOWN : snapshot.googleFederation ? 'on' : 'off' },
    {
      label: 'SAML/WS-Fed federation',
      value: snapshot.samlFederations === undefined ? UNKNOWN : snapshot.samlFederations.length === 0 ? 'none' : snapshot.samlFederations.map((f) => `${f.displayName} (${f.domains.join(', ')})`).join('; '),
    },
    { label: 'Redemption order', value: order ? `${order.primary.map((provider) => PROVIDER_NAMES[provider]).join(' → ')}, then ${FALLBACK_NAMES[order.fallback]}` : UNKNOWN },
    {
      label: 'Inbound B2B collaboration',
      value: snapshot.inbound
        ? `${snapshot.inbound.default} by default; ${Object.values(snapshot.inbound.partners).filter((access) => access !== undefined).length} partner organisations with their own setting`
        : UNKNOWN,
    },
  ];
  return renderCard('sign-in-settings', {
    lines,
    unreadable: snapshot.unreadable.map((part) => ({ text: `${part.permission}: ${part.part}` })),
  });
}
