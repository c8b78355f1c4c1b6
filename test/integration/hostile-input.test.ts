/**
 * Hostile input at the HTTP edge, as an adversary would send it to /api/messages: card verbs that name
 * an object's own properties, card data of any shape, activities with fields missing or of the wrong type.
 * Each is refused with a 400 that says what was wrong; none fails a turn or posts "Something went wrong".
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CARD_ROUTES } from '../../src/bot/routes/index.js';
import { cardAction, DANA, message, postActivity } from '../support/activities.js';
import { useBotStack } from '../support/bot-stack.js';
import { cardOf, cardText } from '../support/connector-recorder.js';

const stack = useBotStack();

const options = () => ({ serviceUrl: stack.connector.serviceUrl, tenantId: stack.simulator.tenantId });

interface InvokeBody {
  statusCode: number;
  type: string;
  value: { code?: string; message?: string };
}

async function pressRaw(activity: object): Promise<{ status: number; body: InvokeBody }> {
  const response = await postActivity(stack.bot.messagesEndpoint, activity);
  return { status: response.status, body: (await response.json()) as InvokeBody };
}

/** Nothing the tests sent made a turn fail: no "turn failed" log line, no problem card in any chat. */
function expectNoFailedTurn(): void {
  expect(stack.bot.logs.filter((line) => line.includes('"turn failed"'))).toEqual([]);
  const problems = stack.connector.calls.filter((call) => /Something went wrong/.test(cardText(cardOf(call))));
  expect(problems).toEqual([]);
}

const PROTOTYPE_NAMES = Object.getOwnPropertyNames(Object.prototype);

describe('card verbs', () => {
  it('a verb that is not a card action (prototype names included) is refused with 400 UnknownAction', async () => {
    const verbs = fc.oneof(fc.constantFrom(...PROTOTYPE_NAMES, '__proto__', 'prototype', ''), fc.string()).filter((verb) => !CARD_ROUTES.has(verb));
    await fc.assert(
      fc.asyncProperty(verbs, fc.jsonValue(), async (verb, data) => {
        const { status, body } = await pressRaw(cardAction(verb, data as Record<string, unknown>, options()));
        expect(status).toBe(400);
        expect(body.value.code).toBe('UnknownAction');
      }),
      { numRuns: 40 },
    );
    expectNoFailedTurn();
  });

  it('a verb that is no string is refused the same way', async () => {
    for (const verb of [42, null, { toString: 'x' }, ['review.send']]) {
      const activity = cardAction('review.send', {}, options());
      const { status, body } = await pressRaw({ ...activity, value: { action: { type: 'Action.Execute', verb, data: {} } } });
      expect(status).toBe(400);
      expect(body.value.code).toBe('UnknownAction');
    }
  });
});

describe('card data', () => {
  const keys = ['batchId', 'page', 'address', 'action', 'decision', 'comment', 'addresses', 'redirectChoice', 'language', '__proto__', 'constructor'];
  const plausible = fc.dictionary(fc.constantFrom(...keys), fc.oneof(fc.jsonValue(), fc.constantFrom('resend', 'approved', 'x@fabrikam.com', '-1', 'NaN')));

  it('any JSON as the data of any known verb is answered, never with a 500', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...CARD_ROUTES.keys()), fc.oneof(plausible, fc.jsonValue()), async (verb, data) => {
        const { status, body } = await pressRaw(cardAction(verb, data as Record<string, unknown>, { ...options(), replyToId: 'card-hostile' }));
        expect(status, JSON.stringify({ verb, data, body })).toBeLessThan(500);
        expect(body.statusCode).toBe(status);
      }),
      { numRuns: 60 },
    );
    expectNoFailedTurn();
  });

  it('data of the wrong shape is answered 400 BadCardData, saying what was wrong', async () => {
    const { status, body } = await pressRaw(cardAction('review.page', { batchId: 7, page: 'last' }, options()));
    expect(status).toBe(400);
    expect(body.value.code).toBe('BadCardData');
    expect(body.value.message).toMatch(/batchId/);
    expect(body.value.message).toMatch(/page/);
  });
});

