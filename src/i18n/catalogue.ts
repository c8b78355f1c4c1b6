/**
 * The message catalogue: `locales/<language>/<namespace>.json`, one file per area of the bot (a card's words in
 * `cards/<template>.json`, namespace "cards/<template>"), every message in
 * ICU MessageFormat (plurals and selects, never string building). Loaded once, synchronously, at first use:
 * the files ship with the package like the card templates.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { packagePath } from '../cards/package-root.js';
import { LANGUAGES, type Language } from './languages.js';

/** A namespace's messages: nested objects of ICU strings, addressed by dotted keys ("review.title"). */
export interface MessageTree {
  readonly [key: string]: string | MessageTree;
}

export type Catalogue = Readonly<Record<Language, Readonly<Record<string, MessageTree>>>>;

let loaded: Catalogue | undefined;

export function catalogue(): Catalogue {
  loaded ??= Object.fromEntries(LANGUAGES.map((language) => [language, readLanguage(language)])) as Record<Language, Record<string, MessageTree>>;
  return loaded;
}

function readLanguage(language: Language): Record<string, MessageTree> {
  const folder = packagePath('locales', language);
  return Object.fromEntries(
    readdirSync(folder, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.json'))
      .map((file) => [
        relative(folder, join(folder, file)).replace(/\\/g, '/').replace(/\.json$/, ''),
        JSON.parse(readFileSync(join(folder, file), 'utf8')) as MessageTree,
      ]),
  );
}

/** Every message of a tree as [dotted key, ICU text]: what the catalogue tests walk. */
export function flattenMessages(tree: MessageTree, prefix = ''): Array<[string, string]> {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [[`${prefix}${key}`, value] as [string, string]] : flattenMessages(value, `${prefix}${key}.`),
  );
}
