import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkEmailAddress, domainMatches, redactAddress } from '../../src/domain/addresses/email-address.js';
import { describeAddressProblem } from '../../src/domain/addresses/address-problems.js';
import { say } from '../../src/cards/say.js';
import { translatorFor } from '../../src/i18n/translator.js';

describe('checkEmailAddress', () => {
  it.each([
    ['jane@fabrikam.com', 'jane@fabrikam.com'],
    ['  Jane.Doe@Fabrikam.COM ', 'jane.doe@fabrikam.com'],
    ["o'brien@fabrikam.com", "o'brien@fabrikam.com"],
    ['first_last@sub.fabrikam.co.uk', 'first_last@sub.fabrikam.co.uk'],
    ['a-b@fabrikam.com.', 'a-b@fabrikam.com'],
    ['x@xn--bcher-kva.example', 'x@xn--bcher-kva.example'],
  ])('accepts %s as %s', (raw, normalised) => {
    const result = checkEmailAddress(raw);
    expect(result).toMatchObject({ ok: true, address: { normalised } });
  });

  it.each([
    ['', 'empty'],
    ['jane.fabrikam.com', 'missing-at'],
    ['jane@doe@fabrikam.com', 'several-at'],
    ['@fabrikam.com', 'local-part-empty'],
    [`${'a'.repeat(65)}@fabrikam.com`, 'local-part-too-long'],
    [`a@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}.${'e'.repeat(63)}.com`, 'address-too-long'],
    ['.jane@fabrikam.com', 'local-part-dot-rule'],
    ['jane.@fabrikam.com', 'local-part-dot-rule'],
    ['ja..ne@fabrikam.com', 'local-part-dot-rule'],
    ['-jane@fabrikam.com', 'local-part-hyphen-rule'],
    ['jane+news@fabrikam.com', 'plus-addressing'],
    ['jane!@fabrikam.com', 'refused-character'],
    ['ja ne@fabrikam.com', 'refused-character'],
    ['jane@fabrikam', 'domain-no-top-level-label'],
    ['jane@fabrikam.c0m', 'domain-no-top-level-label'],
    ['jane@-fabrikam.com', 'domain-invalid'],
    ['jane@fabri_kam.com', 'domain-invalid'],
  ])('refuses %j: %s', (raw, problem) => {
    const result = checkEmailAddress(raw);
    expect(result).toMatchObject({ ok: false, problem });
    if (!result.ok) expect(describeAddressProblem(result.problem, result.detail).id).toBe(`addresses:problem.${problem}`);
  });

  it('never throws, and what it accepts it accepts again unchanged', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.emailAddress()), (raw) => {
        const first = checkEmailAddress(raw);
        if (!first.ok) return;
        const second = checkEmailAddress(first.address.normalised);
        expect(second).toEqual(first);
      }),
      { numRuns: 2000 },
    );
  });

  it('accepts only addresses within the RFC 5321 limits and without refused characters', () => {
    fc.assert(
      fc.property(fc.emailAddress(), (raw) => {
        const result = checkEmailAddress(raw);
        if (!result.ok) return;
        const { localPart, normalised } = result.address;
        expect(localPart.length).toBeLessThanOrEqual(64);
        expect(normalised.length).toBeLessThanOrEqual(254);
        expect(localPart).not.toMatch(/[~!#$%^&*()+=[\]{}\\/|;:"<>?,\s]/);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('invisible characters', () => {
  /** Unicode's format characters (Cf), bidi controls among them, the way a forged address would carry them. */
  const INVISIBLE = [...'\u00ad\u061c\u180e\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2066\u2067\u2068\u2069\ufeff', '\u{e0041}'];
  const anyCf = fc.oneof(
    fc.constantFrom(...INVISIBLE),
    fc.integer({ min: 0, max: 0x10ffff }).map((code) => String.fromCodePoint(code)).filter((ch) => /\p{Cf}/u.test(ch)),
  );
  const validAddress = fc.emailAddress({ size: 'xsmall' }).filter((address) => checkEmailAddress(address).ok);

  it('an address with any format or bidi character inserted anywhere is refused, naming the character', () => {
    fc.assert(
      fc.property(validAddress, anyCf, fc.nat(), (address, invisible, at) => {
        const position = at % (address.length + 1);
        const forged = address.slice(0, position) + invisible + address.slice(position);
        const result = checkEmailAddress(forged);
        const codePoint = `U+${invisible.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
        expect(result).toEqual({ ok: false, problem: 'invisible-character', detail: codePoint });
        if (!result.ok) expect(describeAddressProblem(result.problem, result.detail)).toEqual({ id: 'addresses:problem.invisible-character', values: { detail: codePoint } });
      }),
      { numRuns: 2000 },
    );
  });

  it('names the reason: the address could read as another', () => {
    const words = (language: string) => say(translatorFor({ locale: language }), describeAddressProblem('invisible-character', 'U+202E'));
    expect(words('en')).toMatch(/invisible character \(U\+202E.*read as another address/);
    expect(words('de')).toMatch(/unsichtbares Zeichen \(U\+202E.*wie eine andere Adresse/);
    expect(words('fr')).toMatch(/caractère invisible \(U\+202E.*comme une autre adresse/);
  });
});

describe('domainMatches', () => {
  it('matches the domain and its subdomains only', () => {
    expect(domainMatches('contoso.com', 'contoso.com')).toBe(true);
    expect(domainMatches('eu.contoso.com', 'Contoso.com')).toBe(true);
    expect(domainMatches('notcontoso.com', 'contoso.com')).toBe(false);
  });
});

describe('redactAddress', () => {
  it('keeps the first character and the domain', () => {
    expect(redactAddress('jane.doe@fabrikam.com')).toBe('j***@fabrikam.com');
    expect(redactAddress('nonsense')).toBe('***');
  });
});
