/** The request-scoped logger travels with the turn, so every line of one turn carries the same request id. */
import type { TurnContext } from 'botbuilder';
import type { Logger } from 'pino';

const TURN_LOGGER = Symbol('guest-invites.logger');

export function setTurnLogger(context: TurnContext, logger: Logger): void {
  context.turnState.set(TURN_LOGGER, logger);
}

export function turnLogger(context: TurnContext, fallback: Logger): Logger {
  return context.turnState.get<Logger | undefined>(TURN_LOGGER) ?? fallback;
}
