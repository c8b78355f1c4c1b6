/**
 * The layering rule of the team's architecture notes (architecture.md): src/domain is plain TypeScript that imports only
 * src/domain (no SDK, no HTTP, no storage, no node:*). Adapters never import the bot, the bot never imports
 * adapters directly (the app wires them).
 */
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importsOf, sourceFiles } from '../support/source-files.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function layerOf(file: string): string {
  return relative(join(ROOT, 'src'), file).split('/')[0] ?? '';
}

function resolvedLayer(file: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  return layerOf(join(file, '..', specifier));
}

const rules: Record<string, { layers: string[]; packages: boolean }> = {
  domain: { layers: ['domain'], packages: false },
  // Application services: the use cases bound to ports and settings, for the bot and the workers; plain TypeScript.
  application: { layers: ['domain', 'application'], packages: false },
  graph: { layers: ['domain', 'graph', 'i18n'], packages: true },
  storage: { layers: ['domain', 'storage'], packages: true },
  // i18n says the domain's Messages (src/i18n/say.ts), so it may read their type.
  i18n: { layers: ['i18n', 'cards', 'domain'], packages: true },
  cards: { layers: ['domain', 'cards', 'i18n'], packages: true },
  notify: { layers: ['domain', 'notify'], packages: true },
  bot: { layers: ['domain', 'cards', 'bot', 'i18n'], packages: true },
  workers: { layers: ['domain', 'workers'], packages: true },
  app: { layers: ['domain', 'application', 'cards', 'bot', 'graph', 'storage', 'notify', 'workers', 'app', 'i18n'], packages: true },
};

describe('layering', () => {
  const files = sourceFiles(join(ROOT, 'src'));

  it('finds the source tree', () => {
    expect(files.length).toBeGreaterThan(10);
    expect(new Set(files.map(layerOf))).toEqual(new Set(Object.keys(rules)));
  });

  it.each(Object.keys(rules))('%s imports only what its layer may', (layer) => {
    const rule = rules[layer]!;
    const violations = files
      .filter((file) => layerOf(file) === layer)
      .flatMap((file) =>
        importsOf(file)
          .filter((specifier) => {
            const target = resolvedLayer(file, specifier);
            return target === undefined ? !rule.packages : !rule.layers.includes(target);
          })
          .map((specifier) => `${relative(ROOT, file)} imports ${specifier}`),
      );
    expect(violations).toEqual([]);
  });

  // botbuilder is archived upstream: everything that knows it stays in src/bot, so a move to the Microsoft 365
  // Agents SDK replaces one folder.
  it('only src/bot imports the Bot Framework SDK', () => {
    const sdk = /^(botbuilder|botframework-)/;
    const outside = files
      .filter((file) => layerOf(file) !== 'bot')
      .flatMap((file) => importsOf(file).filter((specifier) => sdk.test(specifier)).map((specifier) => `${relative(ROOT, file)} imports ${specifier}`));
    expect(outside).toEqual([]);
    expect(files.filter((file) => layerOf(file) === 'bot' && importsOf(file).some((specifier) => sdk.test(specifier))).length).toBeGreaterThan(3);
  });
});
