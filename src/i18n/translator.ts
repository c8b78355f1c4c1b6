/**
 * Words for one user: their language from the Teams locale, numbers and dates in their locale and time zone.
 * i18next holds the catalogue and falls back to English for anything missing; i18next-icu formats every message
 * as ICU MessageFormat (FormatJS), so plurals and selects follow each language's rules.
 */
import i18next, { type i18n, type TFunction } from 'i18next';
import ICU from 'i18next-icu';
import { catalogue, type MessageTree } from './catalogue.js';
import { FALLBACK_LANGUAGE, LANGUAGES, formattingLocale, languageOf, type Language } from './languages.js';

/** ICU argument values: text, numbers and dates the message places; never markup. */
export type MessageValues = Readonly<Record<string, string | number | Date | boolean | undefined>>;

export interface Translator {
  readonly language: Language;
  /** BCP 47 locale for numbers and dates, e.g. "de-CH". */
  readonly locale: string;
  /** IANA time zone dates and times are shown in, e.g. "Europe/Berlin". */
  readonly timeZone: string;
  /** One message, `namespace:key`, e.g. t('commands:unknown', { said }). */
  t(key: string, values?: MessageValues): string;
  /** Every message under a namespace (and optional key prefix), formatted with the same values: what a card template reads as `${t.…}`. */
  messages(namespace: string, values?: MessageValues): MessageTree;
  hasMessages(namespace: string): boolean;
  dateTime(when: Date, style?: Intl.DateTimeFormatOptions): string;
  number(value: number, style?: Intl.NumberFormatOptions): string;
}

export interface UserLocale {
  /** Teams' `activity.locale` (or a stored copy of it). */
  readonly locale?: string | undefined;
  /** Teams' clientInfo `timezone`, or a configured one. */
  readonly timeZone?: string | undefined;
}

let shared: i18n | undefined;

function instance(): i18n {
  if (!shared) {
    const resources = catalogue();
    shared = i18next.createInstance();
    void shared.use(ICU).init({
      initAsync: false,
      resources,
      supportedLngs: [...LANGUAGES],
      fallbackLng: FALLBACK_LANGUAGE,
      ns: [...new Set(Object.values(resources).flatMap((namespaces) => Object.keys(namespaces)))],
      nsSeparator: ':',
      keySeparator: '.',
      returnNull: false,
      returnObjects: false,
      // Cards and chat text are not HTML; the page renderer escapes for HTML itself.
      interpolation: { escapeValue: false },
    });
  }
  return shared;
}

const DEFAULT_TIME_ZONE = 'UTC';

function validTimeZone(timeZone: string | undefined): string {
  if (!timeZone) return DEFAULT_TIME_ZONE;
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone;
  } catch {
    return DEFAULT_TIME_ZONE;
  }
}

export function translatorFor(user: UserLocale = {}): Translator {
  const language = languageOf(user.locale);
  const locale = formattingLocale(user.locale);
  const timeZone = validTimeZone(user.timeZone);
  const fixed: TFunction = instance().getFixedT(language);
  const t = (key: string, values: MessageValues = {}): string => fixed(key, { ...values }) as string;

  const format = (tree: MessageTree, namespace: string, prefix: string, values: MessageValues): MessageTree =>
    Object.fromEntries(
      Object.entries(tree).map(([key, value]) => [
        key,
        typeof value === 'string' ? t(`${namespace}:${prefix}${key}`, values) : format(value, namespace, `${prefix}${key}.`, values),
      ]),
    );

  return {
    language,
    locale,
    timeZone,
    t,
    messages(namespace, values = {}) {
      const tree = catalogue()[FALLBACK_LANGUAGE][namespace];
      if (!tree) throw new Error(`no message namespace ${namespace}`);
      return format(tree, namespace, '', values);
    },
    hasMessages(namespace) {
      return namespace in catalogue()[FALLBACK_LANGUAGE];
    },
    dateTime(when, style = { dateStyle: 'medium', timeStyle: 'short' }) {
      return new Intl.DateTimeFormat(locale, { ...style, timeZone }).format(when);
    },
    number(value, style) {
      return new Intl.NumberFormat(locale, style).format(value);
    },
  };
}
