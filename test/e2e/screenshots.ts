/**
 * `npm run screenshots`: the README's pictures of the bot's cards, taken from the real thing. Starts the
 * local stack with the Agents Playground on free ports, drives Debian's Chromium through a short session
 * and saves each card, clipped to the card, as docs/screenshots/<name>.png: the first steps, the
 * administrators' report, My guests; then the same first steps with the Playground's user speaking German and French
 * (test/support/playground-language.ts) as docs/screenshots/de-<name>.png and fr-<name>.png. Re-run it after
 * changing a card.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';
import { startLocalStack, type LocalStack } from '../../local/stack.js';
import { translatorFor, type Translator } from '../../src/i18n/translator.js';
import { FRENCH_CLIENT, GERMAN_CLIENT, startLanguageRelay, type ClientLanguage } from '../support/playground-language.js';
import { openPlaygroundInChromium, send } from '../support/playground-page.js';
import { SimulatorControl } from '../support/simulator-control.js';

const OUT_DIR = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
const TIMEOUT_MS = 20_000;
const FAILURE_SHOT = fileURLToPath(new URL('../../.local/screenshots-failure.png', import.meta.url));

/** The paste the README walks through (after the command's word): two good addresses, one that is not an address, one of the organisation's own. */
const REVIEW_ADDRESSES = 'jane@fabrikam.com, Bob <bob@tailspin.com>, not-an-address, someone@contoso.com';

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

/** The first words a command is understood by in the user's language ("help, ?" → "help"). */
const command = (words: Translator, key: string) => words.t(`commands:${key}`).split(',')[0]!.trim();
const verb = (words: Translator, name: string) => command(words, `verbs.${name}`);

/** The Playground in Chromium on a stack of its own, its user speaking `client`'s language (English without one). */
async function withPlayground(client: ClientLanguage | undefined, session: (page: Page, stack: LocalStack, words: Translator) => Promise<void>): Promise<void> {
  const words = translatorFor(client ?? { locale: 'en-US' });
  const stack = await startLocalStack({
    withPlayground: true,
    ...(client ? { playgroundRelay: (bot: string) => startLanguageRelay(bot, client) } : {}),
  });
  try {
    const { browser, page } = await openPlaygroundInChromium(stack.playground!.url, { deviceScaleFactor: 2, welcomeText: words.t('cards/welcome:intro') });
    try {
      await session(page, stack, words);
    } catch (error) {
      await page.screenshot({ path: FAILURE_SHOT, fullPage: true });
      process.stderr.write(`The page as it was: ${FAILURE_SHOT}\n`);
      throw error;
    } finally {
      await browser.close();
    }
  } finally {
    await stack.close();
  }
}

/** Welcome, a review with flagged addresses, its result after Send, and help: `<prefix>welcome.png` and so on. */
async function firstSteps(page: Page, words: Translator, prefix: string): Promise<void> {
  await save(allCards(page).first(), `${prefix}welcome`);

  const review = await sayAndWaitForCard(page, `${verb(words, 'invite')} ${REVIEW_ADDRESSES}`);
  await review.getByText('someone@contoso.com').first().waitFor({ timeout: TIMEOUT_MS });
  await save(review, `${prefix}review`);

  // Send turns the review into the result in place; the card counts up first, so wait for the result's title.
  await review.getByRole('button', { name: words.t('cards/review:send', { ready: 2 }), exact: true }).click();
  const result = allCards(page).filter({ hasText: words.t('cards/batch-status:done.title', { invited: 2 }) }).filter({ hasText: 'bob@tailspin.com' }).last();
  await result.waitFor({ timeout: TIMEOUT_MS });
  await save(result, `${prefix}result`);

  await save(await sayAndWaitForCard(page, verb(words, 'help')), `${prefix}help`);
}

async function main(): Promise<void> {
  mkdirSync(OUT_DIR, { recursive: true });
  process.stdout.write('Starting the local stack with the Agents Playground…\nSaving:\n');
  await withPlayground(undefined, async (page, stack, words) => {
    await firstSteps(page, words, '');
    // Something for each of the report's charts: Jane and Bob accept, each on their path, and Microsoft refuses
    // one invitation (the domain blocked by the tenant's collaboration restrictions).
    const sim = new SimulatorControl(stack.simulator.url);
    for (const guest of ['jane@fabrikam.com', 'bob@tailspin.com']) {
      await sim.redeem(guest);
      await allCards(page).filter({ hasText: guest }).filter({ hasText: 'accepted your invitation' }).waitFor({ timeout: TIMEOUT_MS });
    }
    await sim.fault({ method: 'POST', path: '/v1.0/invitations', status: 400, code: 'BadRequest', message: 'The domain of the invited user is blocked by the collaboration restrictions.', count: 1 });
    const refused = await sayAndWaitForCard(page, `${verb(words, 'invite')} kim@northwind.com`);
    await refused.getByRole('button', { name: words.t('cards/review:send', { ready: 1 }), exact: true }).click();
    await allCards(page).filter({ hasText: words.t('cards/batch-status:done.title', { invited: 0 }) }).filter({ hasText: 'kim@northwind.com' }).waitFor({ timeout: TIMEOUT_MS });
    // And one guest who has not accepted yet, for My guests to offer what applies to a pending invitation.
    const pending = await sayAndWaitForCard(page, `${verb(words, 'invite')} Ravi Patel <ravi@litware.org>`);
    await pending.getByRole('button', { name: words.t('cards/review:send', { ready: 1 }), exact: true }).click();
    await allCards(page).filter({ hasText: words.t('cards/batch-status:done.title', { invited: 1 }) }).filter({ hasText: 'ravi@litware.org' }).waitFor({ timeout: TIMEOUT_MS });
    // Four weeks keep the week labels readable; the window grows so the whole card, charts and all, is on screen.
    await page.setViewportSize({ width: 1400, height: 2200 });
    const report = await sayAndWaitForCard(page, `${verb(words, 'report')} 4`);
    await report.locator('svg').first().waitFor({ timeout: TIMEOUT_MS });
    await save(report, 'report');

    // Dana sponsors the guests she invited: My guests lists them with their state, path, sponsor and age.
    const myGuests = await sayAndWaitForCard(page, command(words, 'phrases.my-guests'));
    await myGuests.getByText('bob@tailspin.com').first().waitFor({ timeout: TIMEOUT_MS });
    await save(myGuests, 'my-guests');
  });
  for (const client of [GERMAN_CLIENT, FRENCH_CLIENT]) {
    process.stdout.write(`The Playground's user speaking ${client.locale}…\n`);
    await withPlayground(client, (page, _stack, words) => firstSteps(page, words, `${words.language}-`));
  }
}

await main();
