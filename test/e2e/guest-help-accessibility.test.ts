/**
 * The guest help page in Chromium, in every language the bot speaks: axe finds no WCAG 2.2 AA violation (the
 * wcag22aa tag switches on target-size, off by default), and a keyboard alone reaches every link with a
 * visible focus, starting with the skip link.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../src/i18n/languages.js';
import { useBotStack } from '../support/bot-stack.js';
import { launchChromium } from '../support/playground-page.js';

const stack = useBotStack({}, { timeout: 90_000 });
let browser: Browser;
let base: string;

beforeAll(async () => {
  base = stack.bot.messagesEndpoint.replace(/\/api\/messages$/, '');
  browser = await launchChromium();
}, 90_000);

afterAll(async () => {
  await browser?.close();
});

interface FocusState {
  readonly tag: string;
  readonly href: string;
  readonly outline: boolean;
  readonly box: { readonly width: number; readonly height: number };
}

/** Run in the page (the tests compile without the DOM library): what has the keyboard focus, and whether it shows. */
const FOCUS_STATE = `(() => {
  const element = document.activeElement;
  const style = getComputedStyle(element);
  const box = element.getBoundingClientRect();
  return { tag: element.tagName, href: element.getAttribute('href') ?? '', outline: style.outlineStyle !== 'none' && style.outlineWidth !== '0px', box: { width: box.width, height: box.height } };
})()`;

describe.each(LANGUAGES)('/guest-help in %s', (language) => {
  it('has no WCAG 2.2 AA violation, in light and dark colours', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      // axe opens its own pages in the same context, so each run gets a context of its own.
      const context = await browser.newContext({ colorScheme, viewport: { width: 390, height: 844 } });
      const page = await context.newPage();
      try {
        await page.goto(`${base}/guest-help?lang=${language}`);
        expect(await page.getAttribute('html', 'lang')).toBe(language);
        const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa', 'best-practice']).analyze();
        expect(results.violations.map((violation) => `${colorScheme}: ${violation.id} (${violation.nodes.length}): ${violation.help}`)).toEqual([]);
        // The rules ran: a page axe could not read would report no violations too.
        expect(results.passes.map((rule) => rule.id)).toEqual(expect.arrayContaining(['color-contrast', 'html-has-lang', 'landmark-one-main', 'target-size']));
      } finally {
        await context.close();
      }
    }
  });

  it('is usable by keyboard: the skip link first, then every link in order, each with a visible focus ring', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${base}/guest-help?lang=${language}`);
      const links = await page.locator('a[href]').count();
      const focused: string[] = [];
      for (let step = 0; step < links; step++) {
        await page.keyboard.press('Tab');
        const state = await page.evaluate<FocusState>(FOCUS_STATE);
        expect(state.tag, `step ${step}`).toBe('A');
        expect(state.outline, `focus ring on ${state.href}`).toBe(true);
        expect(state.box.width * state.box.height, `${state.href} is on screen when focused`).toBeGreaterThan(0);
        focused.push(state.href);
      }
      expect(focused[0]).toBe('#content');
      expect(new Set(focused).size).toBeGreaterThan(10);
      // The skip link moves focus past the language list into the content.
      await page.keyboard.press('Shift+Tab');
      await page.goto(`${base}/guest-help?lang=${language}`);
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      expect(await page.evaluate<string>('document.activeElement.id')).toBe('content');
    } finally {
      await page.close();
    }
  });
});
