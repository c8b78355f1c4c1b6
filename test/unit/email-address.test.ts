import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkEmailAddress, domainMatches, redactAddress } from '../../src/domain/addresses/email-address.js';
import { describeAddressProblem } from '../../src/domain/addresses/address-problems.js';

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
    if (!result.ok) expect(describeAddressProblem(result.problem, result.detail)).toMatch(/\w/);
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
