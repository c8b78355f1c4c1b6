/**
 * Words for one user: their language from the Teams locale, numbers and dates in their locale and time zone.
 * Every message is ICU MessageFormat, formatted by FormatJS's intl-messageformat, so plurals and selects follow
 * each language's rules; a message missing in a language falls back to English (the catalogue tests keep that
 * from happening in a release).
 */
import { IntlMessageFormat } from 'intl-messageformat';
import { catalogue, type MessageTree } from './catalogue.js';
import { FALLBACK_LANGUAGE, formattingLocale, languageOf, type Language } from './languages.js';

export type MessageValues = Readonly<Record<string, string | number | Date | boolean | undefined>>;

export interface Translator {
  readonly language: Language;
  /** BCP 47 locale for numbers and dates, e.g. "de-CH". */
  readonly locale: string;
  /** IANA time zone dates and times are shown in, e.g. "Europe/Berlin". */
  readonly timeZone: string;
  /** One message, `namespace:key`, e.g. t('commands:unknown', { said }). */
  t(key: string, values?: MessageValues): string;
  /** Whether the catalogue has a message `namespace:key` (in English, which every language follows). */
  has(id: string): boolean;
  dateTime(when: Date, style?: Intl.DateTimeFormatOptions): string;
  number(value: number, style?: Intl.NumberFormatOptions): string;
}

export interface UserLocale {
  /** Teams' `activity.locale` (or a stored copy of it). */
  readonly locale?: string | undefined;
  /** Teams' clientInfo `timezone`, or a configured one. */
  readonly timeZone?: string | undefined;
}

const compiled = new Map<string, IntlMessageFormat>();

function messageText(language: Language, namespace: string, key: string): string | undefined {
  let node: string | MessageTree | undefined = catalogue()[language][namespace];
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  return typeof node === 'string' ? node : undefined;
}

/** The compiled message for a language, English when the language lacks it. */
function compiledMessage(language: Language, id: string): IntlMessageFormat {
  const cacheKey = `${language}|${id}`;
  let format = compiled.get(cacheKey);
  if (!format) {
    const [namespace = '', key = ''] = id.split(':', 2);
    const own = messageText(language, namespace, key);
    const text = own ?? messageText(FALLBACK_LANGUAGE, namespace, key);
    if (text === undefined) throw new Error(`no message ${id}`);
    // Tags stay literal: messages are plain text for cards and chat, never markup.
    format = new IntlMessageFormat(text, own === undefined ? FALLBACK_LANGUAGE : language, undefined, { ignoreTag: true });
    compiled.set(cacheKey, format);
  }
  return format;
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
  const t = (id: string, values: MessageValues = {}): string => String(compiledMessage(language, id).format(values));

  return {
    language,
    locale,
    timeZone,
    t,
    has(id) {
      const [namespace = '', key = ''] = id.split(':', 2);
      return messageText(FALLBACK_LANGUAGE, namespace, key) !== undefined;
    },
    dateTime(when, style = { dateStyle: 'medium', timeStyle: 'short' }) {
      return new Intl.DateTimeFormat(locale, { ...style, timeZone }).format(when);
    },
    number(value, style) {
      return new Intl.NumberFormat(locale, style).format(value);
    },
  };
}
