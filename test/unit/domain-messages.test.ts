/**
 * The domain speaks in codes: each refusal, reason and address problem is a catalogue id with its values,
 * and the edge says it in the reader's language. These check the codes the domain returns, and that every one
 * of them reads as a sentence in English, German and French.
 */
import { describe, expect, it } from 'vitest';
import { say } from '../../src/cards/say.js';
import { describeAddressProblem } from '../../src/domain/addresses/address-problems.js';
import { checkEmailAddress, type AddressProblem } from '../../src/domain/addresses/email-address.js';
import type { Message } from '../../src/domain/message.js';
import { describeApprovalReason } from '../../src/domain/policy/approval-rules.js';
import { LANGUAGES } from '../../src/i18n/languages.js';
import { translatorFor } from '../../src/i18n/translator.js';

const said = (language: string, message: Message) => say(translatorFor({ locale: language }), message);

const PROBLEMS: [AddressProblem, string][] = [
  ['empty', ''],
  ['missing-at', 'jane.fabrikam.com'],
  ['several-at', 'jane@@fabrikam.com'],
  ['local-part-empty', '@fabrikam.com'],
  ['local-part-too-long', `${'j'.repeat(65)}@fabrikam.com`],
  ['address-too-long', `a@${['b', 'c', 'd', 'e'].map((letter) => letter.repeat(63)).join('.')}.com`],
  ['local-part-dot-rule', 'jane..doe@fabrikam.com'],
  ['local-part-hyphen-rule', '-jane@fabrikam.com'],
  ['plus-addressing', 'jane+teams@fabrikam.com'],
  ['refused-character', 'ja"ne@fabrikam.com'],
  ['invisible-character', 'ja\u200bne@fabrikam.com'],
  ['domain-invalid', 'jane@fab_rikam.com'],
  ['domain-no-top-level-label', 'jane@fabrikam'],
];

function problemOf(address: string): Message {
  const check = checkEmailAddress(address);
  if (check.ok) throw new Error(`${address} passed`);
  return describeAddressProblem(check.problem, check.detail);
}

describe('address problems are codes with values', () => {
  it.each(PROBLEMS)('%s', (problem, address) => {
    expect(problemOf(address).id).toBe(`addresses:problem.${problem}`);
  });

  it('carries what the check found, never words', () => {
    expect(problemOf(`${'j'.repeat(65)}@fabrikam.com`)).toEqual({ id: 'addresses:problem.local-part-too-long', values: { limit: 64, length: '65' } });
    expect(problemOf('ja"ne@fabrikam.com')).toEqual({ id: 'addresses:problem.refused-character', values: { character: '"', kind: 'visible' } });
    expect(describeAddressProblem('refused-character', ' ')).toEqual({ id: 'addresses:problem.refused-character', values: { character: ' ', kind: 'blank' } });
    expect(problemOf('jane@fabrikam')).toEqual({ id: 'addresses:problem.domain-no-top-level-label', values: { detail: 'fabrikam' } });
  });

  it.each(LANGUAGES)('every problem reads as a sentence in %s', (language) => {
    for (const [, address] of PROBLEMS) {
      const text = said(language, problemOf(address));
      expect(text).toMatch(/[.!]$/);
      expect(text).not.toMatch(/[{}]/);
    }
  });

  it('says the rule in German and French', () => {
    expect(said('de', problemOf('jane.fabrikam.com'))).toBe('Das ist keine E-Mail-Adresse: Es fehlt das „@“.');
    expect(said('fr', problemOf('jane.fabrikam.com'))).toBe('Ce n’est pas une adresse e-mail : il manque le « @ ».');
    expect(said('de', problemOf('jane+teams@fabrikam.com'))).toContain('Plus-Adressen');
    expect(said('fr', problemOf(`${'j'.repeat(65)}@fabrikam.com`))).toBe('La partie avant le « @ » dépasse 64 caractères (65 caractères).');
    expect(said('de', problemOf('ja\u200bne@fabrikam.com'))).toContain('unsichtbares Zeichen (U+200B');
    expect(said('en', problemOf('ja"ne@fabrikam.com'))).toBe('Microsoft Entra does not accept the character “"” before the “@” in a guest address.');
  });
});

describe('approval reasons are codes with values', () => {
  it('names the numbers and domains', () => {
    expect(describeApprovalReason({ kind: 'batch-size', count: 12, limit: 10 })).toEqual({ id: 'policy:approval.batch-size', values: { count: 12, limit: 10 } });
    expect(describeApprovalReason({ kind: 'outside-allowed-domains', domains: ['litware.com', 'tailspin.com'] })).toEqual({
      id: 'policy:approval.outside-allowed-domains',
      values: { domains: 'litware.com, tailspin.com' },
    });
  });

  it.each([
    ['en', '12 guests at once; more than 10 need an administrator’s approval.', '1 guest at once; more than 0 need an administrator’s approval.'],
    ['de', '12 Gäste auf einmal; mehr als 10 brauchen die Genehmigung eines Administrators.', '1 Gast auf einmal; mehr als 0 brauchen die Genehmigung eines Administrators.'],
    ['fr', '12 invités à la fois ; au-delà de 10, l’approbation d’un administrateur est nécessaire.', '1 invité à la fois ; au-delà de 0, l’approbation d’un administrateur est nécessaire.'],
  ])('%s counts with the language’s plurals', (language, many, one) => {
    expect(said(language, describeApprovalReason({ kind: 'batch-size', count: 12, limit: 10 }))).toBe(many);
    expect(said(language, describeApprovalReason({ kind: 'batch-size', count: 1, limit: 0 }))).toBe(one);
  });

  it.each(LANGUAGES)('every reason reads in %s', (language) => {
    expect(said(language, describeApprovalReason({ kind: 'daily-quota', sentToday: 5, count: 3, limit: 6 }))).toMatch(/5.*3.*6/);
    expect(said(language, describeApprovalReason({ kind: 'outside-allowed-domains', domains: ['litware.com'] }))).toContain('litware.com');
  });
});
