/**
 * A Graph access token refused in flight, through the bot's HTTP surface and the real Graph client against
 * the simulator: a revoked token is renewed from Entra and the request sent once more, so nothing fails;
 * a second refusal fails the invitation with a message that says what to check.
 */
import type { Message } from '../../src/domain/message.js';
import { say } from '../../src/i18n/say.js';
import { translatorFor } from '../../src/i18n/translator.js';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TableClient } from '@azure/data-tables';
import { useBotStack } from '../support/bot-stack.js';
import { actionData, cardText } from '../support/connector-recorder.js';
import { Conversation } from '../support/conversation.js';

let chat: Conversation;
const stack = useBotStack({ INVITE_RATE_LIMIT: '100/1' });

beforeAll(() => {
  chat = new Conversation(stack.connector, stack.simulator.tenantId);
});

beforeEach(async () => {
  stack.connector.clear();
  await stack.sim.clearFaults();
});

async function invite(address: string): Promise<string> {
  const review = await chat.say(stack.bot.messagesEndpoint, `invite ${address}`);
  const data = actionData(review, 'review.send');
  expect((await chat.press(stack.bot.messagesEndpoint, 'review.send', data, `card-${address}`)).status).toBe(200);
  return cardText(await chat.waitForUpdate(`card-${address}`, /sent|failed|not sent/i));
}

async function outcomeOf(address: string): Promise<{ outcome: string; reason?: string }> {
  const table = TableClient.fromConnectionString(stack.azurite.connectionString, 'batchoutcomes', { allowInsecureConnection: true });
  // The reason is kept as a catalogue Message: said here in English, as an English inviter reads it.
  for await (const row of table.listEntities<{ address: string; outcome: string; reasonMessage?: string }>()) {
    if (row.address === address) return { outcome: row.outcome, ...(row.reasonMessage ? { reason: say(translatorFor({ locale: 'en' }), JSON.parse(row.reasonMessage) as Message) } : {}) };
  }
  throw new Error(`no outcome for ${address}`);
}

describe('a Graph token refused in flight', () => {
  it('a revoked token is renewed and the request sent again: the review and the invitation go through', async () => {
    expect(await invite('before.revocation@fabrikam.com')).toContain('Invitation sent');
    await stack.sim.revokeTokens();
    const callsBefore = (await stack.sim.calls()).length;

    expect(await invite('after.revocation@fabrikam.com')).toContain('Invitation sent');
    expect(await outcomeOf('after.revocation@fabrikam.com')).toEqual({ outcome: 'invited' });
    const calls = (await stack.sim.calls()).slice(callsBefore);
    // The first call after the revocation was refused once, then every call passed with the new token.
    expect(calls.filter((call) => call.status === 401)).toHaveLength(1);
    expect(calls.filter((call) => call.path.startsWith('/v1.0/invitations') && call.status === 201)).toHaveLength(1);
    expect(stack.bot.logs.filter((line) => line.includes('"turn failed"'))).toEqual([]);
  });

  it('a token refused twice fails the invitation with a message that says what to check', async () => {
    await stack.sim.fault({ method: 'POST', path: '/v1.0/invitations', status: 401, count: 2 });
    await invite('refused.twice@fabrikam.com');
    const outcome = await outcomeOf('refused.twice@fabrikam.com');
    expect(outcome.outcome).toBe('failed');
    expect(outcome.reason).toMatch(/refused the bot’s access token, and then a freshly issued one/);
    expect(outcome.reason).toMatch(/app registration/);
    const posts = (await stack.sim.calls({ method: 'POST', path: '/v1.0/invitations' })).filter((call) => JSON.stringify(call.body).includes('refused.twice'));
    expect(posts.map((call) => call.status)).toEqual([401, 401]);
  });
});
