/**
 * End to end, as a person would: the whole local stack (Azurite, tenant simulator, the bot as its own
 * process, the Agents Playground), Debian's Chromium driven by playwright-core. Type or paste an invite,
 * review it, press Send, watch the card change, and the simulator must have received exactly one
 * POST /invitations per ready address.
 */
import { describe, expect, it } from 'vitest';
import { usePlaygroundInChromium } from '../support/playground-session.js';
import { card as cardOn, pressSubmitButton, send as sendOn, WELCOME_TEXT } from '../support/playground-page.js';
import { SimulatorControl } from '../support/simulator-control.js';

const session = usePlaygroundInChromium();

const send = (text: string) => sendOn(session.page, text);
const card = (text: string | RegExp) => cardOn(session.page, text);

/** The card's text as the page shows it, one line per text, fact title or fact value. */
async function shownLines(on: ReturnType<typeof card>): Promise<string[]> {
  return (await on.innerText()).split(/[\n\t]/).map((line) => line.trim()).filter(Boolean);
}

describe('first steps in the Playground', () => {
  it('the welcome card’s Invite someone opens the form and Help shows the help, each in a new card, arguments and all', async () => {
    const welcome = card(WELCOME_TEXT);
    const invite = await pressSubmitButton(session.page, welcome, 'Invite someone');
    expect(invite).toMatchObject({ status: 200, value: { command: 'invite' } });
    const form = card('Invite guests').filter({ hasText: 'Paste addresses in any form' });
    await form.waitFor({ timeout: 30_000 });
    // Microsoft delivery (the local default) drops personal notes: the form says how to send one instead of offering it.
    await form.getByText('INVITATION_DELIVERY=mailbox').first().waitFor();
    expect(await form.getByText(/Personal note/).count()).toBe(0);

    await pressSubmitButton(session.page, welcome, 'Help');
    const help = card('Guest Invites: help');
    await help.waitFor({ timeout: 30_000 });
    const lines = await shownLines(help);
    for (const example of ['invite jane@fabrikam.com, bob@tailspin.com', 'help the link expired', 'status jane@fabrikam.com']) expect(lines).toContain(example);
    // A command whose argument Teams ate as markup would show as a second bare "invite", "help" or "status".
    for (const command of ['invite', 'help', 'status']) expect(lines.filter((line) => line === command), command).toHaveLength(1);
    expect(await welcome.isVisible()).toBe(true);
    await session.page.screenshot({ path: '.local/e2e-welcome-help.png', fullPage: true });
  });

  it('hi is answered by name with what one can do; its buttons work', async () => {
    await send('hi');
    const greeting = card(/Hello, .+!/);
    await greeting.waitFor({ timeout: 30_000 });
    for (const title of ['Invite someone', 'My invitations', 'Help']) await greeting.getByRole('button', { name: title }).waitFor();
    expect(await session.page.getByText('I don’t know the command').count()).toBe(0);
    await pressSubmitButton(session.page, greeting, 'My invitations');
    await card(/Your invitations \(\d+\)/).waitFor({ timeout: 30_000 });
  });
});

