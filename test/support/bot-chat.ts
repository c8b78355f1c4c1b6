/**
 * Talking to a bot under test as different people: a message (answered by the card the connector receives)
 * and a card button press (answered by the invoke response), both through the real /api/messages.
 */
import { expect } from 'vitest';
import { cardAction, message, postActivity, type Scope } from './activities.js';
import type { BotUnderTest } from './bot-under-test.js';
import type { ConnectorRecorder } from './connector-recorder.js';
import { validCard } from './conversation.js';
import { validateCard } from './schemas.js';

export type Person = { id: string; name: string; aadObjectId: string };

export interface InvokeAnswer {
  statusCode: number;
  type: string;
  value: Record<string, unknown> & { code?: string; message?: string };
}

export function botChat(bot: () => BotUnderTest, connector: ConnectorRecorder, tenantId: string) {
  const options = (from: Person, scope: Scope) => ({ serviceUrl: connector.serviceUrl, tenantId, scope, from });
  return {
    /** Says `text` and returns the card the bot answers with. */
    async say(text: string, from: Person, scope: Scope = 'personal'): Promise<Record<string, unknown>> {
      connector.clear();
      const response = await postActivity(bot().messagesEndpoint, message(text, options(from, scope)));
      expect(response.status).toBe(200);
      const [reply] = await connector.waitFor((call) => call.activity.type === 'message' && call.method === 'POST');
      return validCard(reply!);
    },
    /** Presses a card's Action.Execute button on the card `replyToId`. */
    async press(verb: string, data: Record<string, unknown>, from: Person, replyToId: string, scope: Scope = 'personal'): Promise<InvokeAnswer> {
      const response = await postActivity(bot().messagesEndpoint, cardAction(verb, data, { ...options(from, scope), replyToId }));
      const body = (await response.json()) as InvokeAnswer;
      // Teams takes the invoke answer's status as the HTTP status too.
      expect(response.status).toBe(body.statusCode);
      if (body.type === 'application/vnd.microsoft.card.adaptive') expect(validateCard(body.value)).toEqual([]);
      return body;
    },
  };
}
