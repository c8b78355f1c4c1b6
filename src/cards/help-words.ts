/**
 * The help knowledge in words: each entry's title, meaning and steps are content per language in
 * locales/<language>/help.json (`entries.<key>`), and the phrasings people use to describe a situation in each
 * language (`asked.<situation>`) teach the domain's question reader German and French as well as English.
 */
import { catalogue } from '../i18n/catalogue.js';
import { FALLBACK_LANGUAGE, LANGUAGES } from '../i18n/languages.js';
import type { Translator } from '../i18n/translator.js';
import type { HelpKey, SituationKey } from '../domain/redemption/help-knowledge.js';
import type { HelpPhrasings } from '../domain/redemption/help-question.js';

export interface HelpWords {
  readonly title: string;
  /** What happened, in words for someone who has never heard of Entra. */
  readonly meaning: string;
  readonly guestSteps: readonly string[];
  readonly inviterSteps: readonly string[];
}

/** An entry's step keys ("1", "2", …) in order, as English has them: the catalogue test holds every language to English's keys. */
function stepKeys(key: HelpKey, side: 'guest' | 'inviter'): string[] {
  const entries = catalogue()[FALLBACK_LANGUAGE].help?.entries;
  const entry = typeof entries === 'object' ? entries[key] : undefined;
  const sideSteps = typeof entry === 'object' ? entry[side] : undefined;
  return typeof sideSteps === 'object' ? Object.keys(sideSteps).sort((a, b) => Number(a) - Number(b)) : [];
}

export function helpWords(words: Translator, key: HelpKey): HelpWords {
  const say = (path: string): string => words.t(`help:entries.${key}.${path}`);
  return {
    title: say('title'),
    meaning: say('meaning'),
    guestSteps: stepKeys(key, 'guest').map((step) => say(`guest.${step}`)),
    inviterSteps: stepKeys(key, 'inviter').map((step) => say(`inviter.${step}`)),
  };
}

let phrasings: HelpPhrasings | undefined;

/** Every language's phrasings of each situation, together: a German user may paste an English error page and the other way round. */
export function helpPhrasings(): HelpPhrasings {
  phrasings ??= LANGUAGES.reduce<Partial<Record<SituationKey, string[]>>>((all, language) => {
    const asked = catalogue()[language].help?.asked;
    if (typeof asked !== 'object') return all;
    for (const [situation, text] of Object.entries(asked)) {
      if (typeof text !== 'string') continue;
      const list = (all[situation as SituationKey] ??= []);
      list.push(...text.split('|').map((phrase) => phrase.trim()).filter((phrase) => phrase !== ''));
    }
    return all;
  }, {});
  return phrasings;
}
