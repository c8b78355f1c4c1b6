/** Links to the guest help page: built from PUBLIC_BASE_URL or not at all, and every section they name is on the page in every language. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { guestHelpUrl, helpSection, pathSection, type GuestHelpSection } from '../../src/domain/redemption/guest-help.js';
import { HELP_ENTRIES } from '../../src/domain/redemption/help-knowledge.js';
import type { RedemptionPath } from '../../src/domain/redemption/predict-path.js';
import { LANGUAGES } from '../../src/i18n/languages.js';

const PATHS: readonly RedemptionPath[] = ['entra', 'saml-federation', 'google', 'microsoft-account', 'email-otp', 'new-microsoft-account', 'blocked'];

function anchorsOf(language: string): Set<string> {
  const html = readFileSync(fileURLToPath(new URL(`../../pages/${language}/guest-help.html`, import.meta.url)), 'utf8');
  return new Set([...html.matchAll(/\bid="([\w-]+)"/g)].map((match) => match[1]!));
}

describe('guest help links', () => {
  it('no public address, no link', () => {
    expect(guestHelpUrl('', 'de', 'passcode')).toBeUndefined();
    expect(guestHelpUrl('   ', 'de')).toBeUndefined();
  });

  it.each([
    ['https://bot.contoso.example', 'https://bot.contoso.example/guest-help?lang=de#passcode'],
    ['https://bot.contoso.example/', 'https://bot.contoso.example/guest-help?lang=de#passcode'],
    ['https://contoso.example/bot', 'https://contoso.example/bot/guest-help?lang=de#passcode'],
    ['https://contoso.example/bot//', 'https://contoso.example/bot/guest-help?lang=de#passcode'],
  ])('under %s', (base, url) => {
    expect(guestHelpUrl(base, 'de', 'passcode')).toBe(url);
  });

  it('the whole page when no section is named', () => {
    expect(guestHelpUrl('https://bot.contoso.example', 'fr')).toBe('https://bot.contoso.example/guest-help?lang=fr');
  });

  it.each(LANGUAGES)('every section a path or a help entry links to is on the %s page', (language) => {
    const anchors = anchorsOf(language);
    const linked = new Set<GuestHelpSection>([...PATHS.map(pathSection), ...HELP_ENTRIES.map((entry) => helpSection(entry.key)), helpSection(undefined)]);
    expect([...linked].filter((section) => !anchors.has(section))).toEqual([]);
  });
});
