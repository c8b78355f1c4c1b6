/**
 * The Agents Playground's page in Debian's Chromium (playwright-core), and what a person does there: type
 * in the chat, find a card, open a conversation from the left pane, press a card's button. Shared by the
 * e2e tests; the Playground's UI always acts as its one current user.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { z } from 'zod';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Words of the bot's welcome card, which the Playground has it send when the page loads. */
export const WELCOME_TEXT = 'I invite people from outside your organisation';

export interface PlaygroundInChromium {
  readonly browser: Browser;
  readonly page: Page;
}

/** Debian's Chromium, headless, quiet on the network: what every browser test runs in. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** Launches Chromium on the Playground and waits for the welcome card: the sign that the Playground reached the bot. */
export async function openPlaygroundInChromium(url: string, options: { deviceScaleFactor?: number } = {}): Promise<PlaygroundInChromium> {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, deviceScaleFactor: options.deviceScaleFactor ?? 1 });
    await page.goto(url);
    await page.getByText(WELCOME_TEXT).first().waitFor({ timeout: 30_000 });
    return { browser, page };
  } catch (error) {
    await browser.close();
    throw error;
  }
}

/**
 * Types into the open chat's compose box and sends with Enter (a personal chat: no @mention needed). The
 * compose box is the page's editable text area, not a card's Input.Text (a form card in the chat is one too).
 */
export async function send(page: Page, text: string): Promise<void> {
  const box = page.getByRole('textbox').and(page.locator('[contenteditable="true"]')).first();
  await box.click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

/** Every Adaptive Card shown in the open conversation that contains `text`. */
export function cards(page: Page, text: string | RegExp): Locator {
  return page.locator('.ac-adaptiveCard').filter({ hasText: text });
}

/** The newest Adaptive Card shown that contains `text`. */
export function card(page: Page, text: string | RegExp): Locator {
  return cards(page, text).last();
}

/**
 * Types into a card's Input.Text key by key, as a person does. Locator.fill() changes the field on screen
 * but not the card's input value: the Action.Execute that follows is sent without it.
 */
export async function typeInCard(input: Locator, text: string): Promise<void> {
  await input.click();
  await input.pressSequentially(text);
}

/** Opens a conversation from the left pane by its label: 'Personal Chat', 'Partner onboarding', '<team> - <channel>'. */
export async function openConversation(page: Page, label: string): Promise<void> {
  await page.getByRole('treeitem', { name: label, exact: true }).click();
}

/** An Action.Execute button pressed in the page: what the page sent to the Playground, and the HTTP status it got back. */
export interface CardPress {
  /** In a channel, `<channel id>;messageid=<id of the post>`. */
  readonly conversationId: string;
  /** The activity id of the card's message. */
  readonly replyToId: string;
  readonly verb: string;
  /** The action's data with the card's inputs merged in, as the bot receives them. */
  readonly data: Record<string, unknown>;
  /** 200 when the bot answered 200; the Playground answers 502 when the bot's invoke answer had an error status. */
  readonly status: number;
}

const pageInvoke = z.object({
  conversation: z.object({ id: z.string() }),
  replyToId: z.string(),
  value: z.object({ action: z.object({ verb: z.string(), data: z.record(z.string(), z.unknown()) }) }),
});

/** Presses a card's Action.Execute button and waits for the Playground's answer to the page. */
export async function pressCardButton(page: Page, on: Locator, title: string): Promise<CardPress> {
  const answered = page.waitForResponse(
    (response) => response.request().method() === 'POST' && new URL(response.url()).pathname === '/_conversation/v1/invoke',
    { timeout: 30_000 },
  );
  await on.getByRole('button', { name: title }).click();
  const response = await answered;
  const sent = pageInvoke.parse(response.request().postDataJSON());
  return {
    conversationId: sent.conversation.id,
    replyToId: sent.replyToId,
    verb: sent.value.action.verb,
    data: sent.value.action.data,
    status: response.status(),
  };
}

/** An Action.Submit button pressed in the page: the data the bot receives as the message's value, and the Playground's answer. */
export interface SubmitPress {
  readonly value: Record<string, unknown>;
  readonly status: number;
}

const pageSubmit = z.object({ value: z.record(z.string(), z.unknown()) });

/** Presses a card's Action.Submit button and waits for the Playground to take it (it posts it to the bot as a message). */
export async function pressSubmitButton(page: Page, on: Locator, title: string): Promise<SubmitPress> {
  const answered = page.waitForResponse(
    (response) => response.request().method() === 'POST' && new URL(response.url()).pathname === '/_conversation/v1/submit',
    { timeout: 30_000 },
  );
  await on.getByRole('button', { name: title }).click();
  const response = await answered;
  return { value: pageSubmit.parse(response.request().postDataJSON()).value, status: response.status() };
}
