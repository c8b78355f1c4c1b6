/**
 * Every word a person reads comes from the catalogue (locales/<language>/…): no English sentence is left as a
 * string literal in the folders that speak to people, no card template holds words of its own, and no catalogue
 * message sits unused. The scan reads the TypeScript syntax tree, so comments and type names are never taken
 * for words; log messages and thrown errors (for operators, never shown to users) are left out by their call.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { catalogue, flattenMessages } from '../../src/i18n/catalogue.js';
import { sourceFiles } from '../support/source-files.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The folders whose string literals people may read. Add a folder here once its words are in the catalogue. */
const SPEAKING_FOLDERS = ['src/cards', 'src/bot', 'src/notify'];

/** Where the catalogue's keys are read from: the speaking folders and the rest of src (the app posts admin cards). */
const KEY_READERS = ['src'];

/** Literals that look like words but are not for people to read, each with its reason. */
const ALLOWED_LITERALS: Readonly<Record<string, string>> = {
  'the app was uninstalled from this conversation': 'an audit/log reason (why a conversation was forgotten), not shown in Teams',
  'the bot was removed from this conversation': 'an audit/log reason, not shown in Teams',
  'the channel was deleted': 'an audit/log reason, not shown in Teams',
  'the team was deleted': 'an audit/log reason, not shown in Teams',
  "Teams took the card but gave no activity id for it, twice": 'a ProactiveSendError message for the log',
  'the proactive turn ended without running': 'a ProactiveSendError message for the log',
  'a mention needs mentioned.id and text': 'the HTTP 400 answer to a malformed activity: for the sender’s developers, never shown in Teams',
  'an adaptiveCard/action invoke needs value.action with its type': 'the HTTP 400 answer to a malformed activity',
  'an activity from Teams must name its tenant (conversation.tenantId or channelData.tenant.id)': 'the HTTP 400 answer to a malformed activity',
  'record where the card of batch  …  moved': 'what a WriteConflictError names for the log, never shown in Teams',
};

/** Namespaces (or `namespace:key.` prefixes) read whole, by a key built at run time, and by whom. */
const READ_WHOLE: Readonly<Record<string, string>> = {
  commands: 'src/bot/commands.ts reads every command word of every language',
  'help:asked.': 'src/cards/help-words.ts reads every language’s phrasings of each situation',
  'help:entries.': 'src/cards/help-words.ts reads each entry’s title, meaning and numbered steps by the entry’s key',
};

