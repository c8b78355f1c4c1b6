/**
 * End to end in German and in French: the whole local stack with the Agents Playground in Chromium, its user
 * given a German or French Teams client (test/support/playground-language.ts), typing the commands in that
 * language. Help, a review with flagged addresses, a batch counting up and its result must show on screen in
 * the user's words, as a native speaker wrote them; the English words must not.
 */
import { describe, expect, it } from 'vitest';
import { usePlaygroundInChromium } from '../support/playground-session.js';
import { FRENCH_CLIENT, GERMAN_CLIENT, startLanguageRelay, type ClientLanguage } from '../support/playground-language.js';
import { card as cardOn, send as sendOn } from '../support/playground-page.js';
import { SimulatorControl } from '../support/simulator-control.js';

interface Expected {
  readonly client: ClientLanguage;
  readonly welcome: string;
  readonly invite: string;
  readonly help: string;
  readonly helpTitle: string;
  readonly helpLines: readonly string[];
  readonly reviewTitle: string;
  readonly reviewSummary: string;
  readonly headings: readonly string[];
  readonly ownDomainNote: string;
  readonly sendOne: string;
  readonly sendSix: string;
  readonly sentOne: string;
  readonly sendingSix: RegExp;
  readonly sentSix: string;
  readonly invited: string;
}

const GERMAN: Expected = {
  client: GERMAN_CLIENT,
  welcome: 'Ich lade Personen außerhalb Ihrer Organisation als Microsoft Entra-Gäste ein',
  invite: 'einladen',
  help: 'hilfe',
  helpTitle: 'Guest Invites: Hilfe',
  helpLines: ['einladen jane@fabrikam.com, bob@tailspin.com', 'hilfe der Link ist abgelaufen', 'Diese Karte'],
  reviewTitle: 'Vor dem Senden prüfen',
  reviewSummary: '1 Adresse bereit zum Einladen, 2 erfordern Ihre Aufmerksamkeit (werden nicht gesendet).',
  headings: ['Bereit zum Einladen', 'Keine Adressen (kein @)', 'Bereits in Ihrer Organisation (Ihre eigenen Domänen)'],
  ownDomainNote: 'contoso.com ist eine Domäne Ihrer Organisation.',
  sendOne: 'Einladung senden',
  sendSix: '6 Einladungen senden',
  sentOne: 'Einladung gesendet',
  sendingSix: /6 Einladungen werden gesendet… (\d+) von 6 erledigt/,
  sentSix: '6 Einladungen gesendet',
  invited: 'Eingeladen',
};

const FRENCH: Expected = {
  client: FRENCH_CLIENT,
  welcome: 'J’invite des personnes extérieures à votre organisation en tant qu’invités Microsoft Entra',
  invite: 'inviter',
  help: 'aide',
  helpTitle: 'Guest Invites : aide',
  helpLines: ['inviter jane@fabrikam.com, bob@tailspin.com'],
  reviewTitle: 'Vérifier avant l’envoi',
  reviewSummary: '1 adresse prête à inviter, 2 demandent votre attention (non envoyées).',
  headings: ['Prêtes à inviter', 'Pas des adresses (pas de @)', 'Déjà dans votre organisation (vos propres domaines)'],
  ownDomainNote: 'contoso.com est un domaine de votre organisation.',
  sendOne: 'Envoyer l’invitation',
  sendSix: 'Envoyer 6 invitations',
  sentOne: 'Invitation envoyée',
  sendingSix: /Envoi de 6 invitations… (\d+) sur 6 traitées/,
  sentSix: '6 invitations envoyées',
  invited: 'Invités',
};

/** The card's text as the page shows it, one line per text, fact title or fact value. */
async function shownLines(on: ReturnType<typeof cardOn>): Promise<string[]> {
  return (await on.innerText()).split(/[\n\t]/).map((line) => line.trim()).filter(Boolean);
}

describe.each([
  ['German', GERMAN],
  ['French', FRENCH],
])('a %s user in the Playground', (_language, expected) => {
  // The welcome card, sent when the page loads, already speaks the user's language.
  const session = usePlaygroundInChromium({ playgroundRelay: (bot) => startLanguageRelay(bot, expected.client) }, { welcomeText: expected.welcome });
  const send = (text: string) => sendOn(session.page, text);
  const card = (text: string | RegExp) => cardOn(session.page, text);
  const tag = expected.client.locale.slice(0, 2);

  it('help, typed in the language, shows the help card in it', async () => {
    await send(expected.help);
    const help = card(expected.helpTitle);
    await help.waitFor({ timeout: 30_000 });
    const lines = await shownLines(help);
    for (const line of expected.helpLines) expect(lines).toContain(line);
    expect(await session.page.getByText('Guest Invites: help', { exact: true }).count()).toBe(0);
  });

  it('a review flags an address of the organisation’s own and one that is not an address, in the user’s words; Send gives the result', async () => {
    const ready = `review.${tag}@fabrikam.com`;
    await send(`${expected.invite} ${ready}, someone@contoso.com, not-an-address`);
    const review = card(expected.reviewTitle).filter({ hasText: ready });
    await review.waitFor({ timeout: 30_000 });
    const lines = await shownLines(review);
    expect(lines).toContain(expected.reviewSummary);
    for (const heading of expected.headings) expect(lines).toContain(heading);
    await review.getByText(expected.ownDomainNote).first().waitFor();
    expect(await review.getByText('Review before sending').count()).toBe(0);

    await review.getByRole('button', { name: expected.sendOne, exact: true }).click();
    const result = card(expected.sentOne).filter({ hasText: ready });
    await result.waitFor({ timeout: 30_000 });
    expect(await shownLines(result)).toContain(expected.invited);
    expect(await new SimulatorControl(session.stack.simulator.url).invitationCallsFor(ready)).toHaveLength(1);
  });

  it('a batch counts up in the user’s words while Graph throttles, then shows the result', async () => {
    const sim = new SimulatorControl(session.stack.simulator.url);
    // Graph's budget, scaled down so the batch takes about ten seconds: the card (updated at most every 2 s) has several counts to show.
    await sim.throttle(1, 2);
    const list = Array.from({ length: 6 }, (_, i) => `count.${tag}.${i}@northwind.com`);
    await send(`${expected.invite} ${list.join(', ')}`);
    const review = card(expected.reviewTitle).filter({ hasText: list[0]! });
    await review.waitFor({ timeout: 30_000 });
    await review.getByRole('button', { name: expected.sendSix, exact: true }).click();

    const seen = new Set<number>();
    const status = session.page.locator('.ac-adaptiveCard').filter({ hasText: list[0]! }).last();
    await expect
      .poll(
        async () => {
          const text = (await status.textContent({ timeout: 1000 }).catch(() => '')) ?? '';
          const done = expected.sendingSix.exec(text);
          if (done) seen.add(Number(done[1]));
          return text.includes(expected.sentSix);
        },
        { timeout: 60_000, interval: 100 },
      )
      .toBe(true);
    expect([...seen].some((count) => count < 6), `counts seen: ${[...seen].join(', ')}`).toBe(true);
    const counts = await sim.invitationCounts();
    for (const address of list) expect(counts[address]).toBe(1);
  });
});
