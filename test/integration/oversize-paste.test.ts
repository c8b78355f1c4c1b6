/**
 * A paste longer than MAX_PASTE_CHARACTERS, through POST /api/messages: the request is read (even when it
 * is larger than the 1 MiB the body parser used to allow) and the answer is a card in the chat, since the
 * Bot Framework shows the user nothing of an HTTP error.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { message, postActivity } from '../support/activities.js';
import { cardText } from '../support/connector-recorder.js';
import { Conversation } from '../support/conversation.js';
import { useBotStack } from '../support/bot-stack.js';

const MAX_PASTE = 100_000;

let chat: Conversation;
const stack = useBotStack({ MAX_PASTE_CHARACTERS: String(MAX_PASTE) });

beforeAll(() => {
  chat = new Conversation(stack.connector, stack.simulator.tenantId);
});

/** A list of `length` characters: addresses, one per line. */
function paste(length: number): string {
  const line = 'someone.with.a.long.name@fabrikam.com\n';
  return line.repeat(Math.ceil(length / line.length)).slice(0, length);
}

describe('a paste over the limit', () => {
  it('a paste just over MAX_PASTE_CHARACTERS is answered in the chat with both lengths', async () => {
    const text = `invite ${paste(MAX_PASTE)}`;
    const card = cardText(await chat.say(stack.bot.messagesEndpoint, text));
    expect(card).toContain('That is too long for me');
    expect(card).toContain(`${text.length.toLocaleString('en-US')} characters`);
    expect(card).toContain(`up to ${MAX_PASTE.toLocaleString('en-US')}`);
  });

  it('a paste larger than the old 1 MiB body limit is read and answered in the chat, not refused 413', async () => {
    const text = `invite ${paste(1_500_000)}`;
    expect(Buffer.byteLength(JSON.stringify({ text }))).toBeGreaterThan(1024 * 1024);
    const card = cardText(await chat.say(stack.bot.messagesEndpoint, text));
    expect(card).toContain('That is too long for me');
    expect(card).toContain('1,500,007 characters');
  });

  it('only a body no client sends (over twelve bytes a character of the limit) is refused 413', async () => {
    const options = { serviceUrl: stack.connector.serviceUrl, tenantId: stack.simulator.tenantId, scope: 'personal' as const };
    const response = await postActivity(stack.bot.messagesEndpoint, message(`invite ${paste(MAX_PASTE * 12 + 1024 * 1024)}`, options));
    expect(response.status).toBe(413);
  });
});
