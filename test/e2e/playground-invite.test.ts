/**
 * End to end, as a person would: the whole local stack (Azurite, tenant simulator, the bot as its own
 * process, the Agents Playground), Debian's Chromium driven by playwright-core. Type an invite, see the
 * card, and the simulator must have received exactly one POST /invitations for that address.
 */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startLocalStack, type LocalStack } from '../../local/stack.js';
import { SimulatorControl } from '../support/simulator-control.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let stack: LocalStack;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  stack = await startLocalStack({ withPlayground: true });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(stack.playground!.url);
  // The welcome card is the sign that the Playground reached the bot.
  await page.getByText('I invite people from outside your organisation').first().waitFor({ timeout: 30_000 });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

async function send(text: string): Promise<void> {
  const box = page.getByRole('textbox').first();
  await box.click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

describe('inviting from the Playground', () => {
  it('invites a guest from the personal chat and shows the result card', async () => {
    await send('invite Erin Example <erin.e2e@fabrikam.com>');
    await page.locator('.ac-adaptiveCard').filter({ hasText: 'Invitation sent' }).filter({ hasText: 'erin.e2e@fabrikam.com' }).first().waitFor({ timeout: 30_000 });

    const sim = new SimulatorControl(stack.simulator.url);
    const calls = await sim.invitationCallsFor('erin.e2e@fabrikam.com');
    expect(calls).toHaveLength(1);
    expect(calls[0]?.status).toBe(201);
    await page.screenshot({ path: '.local/e2e-invite.png' });
  });

  it('sending the same invite again shows it was already invited and sends nothing new', async () => {
    await send('invite erin.e2e@fabrikam.com');
    await page.locator('.ac-adaptiveCard').filter({ hasText: 'Already invited' }).first().waitFor({ timeout: 30_000 });
    expect(await new SimulatorControl(stack.simulator.url).invitationCallsFor('erin.e2e@fabrikam.com')).toHaveLength(1);
  });
});
