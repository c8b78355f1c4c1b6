/**
 * After the invitation, through the bot's real HTTP surface against the tenant simulator: the inviter is the
 * sponsor of every guest (with the co-sponsors chosen on the review), as Graph's sponsors relationship reads it.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { localIdentities } from '../../local/local-identities.js';
import type { RunningSimulator } from '../../local/simulator/index.js';
import { cardAction, DANA, FOX, message, postActivity, type Scope } from '../support/activities.js';
import { secretGraphClient } from '../support/app-sign-in.js';
import { startBotInProcess, type BotUnderTest } from '../support/bot-under-test.js';
import { actionData, cardText, type ConnectorRecorder } from '../support/connector-recorder.js';
import { validCard } from '../support/conversation.js';
import { startLocalServices, type LocalServices } from '../support/local-services.js';
import type { SimulatorControl } from '../support/simulator-control.js';
import { validateCard } from '../support/schemas.js';

let services: LocalServices;
let simulator: RunningSimulator;
let sim: SimulatorControl;
let connector: ConnectorRecorder;
let bot: BotUnderTest;

beforeAll(async () => {
  services = await startLocalServices();
  ({ simulator, sim, connector } = services);
  bot = await startBotInProcess(services.env);
});

afterAll(async () => {
  await bot?.close();
  await services?.close();
});

beforeEach(() => connector.clear());

const options = (scope: Scope, from = DANA) => ({ serviceUrl: connector.serviceUrl, tenantId: simulator.tenantId, scope, from });

async function review(text: string, scope: Scope = 'personal'): Promise<Record<string, unknown>> {
  connector.clear();
  expect((await postActivity(bot.messagesEndpoint, message(text, options(scope)))).status).toBe(200);
  const [reply] = await connector.waitFor((call) => call.activity.type === 'message');
  return validCard(reply!);
}

async function press(verb: string, data: Record<string, unknown>, replyToId: string, scope: Scope = 'personal'): Promise<Record<string, unknown>> {
  const response = await postActivity(bot.messagesEndpoint, cardAction(verb, data, { ...options(scope), replyToId }));
  const body = (await response.json()) as { type: string; value: Record<string, unknown> };
  expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
  expect(validateCard(body.value)).toEqual([]);
  return body.value;
}

/** Waits for the batch's card to show its result ("Invitation sent", "2 invitations sent"). */
async function sentTo(replyToId: string): Promise<void> {
  await connector.waitFor((call) => call.method === 'PUT' && call.path.endsWith(`/activities/${replyToId}`) && /invitations? sent/i.test(cardText(call.activity)));
}

/** The guest's sponsors as Graph reads them (GET /users/{id}/sponsors), with the bot's own app. */
async function sponsorsOf(address: string): Promise<string[]> {
  const guest = (await sim.users()).find((user) => user.mail === address);
  expect(guest).toBeDefined();
  const answer = (await secretGraphClient(simulator, localIdentities().app).api(`/users/${String(guest?.id)}/sponsors`).get()) as { value: { id: string }[] };
  return answer.value.map((sponsor) => sponsor.id);
}

describe('sponsors', () => {
  it('the inviter is the sponsor of every guest of a list, in every kind of chat', async () => {
    const addresses = { personal: 'sp.one@fabrikam.com', groupChat: 'sp.two@northwind.com', channel: 'sp.three@litware.org' } as const;
    for (const [scope, address] of Object.entries(addresses) as [Scope, string][]) {
      const card = await review(`invite ${address}`, scope);
      expect(cardText(card)).toContain('You are the sponsor of every guest');
      await press('review.send', actionData(card, 'review.send'), `review-${scope}`, scope);
      await sentTo(`review-${scope}`);
      expect(await sponsorsOf(address)).toEqual([DANA.aadObjectId]);
    }
  });

  it('co-sponsors typed on the review join the inviter as sponsors; the inviter is named once', async () => {
    const card = await review('invite co.one@fabrikam.com, co.two@fabrikam.com');
    await press('review.send', { ...actionData(card, 'review.send'), coSponsors: 'FOX@contoso.com; dana@contoso.com' }, 'review-co');
    await sentTo('review-co');
    expect(await sponsorsOf('co.one@fabrikam.com')).toEqual([DANA.aadObjectId, FOX.aadObjectId]);
    expect(await sponsorsOf('co.two@fabrikam.com')).toEqual([DANA.aadObjectId, FOX.aadObjectId]);
  });

  it('a co-sponsor who is not a member of the tenant, or one too many, brings the review back and nothing is sent', async () => {
    const card = await review('invite not.sent@fabrikam.com');
    const refused = await press('review.send', { ...actionData(card, 'review.send'), coSponsors: 'nobody@contoso.com, ann@fabrikam.com' }, 'review-bad');
    expect(cardText(refused)).toContain('nobody@contoso.com is not in your organisation’s directory');
    expect(cardText(refused)).toContain('ann@fabrikam.com is a guest');
    const crowded = await press(
      'review.send',
      { ...actionData(card, 'review.send'), coSponsors: 'fox@contoso.com walter@contoso.com monica@contoso.com john@contoso.com alex@contoso.com' },
      'review-bad',
    );
    expect(cardText(crowded)).toContain('At most 4 co-sponsors');
    expect(await sim.invitationCallsFor('not.sent@fabrikam.com')).toHaveLength(0);
  });
});
