/**
 * The one place templates in /cards are expanded. User text only ever travels as data values, which the
 * templating engine does not evaluate; templates put it in TextRuns, which Teams shows without markdown.
 */
import { readFileSync } from 'node:fs';
import { Template } from 'adaptivecards-templating';
import { MissingValueError } from 'intl-messageformat';
import { catalogue, type MessageTree } from '../i18n/catalogue.js';
import { FALLBACK_LANGUAGE } from '../i18n/languages.js';
import type { MessageValues, Translator } from '../i18n/translator.js';
import { packagePath } from './package-root.js';

export type CardTemplateName =
  | 'extension-review'
  | 'approval'
  | 'audit'
  | 'admin-notice'
  | 'welcome'
  | 'greeting'
  | 'usage'
  | 'help'
  | 'help-answer'
  | 'sign-in-settings'
  | 'fix'
  | 'paths'
  | 'status'
  | 'notice'
  | 'problem'
  | 'invite-form'
  | 'review'
  | 'batch-status'
  | 'report'
  | 'report-charts'
  | 'guest-placement'
  | 'my-guests'
  | 'sponsorless-guests'
  | 'handover-notice'
  | 'guest-review';

export interface AdaptiveCard {
  readonly type: 'AdaptiveCard';
  readonly version: string;
  readonly [key: string]: unknown;
}

const templates = new Map<CardTemplateName, Template>();

/** Messages known to need a value the card's data (with these fields) lacks: the builder formats those itself. */
const lackingValues = new Set<string>();

/**
 * Expands a template with its data and its words: the template reads its messages as `${t.key}` from the
 * namespace `cards/<name>` in the user's language, each formatted (ICU) with the card's top-level data.
 * Inside a `$data` loop a template reads them as `${$root.t.key}`.
 */
export function renderCard(name: CardTemplateName, data: object, words: Translator): AdaptiveCard {
  let template = templates.get(name);
  if (!template) {
    template = new Template(JSON.parse(readFileSync(packagePath('cards', `${name}.json`), 'utf8')));
    templates.set(name, template);
  }
  const t = cardWords(words, `cards/${name}`, messageValues(data));
  return template.expand({ $root: { ...data, t } }) as AdaptiveCard;
}

/**
 * The namespace's messages formatted with the card's data. The card builder formats some messages of the
 * namespace itself, with values of a row (`{address}` of one guest): those are left out here, and a template
 * that read one would show its `${t.key}` unexpanded, which the card fidelity tests catch.
 */
function cardWords(words: Translator, namespace: string, values: MessageValues): MessageTree {
  // A card's data has the same fields every time: what one rendering found missing is not tried again.
  const fields = Object.keys(values).sort().join(',');
  const format = (tree: MessageTree, prefix: string): MessageTree =>
    Object.fromEntries(
      Object.entries(tree).flatMap(([key, value]): [string, string | MessageTree][] => {
        if (typeof value !== 'string') return [[key, format(value, `${prefix}${key}.`)]];
        const id = `${namespace}:${prefix}${key}`;
        const missing = `${id}|${fields}`;
        if (lackingValues.has(missing)) return [];
        try {
          return [[key, words.t(id, values)]];
        } catch (error) {
          if (!(error instanceof MissingValueError)) throw error;
          lackingValues.add(missing);
          return [];
        }
      }),
    );
  return format(catalogue()[FALLBACK_LANGUAGE][namespace] ?? {}, '');
}

/** The card data ICU messages may place: its top-level text, numbers, dates and flags. */
function messageValues(data: object): MessageValues {
  return Object.fromEntries(Object.entries(data).filter(([, value]) => ['string', 'number', 'boolean'].includes(typeof value) || value instanceof Date));
}
