import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coSponsorAddresses, MAX_SPONSORS, sponsorIdsFor } from '../../src/domain/lifecycle/guest-care.js';

describe('sponsorIdsFor', () => {
  it('puts the inviter first, names everyone once (any case) and never more than five', () => {
    fc.assert(
      fc.property(fc.option(fc.uuid(), { nil: undefined }), fc.array(fc.uuid(), { maxLength: 8 }), (inviter, coSponsors) => {
        const ids = sponsorIdsFor(inviter, [...coSponsors, ...coSponsors.map((id) => id.toUpperCase())]);
        expect(ids.length).toBeLessThanOrEqual(MAX_SPONSORS);
        expect(new Set(ids.map((id) => id.toLowerCase())).size).toBe(ids.length);
        if (inviter) expect(ids[0]).toBe(inviter);
        else expect(ids).toEqual([...new Set(coSponsors.map((id) => id.toLowerCase()))].slice(0, MAX_SPONSORS).map((id) => coSponsors.find((c) => c.toLowerCase() === id)));
      }),
    );
  });
});

describe('coSponsorAddresses', () => {
  it('splits on commas, semicolons and spaces, drops mailto: and angle brackets, and keeps each address once', () => {
    expect(coSponsorAddresses(' <Fox@Contoso.com>; mailto:dana@contoso.com,fox@contoso.com  walter@contoso.com ')).toEqual([
      'fox@contoso.com',
      'dana@contoso.com',
      'walter@contoso.com',
    ]);
    expect(coSponsorAddresses('   ')).toEqual([]);
  });

  it('never yields an empty or duplicate entry', () => {
    fc.assert(
      fc.property(fc.string(), (typed) => {
        const addresses = coSponsorAddresses(typed);
        expect(addresses.every((address) => address !== '')).toBe(true);
        expect(new Set(addresses).size).toBe(addresses.length);
      }),
    );
  });
});