/** Three or more words in a row: a sentence or a phrase a person reads. */
const WORDS = /\p{L}{2,}(?:[ ’']\p{L}+){2,}/u;

/** Calls whose string arguments are for operators: pino's log methods, errors thrown. */
function isOperatorText(node: ts.Node): boolean {
  for (let parent = node.parent; parent; parent = parent.parent) {
    if (ts.isCallExpression(parent) && ts.isPropertyAccessExpression(parent.expression) && /^(trace|debug|info|warn|error|fatal)$/.test(parent.expression.name.text)) return true;
    if (ts.isNewExpression(parent) && /Error$/.test(parent.expression.getText())) return true;
    if (ts.isBlock(parent) || ts.isSourceFile(parent)) return false;
  }
  return false;
}

interface Literal {
  readonly text: string;
  /** A template literal's text before its first `${`: a key prefix when it is a catalogue key. */
  readonly head?: string;
  readonly operator: boolean;
}

function literalsOf(file: string): Literal[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: Literal[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node) || ts.isLiteralTypeNode(node)) return;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      if (!ts.isPropertyAssignment(node.parent) || node.parent.name !== node) found.push({ text: node.text, operator: isOperatorText(node) });
    } else if (ts.isTemplateExpression(node)) {
      const parts = [node.head.text, ...node.templateSpans.map((span) => span.literal.text)];
      found.push({ text: parts.join(' … '), head: node.head.text, operator: isOperatorText(node) });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function files(folders: readonly string[]): string[] {
  return folders.flatMap((folder) => sourceFiles(join(ROOT, folder)));
}

/** Words in a card template outside `${…}` bindings, for the properties people read. */
function templateWords(node: unknown, path = ''): string[] {
  if (Array.isArray(node)) return node.flatMap((item, i) => templateWords(item, `${path}[${i}]`));
  if (!node || typeof node !== 'object') return [];
  return Object.entries(node as Record<string, unknown>).flatMap(([key, value]) => {
    if (typeof value === 'string' && ['text', 'title', 'placeholder', 'label', 'fallbackText', 'errorMessage', 'altText'].includes(key)) {
      const outside = value.replace(/\$\{[^}]*\}/g, '');
      return /\p{L}/u.test(outside) ? [`${path}.${key}: ${value}`] : [];
    }
    return templateWords(value, `${path}.${key}`);
  });
}

const TEMPLATES = fileURLToPath(new URL('../../cards/', import.meta.url));

/** The keys a card template reads: `${t.a.b}` (or `${$root.t.a.b}` inside a `$data` loop) is `cards/<template>:a.b`. */
function templateKeys(): string[] {
  return readdirSync(TEMPLATES)
    .filter((file) => file.endsWith('.json'))
    .flatMap((file) => [...readFileSync(join(TEMPLATES, file), 'utf8').matchAll(/\$\{(?:\$root\.)?t\.([\w.-]+)\}/g)].map((m) => `cards/${file.replace(/\.json$/, '')}:${m[1]}`));
}

/**
 * Catalogue keys nothing reads. A key is read when its id appears whole (`t('replies:listGone.title')`), when a
 * template literal builds it from a prefix (`t(\`cards/fix:action.${action}\`)`), when a card template reads it,
 * or, in a file with a helper over a whole namespace (`` (key) => words.t(`cards/status:${key}`) ``), when the
 * helper's argument appears there as a literal (`say('summary')`, `say(\`state.${…}\`)`).
 */
export function unusedKeys(keys: readonly string[], sources: ReadonlyMap<string, readonly Literal[]>, readByTemplates: readonly string[], readWhole: readonly string[]): string[] {
  const used = new Set(readByTemplates);
  const prefixes: string[] = [];
  for (const literals of sources.values()) {
    const helpers = literals.flatMap((literal) => (literal.head !== undefined && /^[\w/-]+:$/.test(literal.head) ? [literal.head] : []));
    for (const literal of literals) {
      if (literal.head === undefined) used.add(literal.text);
      else if (literal.head.includes(':') && literal.head.length > literal.head.indexOf(':') + 1) prefixes.push(literal.head);
      for (const helper of helpers) {
        if (literal.head === undefined) {
          used.add(`${helper}${literal.text}`);
          prefixes.push(`${helper}${literal.text}.`);
        } else if (!literal.head.includes(':') && literal.head !== '') prefixes.push(`${helper}${literal.head}`);
      }
    }
  }
  return keys.filter((key) => !used.has(key) && !prefixes.some((prefix) => key.startsWith(prefix)) && !readWhole.some((whole) => (whole.includes(':') ? key.startsWith(whole) : key.split(':')[0] === whole)));
}

describe('the catalogue holds every word', () => {
  it.each(SPEAKING_FOLDERS)('%s holds no English sentence outside the catalogue', (folder) => {
    const sentences = files([folder]).flatMap((file) =>
      literalsOf(file)
        .filter((literal) => !literal.operator && WORDS.test(literal.text) && !(literal.text in ALLOWED_LITERALS))
        .map((literal) => `${relative(ROOT, file)}: ${literal.text}`),
    );
    expect(sentences).toEqual([]);
  });

  it('card templates hold no words of their own: only ${…} bindings', () => {
    const words = readdirSync(TEMPLATES)
      .filter((file) => file.endsWith('.json'))
      .flatMap((file) => templateWords(JSON.parse(readFileSync(join(TEMPLATES, file), 'utf8'))).map((found) => `${file}${found}`));
    expect(words).toEqual([]);
  });

  it('every allow-listed literal is still in the source (the list does not rot)', () => {
    const all = new Set(files(SPEAKING_FOLDERS).flatMap((file) => literalsOf(file).map((literal) => literal.text)));
    expect(Object.keys(ALLOWED_LITERALS).filter((text) => !all.has(text))).toEqual([]);
  });

  it('every catalogue message is read somewhere', () => {
    const keys = Object.entries(catalogue().en).flatMap(([namespace, tree]) => flattenMessages(tree).map(([key]) => `${namespace}:${key}`));
    const sources = new Map(files(KEY_READERS).map((file) => [file, literalsOf(file)]));
    expect(unusedKeys(keys, sources, templateKeys(), Object.keys(READ_WHOLE))).toEqual([]);
  });

  it('the scans have teeth', () => {
    expect(WORDS.test('Nothing was sent.')).toBe(true);
    expect(WORDS.test('review.send')).toBe(false);
    expect(WORDS.test('not-allowed-domain')).toBe(false);
    expect(templateWords({ type: 'TextBlock', text: 'Hello ${name}' })).toHaveLength(1);
    expect(templateWords({ type: 'TextBlock', text: '${t.hello} ${name}' })).toEqual([]);
    const sources = new Map([['a.ts', [{ text: 'replies:used', operator: false }, { text: 'cards/x: … ', head: 'cards/x:', operator: false }, { text: 'title', operator: false }]]]);
    expect(unusedKeys(['replies:used', 'replies:unused', 'cards/x:title', 'cards/x:other', 'commands:verbs.help'], sources, [], ['commands'])).toEqual(['replies:unused', 'cards/x:other']);
  });
});
