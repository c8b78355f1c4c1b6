/**
 * The same conversation in German and French through the real /api/messages: the user's Teams locale chooses
 * the words, the commands are understood in their language (and in English), and the invitation email's
 * language follows the inviter unless the review changes it. The bot has a public address here, so the guest's
 * steps and the help answers link to its guest help page in the reader's language.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { freePort } from '../../local/stack.js';
import { cardAction, DANA, message, postActivity } from '../support/activities.js';
import { useBotStack } from '../support/bot-stack.js';
import { actionData, cardText } from '../support/connector-recorder.js';
import { validCard } from '../support/conversation.js';
import { validateCard } from '../support/schemas.js';

let publicBaseUrl: string;
const stack = useBotStack(async () => {
  const port = await freePort();
  publicBaseUrl = `http://127.0.0.1:${port}`;
  return {
    INVITE_BLOCKED_DOMAINS: '*.blocked.example',
    PORT: String(port),
    PUBLIC_BASE_URL: publicBaseUrl,
    NOTIFICATION_CLIENT_STATE: 'a-shared-secret-for-every-instance',
  };
});

beforeEach(() => stack.connector.clear());

const GERMAN = { locale: 'de-DE', timeZone: 'Europe/Berlin' };
const FRENCH = { locale: 'fr-FR', timeZone: 'Europe/Paris' };
type Speaker = { locale?: string; timeZone?: string };

const options = (speaker: Speaker) => ({ serviceUrl: stack.connector.serviceUrl, tenantId: stack.simulator.tenantId, ...speaker });

async function say(text: string, speaker: Speaker): Promise<Record<string, unknown>> {
  stack.connector.clear();
  const response = await postActivity(stack.bot.messagesEndpoint, message(text, options(speaker)));
  expect(response.status).toBe(200);
  const [reply] = await stack.connector.waitFor((call) => call.activity.type === 'message' && call.method === 'POST');
  return validCard(reply!);
}

async function press(verb: string, data: Record<string, unknown>, speaker: Speaker, replyToId: string): Promise<Record<string, unknown>> {
  const response = await postActivity(stack.bot.messagesEndpoint, cardAction(verb, data, { ...options(speaker), replyToId }));
  const body = (await response.json()) as { type: string; value: Record<string, unknown> };
  expect(response.status).toBe(200);
  expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
  expect(validateCard(body.value)).toEqual([]);
  return body.value;
}

async function updatedCard(replyToId: string): Promise<string> {
  return cardText(await updated(replyToId));
}

async function updated(replyToId: string): Promise<Record<string, unknown>> {
  const [update] = await stack.connector.waitFor((call) => call.method === 'PUT' && call.path.endsWith(`/activities/${replyToId}`));
  return validCard(update!);
}

/** The links of a card's Action.OpenUrl buttons. */
function openUrls(card: unknown): string[] {
  if (Array.isArray(card)) return card.flatMap(openUrls);
  if (!card || typeof card !== 'object') return [];
  const node = card as Record<string, unknown>;
  return [...(node.type === 'Action.OpenUrl' ? [String(node.url)] : []), ...Object.values(node).flatMap(openUrls)];
}

describe('a German user', () => {
  it('types hilfe and gets the help card in German, with the German commands', async () => {
    const help = cardText(await say('hilfe', GERMAN));
    expect(help).toContain('Guest Invites: Hilfe');
    expect(help).toContain('einladen jane@fabrikam.com, bob@tailspin.com');
    expect(help).toContain('Nichts wird gesendet, bevor Sie in der Prüfung auf Senden klicken.');
  });

  it('may still type the English command, and is answered in German', async () => {
    expect(cardText(await say('help', GERMAN))).toContain('Guest Invites: Hilfe');
  });

  it('reviews a list with flagged addresses in German; the email defaults to German; the result card speaks German', async () => {
    const review = await say('einladen greta@northwind.com, x@bad.blocked.example', GERMAN);
    const text = cardText(review);
    expect(text).toContain('Vor dem Senden prüfen');
    expect(text).toContain('1 Adresse bereit zum Einladen, 1 erfordert Ihre Aufmerksamkeit (wird nicht gesendet).');
    expect(text).toContain('Gesperrte Domänen');
    expect(text).toContain('Entspricht der gesperrten Domäne');
    expect(JSON.stringify(review)).toMatch(/"id":"messageLanguage","label":"Sprache der Einladungs-E-Mail","value":"de-DE"/);

    const sending = await press('review.send', actionData(review, 'review.send'), GERMAN, 'review-greta');
    expect(cardText(sending)).toContain('1 Einladung wird gesendet');
    const done = await updated('review-greta');
    expect(cardText(done)).toContain('Einladung gesendet');
    // The guest's steps in German, and the guest help page in German at the predicted path's section.
    expect(cardText(done)).toContain('Öffnen Sie den Einladungslink („Einladung annehmen“ in der E-Mail).');
    expect(openUrls(done)).toEqual([expect.stringMatching(new RegExp(`^${publicBaseUrl}/guest-help\\?lang=de#[a-z-]+$`))]);
    const [call] = await stack.sim.invitationCallsFor('greta@northwind.com');
    expect(call?.body).toMatchObject({ invitedUserMessageInfo: { messageLanguage: 'de-DE' } });
  });
});

describe('a French user', () => {
  it('types aide and gets the help card in French', async () => {
    const help = cardText(await say('aide', FRENCH));
    expect(help).toContain('Guest Invites : aide');
    expect(help).toContain('inviter jane@fabrikam.com, bob@tailspin.com');
  });

  it('asks about a sign-in error and is answered in French, with the guest help page in French', async () => {
    const answer = await say('aide AADSTS50020', FRENCH);
    expect(cardText(answer)).toContain('AADSTS50020');
    expect(openUrls(answer)).toEqual([`${publicBaseUrl}/guest-help?lang=fr#wrong-account`]);
    const page = await fetch(openUrls(answer)[0]!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<html lang="fr"');
  });

  it('says bonjour and is greeted in French', async () => {
    expect(cardText(await say('Bonjour !', FRENCH))).toContain(`Bonjour ${DANA.name} !`);
  });

  it('reviews in French and chooses another email language on the review: Send takes it along', async () => {
    const review = await say('inviter lea@northwind.com, fox@contoso.com', FRENCH);
    const text = cardText(review);
    expect(text).toContain('Vérifier avant l’envoi');
    expect(text).toContain('1 adresse prête à inviter, 1 demande votre attention (non envoyée).');
    expect(JSON.stringify(review)).toMatch(/"value":"fr-FR"/);

    // Teams sends the card's inputs with the press: the language chosen in the review's list.
    const sending = await press('review.send', { ...actionData(review, 'review.send'), messageLanguage: 'it-IT' }, FRENCH, 'review-lea');
    expect(cardText(sending)).toContain('Envoi de 1 invitation');
    expect(await updatedCard('review-lea')).toContain('Invitation envoyée');
    const [call] = await stack.sim.invitationCallsFor('lea@northwind.com');
    expect(call?.body).toMatchObject({ invitedUserMessageInfo: { messageLanguage: 'it-IT' } });
  });
});

describe('an English user', () => {
  it('types the German command and is answered in English', async () => {
    expect(cardText(await say('hilfe', {}))).toContain('Guest Invites: help');
  });
});
