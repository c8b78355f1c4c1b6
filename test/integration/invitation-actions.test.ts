/**
 * What can be done with invitations already sent, through /api/messages: `status` with its filter and
 * each row's actions, Withdraw of a pending invitation (the guest user deleted in the simulated directory),
 * refused for a guest who accepted, and the result card's Status button. The simulated tenant grants the
 * bot User.ReadWrite.All here, which Microsoft requires to delete a user.
 */
import { TableClient } from '@azure/data-tables';
import { beforeEach, describe, expect, it } from 'vitest';
import { cardAction, DANA, FOX, message, postActivity } from '../support/activities.js';
import { useBotStack } from '../support/bot-stack.js';
import { actionData, cardOf, cardText } from '../support/connector-recorder.js';
import { validCard } from '../support/conversation.js';
import { fixtureGranting } from '../support/local-services.js';
import { validateCard } from '../support/schemas.js';

const stack = useBotStack({}, { simulator: { fixturePath: fixtureGranting(['User.ReadWrite.All']) } });

beforeEach(() => stack.connector.clear());

const activityOptions = (from = DANA) => ({ serviceUrl: stack.connector.serviceUrl, tenantId: stack.simulator.tenantId, scope: 'personal' as const, from });

async function say(text: string): Promise<Record<string, unknown>> {
  stack.connector.clear();
  expect((await postActivity(stack.bot.messagesEndpoint, message(text, activityOptions()))).status).toBe(200);
  const [reply] = await stack.connector.waitFor((call) => call.activity.type === 'message');
  return validCard(reply!);
}

interface InvokeAnswer {
  status: number;
  body: { statusCode: number; type: string; value: Record<string, unknown> };
}

async function press(verb: string, data: Record<string, unknown>, from = DANA, replyToId = 'card-1'): Promise<InvokeAnswer> {
  const response = await postActivity(stack.bot.messagesEndpoint, cardAction(verb, data, { ...activityOptions(from), replyToId }));
  const body = (await response.json()) as InvokeAnswer['body'];
  if (body.type === 'application/vnd.microsoft.card.adaptive') expect(validateCard(body.value)).toEqual([]);
  return { status: response.status, body };
}

/** Sends a list and waits for its result card; answers that card. */
async function invited(list: string, cardId: string): Promise<Record<string, unknown>> {
  const review = await say(`invite ${list}`);
  await press('review.send', actionData(review, 'review.send'), DANA, cardId);
  const [update] = await stack.connector.waitFor((call) => call.method === 'PUT' && call.path.endsWith(`/activities/${cardId}`) && /sent/.test(cardText(cardOf(call))));
  return validCard(update!);
}

async function directoryHas(address: string): Promise<boolean> {
  return (await stack.sim.users()).some((user) => user['mail'] === address);
}

describe('status with a filter', () => {
  it('status pending lists only the guests who have not accepted, with their names and what can be done; the Accepted button shows the others', async () => {
    await invited('Ada Lovelace <ada.pending@litware.org>, Grace Hopper <grace.accepted@litware.org>', 'status-filter');
    await stack.sim.redeem('grace.accepted@litware.org');

    const pending = await say('status pending');
    const text = cardText(pending);
    expect(text).toContain('Your pending invitations');
    expect(text).toMatch(/Ada Lovelace\s*\n\s*ada\.pending@litware\.org/);
    expect(text).not.toContain('grace.accepted@litware.org');
    expect(text).toContain('for example status jane@fabrikam.com');
    expect(text).not.toMatch(/<[a-z]+>/);
    expect(JSON.stringify(pending)).toContain('"data":{"address":"ada.pending@litware.org","action":"withdraw-invitation"}');
    expect(JSON.stringify(pending)).not.toContain('reset-redemption');

    expect(JSON.stringify(pending)).toContain('"title":"Accepted (1)","verb":"status.page","data":{"filter":"accepted","page":0}');
    const accepted = await press('status.page', { filter: 'accepted', page: 0 });
    const acceptedText = cardText(accepted.body.value);
    expect(acceptedText).toContain('grace.accepted@litware.org');
    expect(acceptedText).toContain('Grace Hopper');
    expect(acceptedText).not.toContain('ada.pending@litware.org');
    // Once accepted, only Reset redemption is offered.
    expect(actionData(accepted.body.value, 'fix.confirm')).toEqual({ address: 'grace.accepted@litware.org', action: 'reset-redemption' });
  });
});