describe('activities', () => {
  type Mutation = (activity: Record<string, unknown>) => void;
  const nested = (key: string, inner: string, value: unknown): Mutation => (activity) => {
    activity[key] = { ...(activity[key] as object), [inner]: value };
  };
  /** Each breaks one thing botbuilder or the bot reads without checking. */
  const mutations: Record<string, Mutation> = {
    'no type': (activity) => delete activity.type,
    'empty type': (activity) => void (activity.type = ''),
    'no conversation': (activity) => delete activity.conversation,
    'conversation is text': (activity) => void (activity.conversation = 'a:personal-dana'),
    'no conversation id': nested('conversation', 'id', undefined),
    'no sender': (activity) => delete activity.from,
    'sender without id': (activity) => void (activity.from = { name: 'Dana' }),
    'no recipient': (activity) => delete activity.recipient,
    'no channel': (activity) => delete activity.channelId,
    'no service url': (activity) => delete activity.serviceUrl,
    'service url is not one': (activity) => void (activity.serviceUrl = 'not a url'),
    'no tenant': (activity) => {
      activity.conversation = { ...(activity.conversation as object), tenantId: undefined };
      activity.channelData = {};
    },
    'text is a number': (activity) => void (activity.text = 42),
    'text is an object': (activity) => void (activity.text = { toString: 'invite' }),
    'text is a list': (activity) => void (activity.text = ['invite', 'jane@fabrikam.com']),
    'a mention without whom': (activity) => void (activity.entities = [{ type: 'mention', text: '<at>Guest Invites</at>' }]),
    'entities are text': (activity) => void (activity.entities = 'mention'),
    'members added are not accounts': (activity) => void (activity.membersAdded = [null]),
  };
  const cardPressMutations: Record<string, Mutation> = {
    'card press without value': (activity) => delete activity.value,
    'card press without action': (activity) => void (activity.value = { trigger: 'manual' }),
    'card press whose action is text': (activity) => void (activity.value = { action: 'review.send' }),
  };

  it('an activity missing a field or with one of the wrong type is refused with 400, before any turn', async () => {
    const base = fc.constantFrom(
      () => message('help', options()) as Record<string, unknown>,
      () => cardAction('review.page', { batchId: 'b', page: 0 }, options()) as Record<string, unknown>,
    );
    await fc.assert(
      fc.asyncProperty(base, fc.subarray(Object.keys(mutations), { minLength: 1 }), async (make, broken) => {
        stack.connector.clear();
        const activity = structuredClone(make());
        for (const name of broken) mutations[name]!(activity);
        const response = await postActivity(stack.bot.messagesEndpoint, activity);
        const body = (await response.json()) as { error?: { code: string; message: string } };
        expect(response.status, broken.join(', ')).toBe(400);
        expect(body.error?.code).toBe('BadActivity');
        expect(body.error?.message).toMatch(/^This is not an activity I can take: /);
        expect(stack.connector.calls).toEqual([]);
      }),
      { numRuns: 60 },
    );
    expectNoFailedTurn();
  });

  it.each(Object.keys(cardPressMutations))('%s is refused with 400, before any turn', async (name) => {
    const activity = structuredClone(cardAction('review.page', { batchId: 'b', page: 0 }, options())) as Record<string, unknown>;
    cardPressMutations[name]!(activity);
    const response = await postActivity(stack.bot.messagesEndpoint, activity);
    expect(response.status).toBe(400);
    expectNoFailedTurn();
  });

  it('says which field was wrong', async () => {
    const activity = message('help', options()) as Record<string, unknown>;
    activity.text = 42;
    delete activity.conversation;
    const body = (await (await postActivity(stack.bot.messagesEndpoint, activity)).json()) as { error: { message: string } };
    expect(body.error.message).toMatch(/text/);
    expect(body.error.message).toMatch(/conversation/);
  });

  it('a well-formed activity from another tenant, or naming no tenant outside Teams, is refused politely', async () => {
    stack.connector.clear();
    const elsewhere = { ...message('help', { ...options(), tenantId: 'another-tenant' }), channelData: { tenant: { id: 'another-tenant' } } };
    expect((await postActivity(stack.bot.messagesEndpoint, elsewhere)).status).toBe(200);
    const [reply] = await stack.connector.waitFor((call) => call.activity.type === 'message');
    expect(cardText(cardOf(reply!))).toContain('Not available here');

    stack.connector.clear();
    const noTenant = { ...message('help', options()), channelId: 'webchat', conversation: { id: 'a:personal-dana' }, channelData: {} };
    expect((await postActivity(stack.bot.messagesEndpoint, noTenant)).status).toBe(200);
    const [refusal] = await stack.connector.waitFor((call) => call.activity.type === 'message');
    expect(cardText(cardOf(refusal!))).toContain('Not available here');
    expectNoFailedTurn();
  });

  it('a well-formed message is still answered', async () => {
    stack.connector.clear();
    expect((await postActivity(stack.bot.messagesEndpoint, message('help', { ...options(), from: DANA }))).status).toBe(200);
    await stack.connector.waitFor((call) => call.activity.type === 'message');
  });
});

describe('pasted lists', () => {
  it('the review card names a list item that is no address, and refuses an address forged with invisible characters', async () => {
    stack.connector.clear();
    const paste = 'invite a@fabrikam.com; not-an-address; b@tailspin.com, jane\u200bdoe@fabrikam.com, bob\u202e@fabrikam.com';
    expect((await postActivity(stack.bot.messagesEndpoint, message(paste, options()))).status).toBe(200);
    const [reply] = await stack.connector.waitFor((call) => call.activity.type === 'message' && cardOf(call) !== undefined);
    const text = cardText(cardOf(reply!));
    expect(text).toContain('2 addresses ready to invite');
    expect(text).toContain('not-an-address');
    expect(text).toContain('invisible character (U+200B');
    expect(text).toContain('invisible character (U+202E');
  });
});
