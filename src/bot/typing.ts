/**
 * "…is typing" only when the reply is slow. Sent before every review, the typing activity was one of a paste's
 * six requests and a sixth of the turn's CPU (bench:turn) for a card that usually follows within a few hundred
 * milliseconds. Now it goes once the work has run for a second — the wait after which people lose the sense
 * of a direct answer and want a sign of progress — and again every two seconds while it still runs (Teams shows
 * the indicator for a few seconds; botbuilder's ShowTypingMiddleware repeats at the same period). That
 * middleware is not used because it covers every message turn and reports a failed typing activity to the
 * turn's error handler, which would show the user a "turn failed" card. A typing activity that fails is logged
 * and forgotten: the reply matters, not the indicator.
 */
import type { TurnContext } from 'botbuilder';
import type { Logger } from 'pino';

export const TYPING_AFTER_MS = 1_000;
export const TYPING_EVERY_MS = 2_000;

export async function typingWhileSlow<T>(context: TurnContext, log: Logger, work: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  let finished = false;
  const schedule = (delay: number) => {
    timer = setTimeout(() => {
      if (finished) return;
      context.sendActivity({ type: 'typing' }).catch((error: unknown) => log.warn({ err: error }, 'a typing indicator could not be sent'));
      schedule(TYPING_EVERY_MS);
    }, delay);
  };
  schedule(TYPING_AFTER_MS);
  try {
    return await work();
  } finally {
    finished = true;
    clearTimeout(timer);
  }
}