describe('withdrawing a pending invitation', () => {
  it('the inviter withdraws after confirming: the guest user is deleted in the directory, the record says withdrawn, and it is audited', async () => {
    await invited('withdraw.me@litware.org', 'withdraw-pending');
    expect(await directoryHas('withdraw.me@litware.org')).toBe(true);

    const confirm = await press('fix.confirm', { address: 'withdraw.me@litware.org', action: 'withdraw-invitation' });
    expect(cardText(confirm.body.value)).toContain('Withdraw this invitation?');
    expect(cardText(confirm.body.value)).toContain('restore');
    expect(await directoryHas('withdraw.me@litware.org')).toBe(true);

    const done = await press('fix.run', { address: 'withdraw.me@litware.org', action: 'withdraw-invitation' });
    expect(cardText(done.body.value)).toContain('Invitation withdrawn');
    expect(await directoryHas('withdraw.me@litware.org')).toBe(false);
    const deletions = (await stack.sim.calls({ method: 'DELETE' })).filter((call) => call.path.startsWith('/v1.0/users/'));
    expect(deletions).toHaveLength(1);

    const about = await say('status withdraw.me@litware.org');
    expect(cardText(about)).toContain('Withdrawn by Dana Scully');
    expect(() => actionData(about, 'fix.confirm')).toThrow();

    const audit = TableClient.fromConnectionString(stack.azurite.connectionString, 'audit', { allowInsecureConnection: true });
    const events = [];
    for await (const event of audit.listEntities<Record<string, unknown>>()) events.push(event);
    expect(events).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'withdraw-invitation', subject: 'withdraw.me@litware.org', outcome: 'done', actorName: 'Dana Scully' })]));

    // Withdrawn is not "already invited": the address can be invited again.
    expect(cardText(await say('invite withdraw.me@litware.org'))).toContain('1 address ready to invite.');
  });

  it('a guest who accepted is never deleted, even before the bot has seen the acceptance', async () => {
    await invited('accepted.keep@litware.org', 'withdraw-accepted');
    await stack.sim.redeem('accepted.keep@litware.org');
    const refused = await press('fix.run', { address: 'accepted.keep@litware.org', action: 'withdraw-invitation' });
    expect(cardText(refused.body.value)).toContain('Withdraw: not done');
    expect(cardText(refused.body.value)).toContain('already accepted');
    expect(await directoryHas('accepted.keep@litware.org')).toBe(true);
  });

  it('someone else is refused on the server, and nothing is deleted', async () => {
    await invited('withdraw.other@litware.org', 'withdraw-other');
    const refused = await press('fix.run', { address: 'withdraw.other@litware.org', action: 'withdraw-invitation' }, FOX);
    expect(refused.body).toMatchObject({ statusCode: 403, value: { code: 'NotYourInvitation' } });
    expect(await directoryHas('withdraw.other@litware.org')).toBe(true);
  });
});

describe('the result card', () => {
  it('offers Resend for a guest who has not accepted, and Status opens the status card below, leaving the result as it is', async () => {
    const result = await invited('result.buttons@litware.org', 'result-buttons');
    expect(cardText(result)).not.toContain('Remaining');
    expect(actionData(result, 'fix.confirm')).toEqual({ address: 'result.buttons@litware.org', action: 'resend' });
    stack.connector.clear();
    const answer = await press('chat.status', actionData(result, 'chat.status'));
    expect(answer.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.activity.message' });
    const [posted] = await stack.connector.waitFor((call) => call.method === 'POST' && call.activity.type === 'message');
    expect(cardText(validCard(posted!))).toContain('result.buttons@litware.org');
  });
});
