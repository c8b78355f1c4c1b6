/**
 * A card route: one Action.Execute verb, the shape of the data its button sends (a zod schema), and the
 * handler that answers the press with the card that replaces the one clicked, a message, or an error.
 * Routes live next to their template: src/bot/routes/<template>.ts holds the verbs of cards/<template>.json.
 */
import { CardFactory, MessageFactory, type AdaptiveCardInvokeResponse, type TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { AdaptiveCard } from '../../cards/render.js';
import type { Translator } from '../../i18n/translator.js';
import type { IntakeServices, IntakeSettings } from '../intake.js';

export interface RouteContext {
  readonly turn: TurnContext;
  readonly services: IntakeServices;
  readonly settings: IntakeSettings;
  readonly log: Logger;
  /** The presser's language and time zone (their Teams locale): the answer card speaks it. */
  readonly words: Translator;
}

export interface CardRoute {
  readonly verb: string;
  /** Reads the press's data with the route's schema and answers; CardDataError when the data has the wrong shape. */
  press(context: RouteContext, data: unknown): Promise<AdaptiveCardInvokeResponse>;
}

/**
 * Card data that does not have the shape its verb needs (an old card, a forged press): the press is
 * answered 400 with what was wrong, never taken for a failure of the bot.
 */
export class CardDataError extends Error {
  override readonly name = 'CardDataError';
}

export function cardRoute<Schema extends z.ZodType>(
  verb: string,
  data: Schema,
  handle: (context: RouteContext, data: z.output<Schema>) => AdaptiveCardInvokeResponse | Promise<AdaptiveCardInvokeResponse>,
): CardRoute {
  return {
    verb,
    press: (context, raw) => {
      const parsed = data.safeParse(raw);
      if (!parsed.success) return Promise.reject(new CardDataError(z.prettifyError(parsed.error)));
      return Promise.resolve(handle(context, parsed.data));
    },
  };
}

/** A button whose press needs nothing but who pressed it. */
export const noData = z.object({});
export const batchData = z.object({ batchId: z.string().min(1) });

export async function sendCard(turn: TurnContext, card: AdaptiveCard): Promise<void> {
  await turn.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
}

/** Universal Actions: a message shown to the person, with the card left as it was. */
export function messageResponse(text: string): AdaptiveCardInvokeResponse {
  // botframework-schema types `value` as an object; for this response type the protocol's value is the text.
  return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text as unknown as AdaptiveCardInvokeResponse['value'] };
}

export function cardResponse(card: AdaptiveCard): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card };
}

export function errorResponse(statusCode: number, code: string, message: string): AdaptiveCardInvokeResponse {
  return { statusCode, type: 'application/vnd.microsoft.error', value: { code, message } };
}
