/** The catalogue is complete: every message in every language, every message valid ICU with the same arguments as English (tags stay literal, as the translator reads them). */
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { catalogue, flattenMessages } from '../../src/i18n/catalogue.js';
import { LANGUAGES } from '../../src/i18n/languages.js';

const english = catalogue().en;

function keysOf(language: (typeof LANGUAGES)[number]): string[] {
  return Object.entries(catalogue()[language]).flatMap(([namespace, tree]) => flattenMessages(tree).map(([key]) => `${namespace}:${key}`)).sort();
}

function argumentsOf(elements: MessageFormatElement[]): string[] {
  return elements.flatMap((element) => {
    switch (element.type) {
      case TYPE.argument:
      case TYPE.number:
      case TYPE.date:
      case TYPE.time:
        return [element.value];
      case TYPE.plural:
      case TYPE.select:
        return [element.value, ...Object.values(element.options).flatMap((option) => argumentsOf(option.value))];
      case TYPE.tag:
        return argumentsOf(element.children);
      default:
        return [];
    }
  });
}

describe('message catalogue', () => {
  it('has messages', () => {
    expect(keysOf('en').length).toBeGreaterThan(5);
  });

  it.each(LANGUAGES.filter((language) => language !== 'en'))('%s has exactly the English keys', (language) => {
    expect(keysOf(language)).toEqual(keysOf('en'));
  });

  it.each(LANGUAGES)('every %s message is valid ICU and places the arguments English places', (language) => {
    const problems: string[] = [];
    for (const [namespace, tree] of Object.entries(catalogue()[language])) {
      for (const [key, text] of flattenMessages(tree)) {
        try {
          const englishText = flattenMessages(english[namespace] ?? {}).find(([englishKey]) => englishKey === key)?.[1] ?? '';
          const expected = new Set(argumentsOf(parse(englishText, { ignoreTag: true })));
          const actual = new Set(argumentsOf(parse(text, { ignoreTag: true })));
          if ([...actual].some((name) => !expected.has(name))) problems.push(`${namespace}:${key} places ${[...actual].join(', ')} but English only ${[...expected].join(', ')}`);
        } catch (error) {
          problems.push(`${namespace}:${key}: ${(error as Error).message}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});
