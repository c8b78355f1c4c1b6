/**
 * `npm run screenshots`: the README's pictures of the bot's cards, taken from the real thing. Starts the
 * local stack with the Agents Playground on free ports, drives Debian's Chromium through a short session
 * and saves each card, clipped to the card, as docs/screenshots/<name>.png. Re-run it after changing a card.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';
import { startLocalStack } from '../../local/stack.js';
import { openPlaygroundInChromium, send } from '../support/playground-page.js';

const OUT_DIR = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
const TIMEOUT_MS = 20_000;
const FAILURE_SHOT = fileURLToPath(new URL('../../.local/screenshots-failure.png', import.meta.url));

/** The paste the README walks through: two good addresses, one that is not an address, one of the organisation's own. */
export const REVIEW_PASTE = 'invite jane@fabrikam.com, Bob <bob@tailspin.com>, not-an-address, someone@contoso.com';

const allCards = (page: Page) => page.locator('.ac-adaptiveCard');

/** Sends a message and waits for the bot's answer: one card more than before. */
async function sayAndWaitForCard(page: Page, text: string): Promise<Locator> {
  const before = await allCards(page).count();
  await send(page, text);
  await allCards(page).nth(before).waitFor({ timeout: TIMEOUT_MS });
  return allCards(page).nth(before);
}

async function save(card: Locator, name: string): Promise<void> {
  await card.scrollIntoViewIfNeeded();
  const path = `${OUT_DIR}${name}.png`;
  await card.screenshot({ path });
  process.stdout.write(`  ${path.replace(process.cwd() + '/', '')}\n`);
}

async function main(): Promise<void> {
  mkdirSync(OUT_DIR, { recursive: true });
  process.stdout.write('Starting the local stack with the Agents Playground…\n');
  const stack = await startLocalStack({ withPlayground: true });
  const { browser, page } = await openPlaygroundInChromium(stack.playground!.url, { deviceScaleFactor: 2 });
  try {
    process.stdout.write('Saving:\n');
    await save(allCards(page).first(), 'welcome');

    const review = await sayAndWaitForCard(page, REVIEW_PASTE);
    await review.getByText('someone@contoso.com').first().waitFor({ timeout: TIMEOUT_MS });
    await save(review, 'review');

    // Send turns the review into the result in place; the card counts up first, so wait until it has no
    // Send button and no progress left.
    await review.getByRole('button', { name: /^Send/ }).click();
    const result = allCards(page).filter({ hasText: 'jane@fabrikam.com' }).filter({ hasText: 'bob@tailspin.com' }).last();
    await result.filter({ hasNot: page.getByRole('button', { name: /^Send/ }) }).filter({ hasNotText: /Sending \d/ }).waitFor({ timeout: TIMEOUT_MS });
    await save(result, 'result');

    await save(await sayAndWaitForCard(page, 'help'), 'help');
  } catch (error) {
    await page.screenshot({ path: FAILURE_SHOT, fullPage: true });
    process.stderr.write(`The page as it was: ${FAILURE_SHOT}\n`);
    throw error;
  } finally {
    await browser.close();
    await stack.close();
  }
}

await main();
