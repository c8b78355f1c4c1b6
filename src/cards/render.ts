/**
 * The one place templates in /cards are expanded. User text only ever travels as data values, which the
 * templating engine does not evaluate; templates put it in TextRuns, which Teams shows without markdown.
 */
import { readFileSync } from 'node:fs';
import { Template } from 'adaptivecards-templating';
import { translatorFor, type MessageValues, type Translator } from '../i18n/translator.js';
import { packagePath } from './package-root.js';

export type CardTemplateName = 'approval' | 'audit' | 'admin-notice' | 'welcome' | 'greeting' | 'usage' | 'help' | 'help-answer' | 'sign-in-settings' | 'fix' | 'paths' | 'status' | 'notice' | 'problem' | 'invite-form' | 'review' | 'batch-status' | 'guest-placement' | 'my-guests';

export interface AdaptiveCard {
  readonly type: 'AdaptiveCard';
  readonly version: string;
  readonly [key: string]: unknown;
}

const templates = new Map<CardTemplateName, Template>();

/**
 * Expands a template with its data and its words: the template reads its messages as `${t.key}` from the
 * namespace `cards/<name>` in the user's language, each formatted (ICU) with the card's top-level data.
 */
export function renderCard(name: CardTemplateName, data: object, words: Translator = translatorFor()): AdaptiveCard {
  let template = templates.get(name);
  if (!template) {
    template = new Template(JSON.parse(readFileSync(packagePath('cards', `${name}.json`), 'utf8')));
    templates.set(name, template);
  }
  const t = words.hasMessages(`cards/${name}`) ? words.messages(`cards/${name}`, messageValues(data)) : {};
  return template.expand({ $root: { ...data, t } }) as AdaptiveCard;
}

/** The card data ICU messages may place: its top-level text, numbers, dates and flags. */
function messageValues(data: object): MessageValues {
  return Object.fromEntries(
    Object.entries(data).filter(([, value]) => ['string', 'number', 'boolean'].includes(typeof value) || value instanceof Date),
  ) as MessageValues;
}
