import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { welcomeCard } from '../../src/cards/conversation-cards.js';
import { formattingLocale, languageOf } from '../../src/i18n/languages.js';
import { translatorFor } from '../../src/i18n/translator.js';

describe('language from the Teams locale', () => {
  it.each([
    ['de-DE', 'de'],
    ['de-CH', 'de'],
    ['fr-CA', 'fr'],
    ['FR_fr', 'fr'],
    ['en-GB', 'en'],
    ['ja-JP', 'en'],
    [undefined, 'en'],
    ['', 'en'],
  ])('%s speaks %s', (locale, language) => {
    expect(languageOf(locale)).toBe(language);
  });

  it('keeps the regional format of a language we speak', () => {
    expect(formattingLocale('de-CH')).toBe('de-CH');
    expect(formattingLocale('pt-BR')).toBe('en');
    expect(formattingLocale('not a locale')).toBe('en');
  });

  it('never fails on whatever a client sends', () => {
    fc.assert(
      fc.property(fc.option(fc.string(), { nil: undefined }), fc.option(fc.string(), { nil: undefined }), (locale, timeZone) => {
        const words = translatorFor({ locale, timeZone });
        expect(['en', 'de', 'fr']).toContain(words.language);
        expect(words.dateTime(new Date(0))).not.toBe('');
      }),
    );
  });
});

describe('translator', () => {
  it('shows dates in the user time zone and locale', () => {
    const when = new Date('2026-12-05T17:30:00Z');
    expect(translatorFor({ locale: 'de-DE', timeZone: 'Europe/Berlin' }).dateTime(when)).toBe('05.12.2026, 18:30');
    expect(translatorFor({ locale: 'en-US', timeZone: 'America/New_York' }).dateTime(when)).toBe('Dec 5, 2026, 12:30 PM');
    expect(translatorFor({ locale: 'fr-FR', timeZone: 'Nowhere/Invalid' }).timeZone).toBe('UTC');
  });

  it('writes the welcome card in the user language', () => {
    const text = (locale: string) => JSON.stringify(welcomeCard(translatorFor({ locale }), 'personal', 'Guest Invites'));
    expect(text('de-DE')).toContain('Jemanden einladen');
    expect(text('fr-FR')).toContain('Inviter quelqu’un');
    expect(text('en-US')).toContain('Invite someone');
    expect(text('es-ES')).toContain('Invite someone');
  });
});
