/**
 * "Invite guests from this message" in the Agents Playground (0.2.28), driven in Chromium: the … menu of a
 * message → Action Command (the Playground reads no manifest, so the command id is typed, as its docs say) →
 * the bot's review dialog from the message the Playground turned into HTML → Send → the progress card in the
 * chat, and exactly one invitation per address at the simulator.
 */
import { expect, it } from 'vitest';
import { usePlaygroundInChromium } from '../support/playground-session.js';
import { card, send } from '../support/playground-page.js';
import { SimulatorControl } from '../support/simulator-control.js';

const session = usePlaygroundInChromium();

it('a message’s … menu opens the review of its addresses; Send invites each once and the card follows in the chat', async () => {
  await send(session.page, 'Please invite Jane Doe <jane.me2e@fabrikam.com> and omar.me2e@northwind.example');
  const sent = session.page.getByText('omar.me2e@northwind.example').first();
  await sent.waitFor({ timeout: 30_000 });
  // The message's own … (a menu button the Playground draws just above the message's start once it is hovered;
  // the hover is repeated until the button is there).
  const menus = session.page.locator('button[aria-haspopup="menu"]');
  const nearestMenu = async (): Promise<number | undefined> => {
    await sent.hover();
    const at = (await sent.boundingBox())!;
    let nearest: { index: number; distance: number } | undefined;
    for (let index = 0; index < (await menus.count()); index++) {
      const box = await menus.nth(index).boundingBox();
      if (!box || box.y > at.y || Math.abs(box.x - at.x) > 60) continue;
      const distance = at.y - box.y;
      if (!nearest || distance < nearest.distance) nearest = { index, distance };
    }
    return nearest?.index;
  };
  await expect.poll(nearestMenu, { message: 'the message has its … menu', timeout: 15_000 }).toBeDefined();
  await menus.nth((await nearestMenu())!).click();
  await session.page.getByRole('menuitem', { name: 'Action Command' }).click();
  await session.page.getByPlaceholder('Input command id or leave blanks').fill('inviteFromMessage');
  await session.page.getByRole('button', { name: 'Create' }).click();

  const dialog = session.page.locator('[role=dialog]').filter({ hasText: 'Untick anyone' });
  await dialog.waitFor({ timeout: 30_000 });
  const text = await dialog.innerText();
  expect(text).toContain('Invite guests from this message');
  expect(text).toContain('jane.me2e@fabrikam.com');
  expect(text).toContain('omar.me2e@northwind.example');
  await session.page.screenshot({ path: '.local/e2e-message-extension-dialog.png' });

  const sim = new SimulatorControl(session.stack.simulator.url);
  expect((await sim.invitationCounts())['jane.me2e@fabrikam.com'] ?? 0).toBe(0);
  await dialog.getByRole('button', { name: 'Send 2 invitations' }).click();

  await card(session.page, '2 invitations sent').waitFor({ timeout: 60_000 });
  const counts = await sim.invitationCounts();
  expect(counts['jane.me2e@fabrikam.com']).toBe(1);
  expect(counts['omar.me2e@northwind.example']).toBe(1);
  await session.page.keyboard.press('Escape');
  await session.page.screenshot({ path: '.local/e2e-message-extension-progress.png' });
}, 180_000);
