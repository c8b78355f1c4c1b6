/**
 * The user's language and time zone as Teams sends them: `activity.locale` ("de-DE") and the `clientInfo`
 * entity's `timezone` ("Europe/Berlin"). Either may be missing (the Playground, older clients, conversation
 * updates): the translator then falls back to English and UTC.
 */
import type { Activity } from 'botbuilder';
import { translatorFor, type Translator, type UserLocale } from '../i18n/translator.js';

function userLocaleOf(activity: Pick<Activity, 'locale' | 'entities'>): UserLocale {
  const clientInfo = (activity.entities ?? []).find((entity) => entity.type === 'clientInfo') as { locale?: unknown; timezone?: unknown } | undefined;
  const locale = typeof activity.locale === 'string' && activity.locale ? activity.locale : typeof clientInfo?.locale === 'string' ? clientInfo.locale : undefined;
  const timeZone = typeof clientInfo?.timezone === 'string' ? clientInfo.timezone : undefined;
  return { locale, timeZone };
}

export function wordsFor(activity: Pick<Activity, 'locale' | 'entities'>): Translator {
  return translatorFor(userLocaleOf(activity));
}
