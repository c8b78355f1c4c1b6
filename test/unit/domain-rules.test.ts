import { describe, expect, it } from 'vitest';
import { checkDomainRules, domainPatternMatches, isDomainPattern } from '../../src/domain/policy/domain-rules.js';

describe('domain rules', () => {
  it.each([
    ['fabrikam.com', 'fabrikam.com', true],
    ['fabrikam.com', 'eu.fabrikam.com', false],
    ['*.fabrikam.com', 'eu.fabrikam.com', true],
    ['*.fabrikam.com', 'a.b.fabrikam.com', true],
    ['*.fabrikam.com', 'fabrikam.com', false],
    ['*.fabrikam.com', 'notfabrikam.com', false],
    ['FABRIKAM.com', 'fabrikam.COM', true],
  ])('%s matches %s: %s', (pattern, domain, expected) => {
    expect(domainPatternMatches(pattern, domain)).toBe(expected);
  });

  it('the deny-list wins over the allow-list, and an allow-list refuses everything else', () => {
    const rules = { allowed: ['fabrikam.com', '*.fabrikam.com'], blocked: ['bad.fabrikam.com'] };
    expect(checkDomainRules('fabrikam.com', rules)).toEqual({ ok: true });
    expect(checkDomainRules('bad.fabrikam.com', rules)).toEqual({ ok: false, reason: 'blocked-domain', rule: 'bad.fabrikam.com' });
    expect(checkDomainRules('tailspin.com', rules)).toEqual({ ok: false, reason: 'not-allowed-domain' });
    expect(checkDomainRules('tailspin.com', { allowed: [], blocked: [] })).toEqual({ ok: true });
  });

  it('knows a pattern from a typo', () => {
    expect(['fabrikam.com', '*.fabrikam.com'].every(isDomainPattern)).toBe(true);
    expect(['fabrikam', '*fabrikam.com', 'a b.com', 'https://x.com'].some(isDomainPattern)).toBe(false);
  });
});
