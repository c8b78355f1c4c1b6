/**
 * The domain returns codes and data, never sentences (issue 16): the words live in the catalogue,
 * locales/<language>/<namespace>.json, and the edge says them in the reader's language. This reads every string
 * literal in src/domain with the TypeScript parser and flags the ones that look like English for a person: three
 * or more words that start with a capital letter or end like a sentence (. ! ? :).
 *
 * What is not for a person is left out by its place in the code, each with its reason (RULES); nothing else
 * is allowed: every sentence the domain once held (service errors, the guest's steps per path, reasons kept on
 * outcomes) is a catalogue message now, and a sentence that comes back anywhere in src/domain fails.
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { sourceFiles } from '../support/source-files.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Looks like a sentence for a person: 3+ words, and a capital start or a sentence end. */
function looksLikeSentence(text: string): boolean {
  const trimmed = text.trim();
  const words = trimmed.split(/\s+/).filter((word) => /\p{L}/u.test(word));
  return words.length >= 3 && (/^\p{Lu}/u.test(trimmed) || /[.!?:]$/.test(trimmed));
}

/** Literals that are not for a person, recognised by where they stand. */
const RULES: readonly { readonly reason: string; readonly applies: (literal: ts.Node) => boolean }[] = [
  {
    reason: 'an Error’s message is for logs and developers (ServiceError carries a code; its user text is the catalogue’s)',
    applies: (literal) => isArgumentOf(literal, (call) => ts.isNewExpression(call) && /Error$/.test(call.expression.getText())),
  },
  {
    reason: 'help-question’s English recognition patterns are read, never shown (other languages’ phrasings are in help.json)',
    applies: (literal) => isArgumentOf(literal, (call) => ts.isCallExpression(call) && call.expression.getText() === 'phrases'),
  },
];

function isArgumentOf(literal: ts.Node, isCall: (call: ts.CallExpression | ts.NewExpression) => boolean): boolean {
  for (let node: ts.Node | undefined = literal.parent; node && !ts.isSourceFile(node); node = node.parent) {
    if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && isCall(node)) return true;
    if (ts.isBlock(node) || ts.isVariableStatement(node)) return false;
  }
  return false;
}

interface Finding {
  readonly file: string;
  readonly line: number;
  readonly text: string;
}

function sentencesIn(file: string): Finding[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: Finding[] = [];
  const visit = (node: ts.Node): void => {
    const text = ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)
      ? node.text
      : ts.isTemplateExpression(node)
        ? [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(' x ')
        : undefined;
    if (text === undefined) return ts.forEachChild(node, visit);
    if (ts.isImportDeclaration(node.parent) || ts.isExportDeclaration(node.parent)) return;
    if (looksLikeSentence(text) && !RULES.some((rule) => rule.applies(node))) {
      found.push({ file: relative(ROOT, file), line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, text });
    }
  };
  visit(source);
  return found;
}

describe('the domain speaks in codes', () => {
  const findings = sourceFiles(join(ROOT, 'src/domain')).flatMap(sentencesIn);

  it('no English sentence anywhere in src/domain', () => {
    expect(findings.map(({ file, line, text }) => `${file}:${line} ${JSON.stringify(text)}`)).toEqual([]);
  });

  it('the check has teeth', () => {
    expect(looksLikeSentence('The guest is no longer in your directory: invite them again instead.')).toBe(true);
    expect(looksLikeSentence('Resend the invitation')).toBe(true);
    expect(looksLikeSentence('not an administrator of Guest Invites')).toBe(false);
    expect(looksLikeSentence('outcomes:fix.link-not-kept')).toBe(false);
    expect(looksLikeSentence('policy:approval.batch-size')).toBe(false);
    expect(looksLikeSentence('Not a valid address.')).toBe(true);
    expect(looksLikeSentence('Open the invitation link (Accept invitation in the email).')).toBe(true);
    expect(looksLikeSentence('paths:step.email-otp-expiry')).toBe(false);
    const sample = join(ROOT, 'test/architecture/domain-speaks-codes.test.ts');
    expect(sentencesIn(sample).map(({ text }) => text)).toContain('Resend the invitation');
  });
});
