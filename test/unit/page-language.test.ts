import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pageLanguage } from '../../src/app/pages.js';

describe('the language a page is served in', () => {
  it.each([
    ['lang=de', undefined, 'de'],
    ['lang=FR', 'de', 'fr'],
    ['lang=xx', 'de-AT,de;q=0.9', 'de'],
    ['', 'en-US,en;q=0.9,fr;q=0.8', 'en'],
    ['', 'da, fr;q=0.7, de;q=0.8', 'de'],
    ['', 'fr;q=0, de;q=0.1', 'de'],
    ['', '*', 'en'],
    [undefined, undefined, 'en'],
  ])('?%s with Accept-Language %s → %s', (query, header, expected) => {
    expect(pageLanguage(query, header)).toBe(expected);
  });

  it('is always a language the pages are written in, whatever a browser sends', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (query, header) => {
        expect(['en', 'de', 'fr']).toContain(pageLanguage(query, header));
      }),
    );
  });
});
