/**
 * The one place templates in /cards are expanded. User text only ever travels as data values, which the
 * templating engine does not evaluate; templates put it in TextRuns, which Teams shows without markdown.
 */
import { readFileSync } from 'node:fs';
import { Template } from 'adaptivecards-templating';
import { packagePath } from './package-root.js';

export type CardTemplateName = 'approval' | 'audit' | 'admin-notice' | 'welcome' | 'greeting' | 'usage' | 'help' | 'help-answer' | 'sign-in-settings' | 'fix' | 'paths' | 'status' | 'notice' | 'problem' | 'invite-form' | 'review' | 'batch-status';

export interface AdaptiveCard {
  readonly type: 'AdaptiveCard';
  readonly version: string;
  readonly [key: string]: unknown;
}

const templates = new Map<CardTemplateName, Template>();

export function renderCard(name: CardTemplateName, data: object): AdaptiveCard {
  let template = templates.get(name);
  if (!template) {
    template = new Template(JSON.parse(readFileSync(packagePath('cards', `${name}.json`), 'utf8')));
    templates.set(name, template);
  }
  return template.expand({ $root: data }) as AdaptiveCard;
}
