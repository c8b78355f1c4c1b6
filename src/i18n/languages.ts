/**
 * The languages the bot speaks, and how a Teams locale ("de-DE", "fr-CA", "en-GB") maps onto them. Teams sends
 * the user's locale on every activity (`activity.locale`); anything we do not speak falls back to English.
 */
export const LANGUAGES = ['en', 'de', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];

export const FALLBACK_LANGUAGE: Language = 'en';

export function isLanguage(value: string): value is Language {
  return (LANGUAGES as readonly string[]).includes(value);
}

/** The language for a BCP 47 locale: its primary subtag when we speak it, English otherwise. */
export function languageOf(locale: string | undefined): Language {
  const primary = (locale ?? '').trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return isLanguage(primary) ? primary : FALLBACK_LANGUAGE;
}

/**
 * The locale used for numbers and dates: the user's own when it is a valid BCP 47 tag of a language we speak
 * (so a Swiss German user gets "de-CH" formats), the language alone otherwise.
 */
export function formattingLocale(locale: string | undefined): string {
  const language = languageOf(locale);
  if (!locale) return language;
  try {
    const [canonical] = Intl.getCanonicalLocales(locale.replace('_', '-'));
    return canonical && canonical.toLowerCase().split('-')[0] === language ? canonical : language;
  } catch {
    return language;
  }
}
