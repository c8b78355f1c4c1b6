/**
 * A Teams conversation with the bot through its real HTTP surface, for integration tests: say something,
 * press a card button (Action.Execute invoke), and wait for the in-place updates of a card, all seen
 * through the connector calls botbuilder makes.
 */
import { expect } from 'vitest';
import { cardAction, DANA, message, postActivity, type Scope } from './activities.js';
import { actionData, cardOf, cardText, type ConnectorRecorder, type RecordedCall } from './connector-recorder.js';
import { validateCard } from './schemas.js';

export interface InvokeAnswer {
  status: number;
  body: { statusCode: number; type: string; value: Record<string, unknown> };
}

export class Conversation {
  constructor(
    private readonly connector: ConnectorRecorder,
    private readonly tenantId: string,
    private readonly scope: Scope = 'personal',
    private readonly from = DANA,
  ) {}

  private options() {
    return { serviceUrl: this.connector.serviceUrl, tenantId: this.tenantId, scope: this.scope, from: this.from };
  }

  /** Sends a message and returns the card of the bot's reply. */
  async say(endpoint: string, text: string): Promise<Record<string, unknown>> {
    const before = this.connector.calls.length;
    const response = await postActivity(endpoint, message(text, this.options()));
    expect(response.status).toBe(200);
    const [reply] = await this.connector.waitFor((call) => call.activity.type === 'message' && this.connector.calls.indexOf(call) >= before);
    return validCard(reply!);
  }

  /** Presses a button of the card with activity id `replyToId`. */
  async press(endpoint: string, verb: string, data: Record<string, unknown>, replyToId: string): Promise<InvokeAnswer> {
    const response = await postActivity(endpoint, cardAction(verb, data, { ...this.options(), replyToId }));
    const body = (await response.json()) as InvokeAnswer['body'];
    if (body.type === 'application/vnd.microsoft.card.adaptive') expect(validateCard(body.value)).toEqual([]);
    return { status: response.status, body };
  }

  /** Invites one address and presses Send on its review, posted as card `card-<address>`; waits for the result. */
  async invite(endpoint: string, address: string): Promise<void> {
    const review = await this.say(endpoint, `invite ${address}`);
    await this.press(endpoint, 'review.send', actionData(review, 'review.send'), `card-${address}`);
    await this.waitForUpdate(`card-${address}`, /Invitation sent/);
  }

  /** Every in-place update of card `activityId` so far, oldest first. */
  updatesOf(activityId: string): Record<string, unknown>[] {
    return this.connector.calls.filter((call) => isUpdateOf(call, activityId)).map(validCard);
  }

  /** Waits for an update of card `activityId` whose text matches. */
  async waitForUpdate(activityId: string, text: RegExp, timeoutMs = 60_000): Promise<Record<string, unknown>> {
    const matching = (call: RecordedCall) => isUpdateOf(call, activityId) && text.test(cardText(cardOf(call)));
    const [update] = await this.connector.waitFor(matching, 1, timeoutMs);
    return validCard(update!);
  }
}

function isUpdateOf(call: RecordedCall, activityId: string): boolean {
  return call.method === 'PUT' && call.path.endsWith(`/activities/${activityId}`);
}

export function validCard(reply: RecordedCall): Record<string, unknown> {
  const card = cardOf(reply);
  expect(card, 'the reply carries an Adaptive Card').toBeDefined();
  expect(validateCard(card)).toEqual([]);
  return card!;
}

/** n distinct, valid, external addresses. */
export function addresses(count: number, prefix: string): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}.${i}@fabrikam.com`);
}
