/** The tenant's redemption configuration as the bot read it: what `refresh` answers. */
import type { TenantSnapshot } from '../domain/redemption/tenant-snapshot.js';
import { renderCard, type AdaptiveCard } from './render.js';

const UNKNOWN = 'not readable';

export function signInSettingsCard(snapshot: TenantSnapshot): AdaptiveCard {
  const order = snapshot.redemptionOrder;
  const lines = [
    { label: 'Email one-time passcode', value: snapshot.emailOtp === undefined ? UNKNOWN : snapshot.emailOtp === 'enabled' ? 'on' : 'off' },
    { label: 'Google federation (Gmail)', value: snapshot.googleFederation === undefined ? UNKNOWN : snapshot.googleFederation ? 'on' : 'off' },
    {
      label: 'SAML/WS-Fed federation',
      value: snapshot.samlFederations === undefined ? UNKNOWN : snapshot.samlFederations.length === 0 ? 'none' : snapshot.samlFederations.map((f) => `${f.displayName} (${f.domains.join(', ')})`).join('; '),
    },
    { label: 'Redemption order', value: order ? `${order.primary.join(' → ')}, then ${order.fallback}` : UNKNOWN },
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
