/**
 * Proactive cards through the real CloudAdapter when Teams does not take them: the batch card's message
 * was deleted (404 to its updates), Teams throttles (429 with Retry-After), a send comes back without an
 * id, the bot was removed from the conversation. The result still reaches the user, and no "Something went
 * wrong" card is ever posted for a turn the user did not take.
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TableClient } from '@azure/data-tables';
import { message, postActivity } from '../support/activities.js';
import { useBotStack } from '../support/bot-stack.js';
import { actionData, cardOf, cardText, type RecordedCall } from '../support/connector-recorder.js';
import { addresses, Conversation } from '../support/conversation.js';

let chat: Conversation;
const stack = useBotStack({ INVITE_RATE_LIMIT: '100/1', TRACKING_POLL_SECONDS: '1' });

beforeAll(() => {
  chat = new Conversation(stack.connector, stack.simulator.tenantId);
});

beforeEach(() => {
  stack.connector.clear();
  stack.connector.clearScripts();
});

/** Pastes the list and presses Send on its review, shown as the card `cardId`; returns the batch id. */
async function send(list: readonly string[], cardId: string): Promise<string> {
  stack.connector.clear();
  expect((await postActivity(stack.bot.messagesEndpoint, message(`invite ${list.join(', ')}`, { serviceUrl: stack.connector.serviceUrl, tenantId: stack.simulator.tenantId }))).status).toBe(200);
  // Notices of an earlier test may still arrive: the review is the card with a Send button.
  const [reply] = await stack.connector.waitFor((call) => isNewCard(call) && cardText(cardOf(call)).includes('Review before sending'));
  const review = cardOf(reply!)!;
  const data = actionData(review, 'review.send');
  const sent = await chat.press(stack.bot.messagesEndpoint, 'review.send', data, cardId);
  expect(sent.status).toBe(200);
  return String(data.batchId);
}

const isNewCard = (call: RecordedCall) => call.method === 'POST' && call.activity.type === 'message' && cardOf(call) !== undefined;

function expectNoProblemCard(): void {
  const problems = stack.connector.calls.filter((call) => /Something went wrong/.test(cardText(cardOf(call))));
  expect(problems).toEqual([]);
  expect(stack.bot.logs.filter((line) => line.includes('"turn failed"'))).toEqual([]);
}

async function storedCardOf(batchId: string): Promise<string | undefined> {
  const table = TableClient.fromConnectionString(stack.azurite.connectionString, 'batches', { allowInsecureConnection: true });
  const row = await table.getEntity<Record<string, unknown>>(stack.simulator.tenantId, batchId);
  let json = '';
  for (let index = 0; index < Number(row.chunks); index++) json += (row[`json${index}`] as string | undefined) ?? '';
  return (JSON.parse(json) as { statusCard?: { activityId: string } }).statusCard?.activityId;
}

describe('a batch card Teams refuses to update', () => {
  it('is posted anew with the result, its new id is kept for later updates, and nothing says "Something went wrong"', async () => {
    stack.connector.script({ method: 'PUT', activityId: 'card-deleted', status: 404, body: { error: { code: 'NotFound', message: 'Activity not found' } } });
    const batchId = await send(addresses(3, 'deleted'), 'card-deleted');

    const [fresh] = await stack.connector.waitFor((call) => isNewCard(call) && /invitations? sent/.test(cardText(cardOf(call))), 1, 60_000);
    expect(cardText(cardOf(fresh!))).toContain('3 invitations sent');
    const newId = await waitForValue(() => storedCardOf(batchId), (id) => id !== undefined && id !== 'card-deleted');
    // The card was refused once per update at most: never posted twice for one update.
    const refused = stack.connector.calls.filter((call) => call.method === 'PUT' && call.path.endsWith('/activities/card-deleted'));
    expect(stack.connector.calls.filter(isNewCard).filter((call) => /Sending|invitations? sent/.test(cardText(cardOf(call))))).toHaveLength(refused.length);
    expectNoProblemCard();

    // A later change of the card (a guest accepts) updates the new message, not the deleted one.
    const refusedBefore = refused.length;
    await stack.sim.redeem(addresses(3, 'deleted')[0]!);
    await chat.waitForUpdate(newId!, /Accepted so far/, 60_000);
    expect(stack.connector.calls.filter((call) => call.method === 'PUT' && call.path.endsWith('/activities/card-deleted'))).toHaveLength(refusedBefore);
    // The refusal is logged with Teams' reason and the stack.
    const logged = stack.bot.logs.find((line) => line.includes('posted anew'));
    expect(logged).toBeDefined();
  });

  it('a send that comes back without an id is tried again, and only a real id is kept', async () => {
    stack.connector.script({ method: 'PUT', activityId: 'card-no-id', status: 404, body: { error: { code: 'NotFound', message: 'Activity not found' } } });
    stack.connector.script({ method: 'POST', matches: (call) => /Invitation sent/.test(cardText(cardOf(call))), status: 200, body: {}, times: 1 });
    const batchId = await send(addresses(1, 'noid'), 'card-no-id');

    const posted = await stack.connector.waitFor((call) => isNewCard(call) && /Invitation sent/.test(cardText(cardOf(call))), 2, 60_000);
    expect(posted).toHaveLength(2);
    const kept = await waitForValue(() => storedCardOf(batchId), (id) => id !== 'card-no-id');
    expect(kept).toMatch(/^activity-\d+$/);
    expectNoProblemCard();
  });
});

describe('Teams throttling a card update', () => {
  it('is retried after Retry-After, and the update arrives', async () => {
    stack.connector.script({ method: 'PUT', activityId: 'card-throttled', status: 429, headers: { 'Retry-After': '1' }, times: 2 });
    await send(addresses(2, 'throttled'), 'card-throttled');
    const isUpdate = (call: RecordedCall) => call.method === 'PUT' && call.path.endsWith('/activities/card-throttled');
    await stack.connector.waitFor((call) => isUpdate(call) && call.status === 200 && /2 invitations sent/.test(cardText(cardOf(call))), 1, 60_000);
    expect(stack.connector.calls.filter(isUpdate).map((call) => call.status).slice(0, 3)).toEqual([429, 429, 200]);
    expectNoProblemCard();
  });
});

describe('the bot removed from a conversation', () => {
  it('stops following the batch cards there', async () => {
    const batchId = await send(addresses(1, 'removed'), 'card-removed');
    await chat.waitForUpdate('card-removed', /Invitation sent/, 60_000);
    expect(await storedCardOf(batchId)).toBe('card-removed');

    const removal = { ...message('', { serviceUrl: stack.connector.serviceUrl, tenantId: stack.simulator.tenantId }), type: 'installationUpdate', action: 'remove' };
    delete (removal as { text?: string }).text;
    expect((await postActivity(stack.bot.messagesEndpoint, removal)).status).toBe(200);
    await waitForValue(() => storedCardOf(batchId), (id) => id === undefined);

    stack.connector.clear();
    const roundsBefore = stack.bot.logs.filter((line) => line.includes('guests accepted or left')).length;
    await stack.sim.redeem(addresses(1, 'removed')[0]!);
    // Tracking sees the acceptance, and posts nothing to the conversation the bot left.
    await waitForValue(() => Promise.resolve(stack.bot.logs.filter((line) => line.includes('guests accepted or left')).length), (rounds) => rounds > roundsBefore);
    expect(stack.connector.calls).toEqual([]);
  });
});

async function waitForValue<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met in ${timeoutMs} ms; last value ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
