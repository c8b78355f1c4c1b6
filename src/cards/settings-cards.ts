/** The tenant's redemption configuration as the bot read it: what `refresh` answers. */
import type { TenantSnapshot } from '../domain/redemption/tenant-snapshot.js';
import type { Translator } from '../i18n/translator.js';
import { renderCard, type AdaptiveCard } from './render.js';

export function signInSettingsCard(words: Translator, snapshot: TenantSnapshot): AdaptiveCard {
  const say = (key: string, values = {}) => words.t(`cards/sign-in-settings:${key}`, values);
  const unknown = say('unknown');
  const onOff = (on: boolean | undefined) => (on === undefined ? unknown : say(on ? 'on' : 'off'));
  const order = snapshot.redemptionOrder;
  const line = (key: string, value: string) => ({ label: say('label', { label: say(`setting.${key}`) }), value });
  const lines = [
    line('emailOtp', onOff(snapshot.emailOtp === undefined ? undefined : snapshot.emailOtp === 'enabled')),
    line('google', onOff(snapshot.googleFederation)),
    line(
      'saml',
      snapshot.samlFederations === undefined
        ? unknown
        : snapshot.samlFederations.length === 0
          ? say('none')
          : snapshot.samlFederations.map((f) => say('federation', { name: f.displayName, domains: f.domains.join(', ') })).join('; '),
    ),
    line(
      'redemptionOrder',
      order ? say('order', { primary: order.primary.map((provider) => say(`provider.${provider}`)).join(' → '), fallback: say(`fallback.${order.fallback}`) }) : unknown,
    ),
    line(
      'inbound',
      snapshot.inbound
        ? say('inboundValue', {
            access: snapshot.inbound.default,
            partners: Object.values(snapshot.inbound.partners).filter((access) => access !== undefined).length,
          })
        : unknown,
    ),
  ];
  return renderCard('sign-in-settings', { lines, unreadable: snapshot.unreadable.map((part) => ({ text: say('unreadablePart', part) })) }, words);
}
