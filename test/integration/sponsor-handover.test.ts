/**
 * Guests whose sponsors have all left, handed over by an administrator, through the bot's real HTTP surface
 * against the tenant simulator: a sponsor is blocked (accountEnabled false) and another deleted; the
 * administrator's `orphaned guests` lists the guests this bot invited who now have no sponsor, a hand-over
 * makes Graph list the new sponsor and no longer the departed one, the administrators' channel and the new
 * sponsor are told, and the audit trail keeps it. Someone who is not an administrator is refused.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { localIdentities } from '../../local/local-identities.js';
import { cardAction, DANA, FOX, message, MONICA, postActivity, WALTER, type Scope } from '../support/activities.js';
import { secretGraphClient } from '../support/app-sign-in.js';
import { useBotStack } from '../support/bot-stack.js';
import { actionData, cardOf, cardText } from '../support/connector-recorder.js';
import { validCard } from '../support/conversation.js';
import { fixtureGranting } from '../support/local-services.js';
import { validateCard } from '../support/schemas.js';

// Changing a guest's sponsors needs User.ReadWrite.All, which the seeded app registration lacks.
const stack = useBotStack({}, { simulator: { fixturePath: fixtureGranting(['User.ReadWrite.All']) } });

beforeEach(() => stack.connector.clear());

type Person = typeof DANA;
const options = (from: Person, scope: Scope = 'personal') => ({ serviceUrl: stack.connector.serviceUrl, tenantId: stack.simulator.tenantId, scope, from });

async function say(text: string, from: Person, locale?: string): Promise<Record<string, unknown>> {
  stack.connector.clear();
  expect((await postActivity(stack.bot.messagesEndpoint, { ...message(text, options(from)), ...(locale ? { locale } : {}) })).status).toBe(200);
  const [reply] = await stack.connector.waitFor((call) => call.activity.type === 'message');
  return validCard(reply!);
}

async function press(verb: string, data: Record<string, unknown>, from: Person, replyToId: string): Promise<{ type: string; value: Record<string, unknown> }> {
  const response = await postActivity(stack.bot.messagesEndpoint, cardAction(verb, data, { ...options(from), replyToId }));
  return (await response.json()) as { type: string; value: Record<string, unknown> };
}

/** Invites through the review card (with co-sponsors, when given) and waits for the invitation to be sent. */
async function invite(address: string, from: Person, coSponsors = ''): Promise<void> {
  const card = await say(`invite ${address}`, from);
  const replyToId = `review-${address}`;
  const sent = await press('review.send', { ...actionData(card, 'review.send'), coSponsors }, from, replyToId);
  expect(sent.type).toBe('application/vnd.microsoft.card.adaptive');
  await stack.connector.waitFor((call) => call.method === 'PUT' && call.path.endsWith(`/activities/${replyToId}`) && /invitation sent/i.test(cardText(call.activity)));
}

async function guestId(address: string): Promise<string> {
  const guest = (await stack.sim.users()).find((user) => user.mail === address);
  expect(guest).toBeDefined();
  return String(guest?.id);
}

/** The guest's sponsors as Graph lists them, with the bot's own app. */
async function sponsorsOf(address: string): Promise<string[]> {
  const answer = (await secretGraphClient(stack.simulator, localIdentities().app).api(`/users/${await guestId(address)}/sponsors`).get()) as { value: { id: string }[] };
  return answer.value.map((sponsor) => sponsor.id);
}

