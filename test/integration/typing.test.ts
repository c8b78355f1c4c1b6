/**
 * "…is typing" shows only while a review is slow: with Graph answering in 2 s the typing activity reaches the
 * Bot Connector before the review card; a typing activity the Connector refuses costs the user nothing.
 * (That a fast review sends none is timing, tested with a controlled clock in test/unit/typing.test.ts.)
 */
import { afterEach, expect, it } from 'vitest';
import { Conversation } from '../support/conversation.js';
import { useBotStack } from '../support/bot-stack.js';

const stack = useBotStack();

afterEach(async () => {
  stack.connector.clearScripts();
  await stack.sim.latency(0);
});

function typesSince(before: number): string[] {
  return stack.connector.calls.slice(before).map((call) => call.activity.type);
}

it('a review slower than a second shows typing before its card', async () => {
  await stack.sim.latency(2_000);
  const before = stack.connector.calls.length;
  await new Conversation(stack.connector, stack.simulator.tenantId).say(stack.bot.messagesEndpoint, 'invite slow.review@fabrikam.com');
  const types = typesSince(before);
  expect(types).toContain('typing');
  expect(types.indexOf('typing')).toBeLessThan(types.indexOf('message'));
});

it('a typing activity the Connector refuses does not keep the review from its card', async () => {
  stack.connector.script({ matches: (call) => call.activity.type === 'typing', status: 500 });
  await stack.sim.latency(2_000);
  const before = stack.connector.calls.length;
  const card = await new Conversation(stack.connector, stack.simulator.tenantId).say(stack.bot.messagesEndpoint, 'invite refused.typing@fabrikam.com');
  expect(JSON.stringify(card)).toContain('refused.typing@fabrikam.com');
  expect(typesSince(before)).toContain('typing');
  expect(typesSince(before).filter((type) => type === 'message')).toHaveLength(1);
});
