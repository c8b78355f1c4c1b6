/**
 * Every button of every card template reaches code that answers it: each Action.Execute verb a template
 * uses has exactly one route, each route's verb is used by the template its module is named after (the
 * route lives next to its template), and each Action.Submit's command is one the bot understands.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/bot/commands.js';
import { CARD_ROUTES, ROUTES_BY_TEMPLATE } from '../../src/bot/routes/index.js';

const CARDS = fileURLToPath(new URL('../../cards/', import.meta.url));

interface Button {
  readonly type: 'Action.Execute' | 'Action.Submit';
  readonly verb?: string;
  readonly data?: { readonly command?: string };
}

/** Every Action.Execute and Action.Submit anywhere in a template (actions, action sets, select actions). */
function buttonsIn(node: unknown): Button[] {
  if (Array.isArray(node)) return node.flatMap(buttonsIn);
  if (typeof node !== 'object' || node === null) return [];
  const own = (node as { type?: unknown }).type === 'Action.Execute' || (node as { type?: unknown }).type === 'Action.Submit' ? [node as Button] : [];
  return [...own, ...Object.values(node).flatMap(buttonsIn)];
}

const templates = new Map(
  readdirSync(CARDS)
    .filter((name) => name.endsWith('.json'))
    .map((name) => [name.replace(/\.json$/, ''), buttonsIn(JSON.parse(readFileSync(join(CARDS, name), 'utf8')))] as const),
);
const verbsOf = (template: string) => new Set((templates.get(template) ?? []).filter((button) => button.type === 'Action.Execute').map((button) => button.verb));

/** Templates shown in a dialog (task module), whose Submit goes to its own invoke, not to the chat. */
const DIALOGS: Readonly<Record<string, string>> = {
  'extension-review': 'composeExtension/submitAction, answered by src/bot/message-extension.ts',
};

describe('card routes', () => {
  it('every dialog template exists', () => {
    for (const dialog of Object.keys(DIALOGS)) expect(templates.has(dialog), dialog).toBe(true);
  });

  it('finds the templates and their buttons', () => {
    expect(templates.size).toBeGreaterThan(10);
    expect([...templates.values()].flat().length).toBeGreaterThan(20);
  });

  it('every Action.Execute has a verb, and every verb a template uses has a route', () => {
    const unrouted = [...templates].flatMap(([template, buttons]) =>
      buttons.filter((button) => button.type === 'Action.Execute' && !(button.verb && CARD_ROUTES.has(button.verb))).map((button) => `${template}: ${button.verb ?? '(no verb)'}`),
    );
    expect(unrouted).toEqual([]);
  });

  it('each verb is routed once, by a module named after a template that uses it', () => {
    const routes = Object.entries(ROUTES_BY_TEMPLATE).flatMap(([template, list]) => list.map((route) => ({ template, verb: route.verb })));
    expect(routes.length).toBe(CARD_ROUTES.size);
    expect(routes.filter(({ template, verb }) => !verbsOf(template).has(verb)).map(({ template, verb }) => `${verb} in routes/${template}.ts`)).toEqual([]);
  });

  it('every Action.Submit in a chat card sends a command the bot understands', () => {
    const submits = [...templates]
      .filter(([template]) => !(template in DIALOGS))
      .flatMap(([template, buttons]) => buttons.filter((button) => button.type === 'Action.Submit').map((button) => ({ template, command: button.data?.command })));
    expect(submits.length).toBeGreaterThan(0);
    expect(submits.filter(({ command }) => command === undefined || parseCommand(command).kind === 'unknown')).toEqual([]);
  });
});