describe('guests whose sponsors have left', () => {
  it('a sponsor leaves, the administrator sees the guest, hands it over, and Graph has the new sponsor instead', async () => {
    const lou = await stack.sim.createUser({ displayName: 'Lou Leaving', mail: 'lou.leaving@contoso.com', userType: 'Member' });
    await invite('left.alone@fabrikam.com', DANA);
    await invite('left.twice@fabrikam.com', DANA, 'lou.leaving@contoso.com');
    await invite('still.looked.after@fabrikam.com', MONICA);
    expect(await sponsorsOf('left.twice@fabrikam.com')).toEqual([DANA.aadObjectId, lou.id]);

    // Nobody has left yet: nothing to hand over.
    expect(cardText(await say('orphaned guests', WALTER))).toContain('Every guest Guest Invites invited still has a sponsor');

    // Dana is blocked from signing in (offboarding), Lou deleted.
    await stack.sim.setAccountEnabled(DANA.aadObjectId, false);
    await stack.sim.deleteUser(lou.id);

    // The three guests' sponsors are read in one JSON batch, not one request per guest.
    const graphBefore = (await stack.sim.calls({ path: '/v1.0' })).length;
    const listed = cardText(await say('orphaned guests', WALTER));
    const graphCalls = (await stack.sim.calls({ path: '/v1.0' })).slice(graphBefore);
    expect(graphCalls.filter((call) => call.path.endsWith('/sponsors'))).toEqual([]);
    expect(graphCalls.filter((call) => call.path === '/v1.0/$batch')).toHaveLength(1);
    expect(listed).toContain('Guests whose sponsors have left (2)');
    expect(listed).toContain('left.alone@fabrikam.com');
    expect(listed).toContain('Dana Scully (blocked) has left');
    expect(listed).toContain('left.twice@fabrikam.com');
    expect(listed).toMatch(/Dana Scully \(blocked\) and .* \(deleted\) have left/);
    expect(listed).not.toContain('still.looked.after@fabrikam.com');

    // A hand-over without a new sponsor, or to someone who is not a member, changes nothing and says why.
    const empty = await press('sponsorless.handOver', { address: 'left.alone@fabrikam.com', newSponsor: ' ' }, WALTER, 'orphans');
    expect(cardText(empty.value)).toContain('Type the email address of the person who will answer for these guests');
    const guest = await press('sponsorless.handOver', { address: 'left.alone@fabrikam.com', newSponsor: 'ann@fabrikam.com' }, WALTER, 'orphans');
    expect(cardText(guest.value)).toMatch(/ann@fabrikam.com (is a guest|is not in your organisation)/);
    expect(await sponsorsOf('left.alone@fabrikam.com')).toEqual([DANA.aadObjectId]);

    // One guest to Fox: Graph lists Fox and no longer Dana (removed by reference: Dana's account still exists).
    stack.connector.clear();
    const one = await press('sponsorless.handOver', { address: 'left.alone@fabrikam.com', newSponsor: 'fox@contoso.com' }, WALTER, 'orphans');
    expect(one.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(validateCard(one.value)).toEqual([]);
    expect(cardText(one.value)).toContain('1 guest was handed over to Fox Mulder');
    expect(cardText(one.value)).toContain('Guests whose sponsors have left (1)');
    expect(await sponsorsOf('left.alone@fabrikam.com')).toEqual([FOX.aadObjectId]);
    expect((await stack.sim.users()).some((user) => user.id === DANA.aadObjectId)).toBe(true);
    const deletes = await stack.sim.calls({ method: 'DELETE' });
    expect(deletes.map((call) => call.path)).toContainEqual(expect.stringMatching(/\/users\/[^/]+\/sponsors\/[^/]+\/\$ref$/));
    expect(deletes.every((call) => !/\/users\/[^/]+\/sponsors\/[^/]+$/.test(call.path))).toBe(true);

    // Fox hears it in a personal chat the bot opens with him.
    const [toFox] = await stack.connector.waitFor((call) => call.method === 'POST' && /You are now a guest sponsor/.test(cardText(call.activity)));
    expect(validateCard(cardOf(toFox!))).toEqual([]);
    expect(cardText(toFox!.activity)).toContain('Walter Skinner made you the sponsor of this guest');
    const opened = stack.connector.calls.find((call) => call.method === 'POST' && /\/v3\/conversations\/?$/.test(call.path));
    expect(JSON.stringify(opened?.activity)).toContain(FOX.aadObjectId);

    // The guest is now among Fox's own guests.
    const foxGuests = cardText(await say('my guests', FOX));
    expect(foxGuests).toContain('left.alone@fabrikam.com');
    expect(foxGuests).not.toContain('left.twice@fabrikam.com');

    // The rest, all at once, in German.
    stack.connector.clear();
    const german = cardText(await say('Gäste ohne Sponsor', WALTER, 'de-DE'));
    expect(german).toContain('Gäste, deren Sponsoren gegangen sind (1)');
    const all = await press('sponsorless.handOverAll', { newSponsor: 'monica@contoso.com' }, WALTER, 'orphans-de');
    expect(cardText(all.value)).toContain('Every guest Guest Invites invited still has a sponsor');
    expect(await sponsorsOf('left.twice@fabrikam.com')).toEqual([MONICA.aadObjectId]);

    // The audit trail keeps both hand-overs.
    const audit = cardText(await say('audit', WALTER));
    expect(audit).toContain('sponsor-handed-over');
    expect(audit).toContain('left.twice@fabrikam.com');
  });

  it('someone who is not an administrator is refused, by command and by button, and nothing changes', async () => {
    const refused = cardText(await say('orphaned guests', FOX));
    expect(refused).toContain('For administrators only');
    const pressed = await press('sponsorless.handOverAll', { newSponsor: 'fox@contoso.com' }, FOX, 'orphans-fox');
    expect(pressed.type).toBe('application/vnd.microsoft.error');
    expect(JSON.stringify(pressed.value)).toContain('is for administrators of Guest Invites');
  });
});