describe('inviting from the Playground', () => {
  it('invite shows a review; Send invites and the card turns into the result in place', async () => {
    await send('invite Erin Example <erin.e2e@fabrikam.com>');
    const review = card('Review before sending').filter({ hasText: 'erin.e2e@fabrikam.com' });
    await review.waitFor({ timeout: 30_000 });
    const sim = new SimulatorControl(session.stack.simulator.url);
    expect(await sim.invitationCallsFor('erin.e2e@fabrikam.com')).toHaveLength(0);

    await review.getByRole('button', { name: 'Send invitation' }).click();
    await card('Invitation sent').filter({ hasText: 'erin.e2e@fabrikam.com' }).waitFor({ timeout: 30_000 });
    const calls = await sim.invitationCallsFor('erin.e2e@fabrikam.com');
    expect(calls).toHaveLength(1);
    expect(calls[0]?.status).toBe(201);
    await session.page.screenshot({ path: '.local/e2e-invite.png' });
  });

  it('a pasted list of 20 mixed addresses is reviewed in groups, and Send invites the ready ones', async () => {
    const paste = [
      'Ada Lovelace <ada.e2e@northwind.com>; "Hopper, Grace" <grace.e2e@northwind.com>',
      'linus.e2e@litware.org, ken.e2e@litware.org, dennis.e2e@litware.org, ADA.E2E@northwind.com',
      'margaret.e2e@tailspin.com; edsger.e2e@tailspin.com; tony.e2e@tailspin.com; barbara.e2e@tailspin.com',
      'jane+news@fabrikam.com bad!char@fabrikam.com nodomain@fabrikam',
      'fox@contoso.com walter@contoso.com ann@fabrikam.com pending.guest@fabrikam.com',
      'john.e2e@northwind.com alan.e2e@tailspin.com mary.e2e@northwind.com',
    ].join(' ');
    await send(`invite ${paste}`);
    const review = card('Review before sending').filter({ hasText: 'ada.e2e@northwind.com' });
    await review.waitFor({ timeout: 30_000 });
    for (const heading of ['Ready to invite', 'Not valid addresses', 'Already in your organisation', 'Already guests']) {
      await expect(review.getByText(heading).first().isVisible()).resolves.toBe(true);
    }
    await expect(review.getByText('1 duplicate merged').first().isVisible()).resolves.toBe(true);

    await review.screenshot({ path: '.local/e2e-review.png' });
    await review.getByRole('button', { name: 'Send 12 invitations' }).click();
    await card('12 invitations sent').waitFor({ timeout: 60_000 });
    const counts = await new SimulatorControl(session.stack.simulator.url).invitationCounts();
    expect(counts['ada.e2e@northwind.com']).toBe(1);
    expect(counts['fox@contoso.com']).toBeUndefined();
    await session.page.screenshot({ path: '.local/e2e-batch.png', fullPage: true });
  });

  it('a 30-address batch: the card counts up in place while Graph throttles, then shows the result', async () => {
    const sim = new SimulatorControl(session.stack.simulator.url);
    // Graph's budget, scaled down so the batch takes seconds and the card has something to count.
    await sim.throttle(6, 1);
    const list = Array.from({ length: 30 }, (_, i) => `count.${i}@northwind.com`);
    await send(`invite ${list.join(', ')}`);
    const review = card('Review before sending').filter({ hasText: 'count.0@northwind.com' });
    await review.waitFor({ timeout: 30_000 });
    await review.getByRole('button', { name: 'Send 30 invitations' }).click();

    const seen = new Set<number>();
    const status = session.page.locator('.ac-adaptiveCard').filter({ hasText: /Sending 30 invitations|30 invitations sent/ }).last();
    await expect
      .poll(
        async () => {
          const text = (await status.textContent({ timeout: 1000 }).catch(() => '')) ?? '';
          const done = /(\d+) of 30 done/.exec(text);
          if (done) seen.add(Number(done[1]));
          return text.includes('30 invitations sent');
        },
        { timeout: 60_000, interval: 200 },
      )
      .toBe(true);
    expect([...seen].some((count) => count > 0 && count < 30), `counts seen: ${[...seen].join(', ')}`).toBe(true);
    const counts = await sim.invitationCounts();
    for (const address of list) expect(counts[address]).toBe(1);
    expect((await sim.throttleCounts()).admitted).toBeGreaterThanOrEqual(30);
    await session.page.screenshot({ path: '.local/e2e-progress.png', fullPage: true });
  });

  it('a Gmail address with Google federation off and passcodes on: the review predicts the passcode and Send shows the steps', async () => {
    const sim = new SimulatorControl(session.stack.simulator.url);
    const settingsCard = (google: RegExp) => card('How guests sign in to your organisation').filter({ hasText: google });
    const original = (await sim.configuration()).socialIdentityProviders;
    expect(original.some((provider) => provider.identityProviderType === 'Google')).toBe(true);
    try {
      // Google federation off (passcodes are on in the seeded tenant); the bot caches the configuration.
      await sim.configure({ socialIdentityProviders: [] });
      await send('refresh');
      await settingsCard(/Google federation \(Gmail\):?\s*off/).waitFor({ timeout: 30_000 });

      await send('invite lee.e2e@gmail.com');
      const review = card('Review before sending').filter({ hasText: 'lee.e2e@gmail.com' });
      await review.waitFor({ timeout: 30_000 });
      await review.getByText('Signs in with: Email passcode or Microsoft account').first().waitFor();
      await review.getByText('Google federation is off, so this Gmail address does not sign in with Google.').first().waitFor();

      await review.getByRole('button', { name: 'Send invitation' }).click();
      const sent = card('Invitation sent').filter({ hasText: 'lee.e2e@gmail.com' });
      await sent.waitFor({ timeout: 30_000 });
      await sent.getByText('Microsoft emailed each guest; if one asks how to sign in, the details are here.').first().waitFor();
      await sent.getByRole('button', { name: 'Show details' }).click();
      await sent.getByText('Type the code within 30 minutes').first().waitFor();
      expect(await sim.invitationCallsFor('lee.e2e@gmail.com')).toHaveLength(1);
      await session.page.screenshot({ path: '.local/e2e-paths.png' });
    } finally {
      // Put Google back (not sim.reset(): that would forget the invitations of the other tests) and let the bot read it.
      await sim.configure({ socialIdentityProviders: original });
      await send('refresh');
      await settingsCard(/Google federation \(Gmail\):?\s*on/).waitFor({ timeout: 30_000 });
    }
  });

  it('the guest accepts: the card changes and the chat is told, with nothing typed', async () => {
    const sim = new SimulatorControl(session.stack.simulator.url);
    await send('invite Accept Tester <accept.e2e@litware.org>');
    const review = card('Review before sending').filter({ hasText: 'accept.e2e@litware.org' });
    await review.waitFor({ timeout: 30_000 });
    await review.getByRole('button', { name: 'Send invitation' }).click();
    const result = card('Invitation sent').filter({ hasText: 'accept.e2e@litware.org' });
    await result.waitFor({ timeout: 30_000 });

    await sim.redeem('accept.e2e@litware.org');
    await card('Invitation sent').filter({ hasText: 'Accepted.' }).filter({ hasText: 'accept.e2e@litware.org' }).waitFor({ timeout: 30_000 });
    await card('Invitation accepted').filter({ hasText: 'accept.e2e@litware.org' }).filter({ hasText: 'accepted your invitation' }).waitFor({ timeout: 30_000 });
    await session.page.screenshot({ path: '.local/e2e-accepted.png' });
  });
});
