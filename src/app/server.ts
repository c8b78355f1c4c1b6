/**
 * The HTTP surface: restify. POST /api/messages takes Bot Framework activities (token-checked when
 * MicrosoftAppId is set), run as turns by src/bot, the one folder that knows botbuilder (a malformed
 * activity is refused 400 first); GET /healthz says the process is up, GET /readyz whether it can do its work
 * (storage, Graph) and is not stopping.
 */
import restify from 'restify';
import type { Logger } from './logger.js';
import type { TurnRunner } from '../bot/bot-framework.js';
import { checkActivity } from '../bot/activity-schema.js';

/** What /readyz reports: every part the bot needs, and which of them failed. */
export interface Readiness {
  readonly ready: boolean;
  readonly checks: Readonly<Record<string, string>>;
}

/** Seconds a stopping bot asks Bot Framework to wait before retrying a turn (another instance takes it). */
const DRAINING_RETRY_AFTER_SECONDS = 5;

export interface BotServer {
  readonly server: restify.Server;
  /** Stops taking turns (503 with Retry-After) and reports not ready; resolves once the turns in progress are done. */
  drain(): Promise<void>;
}

/**
 * The largest request body read. A paste over MAX_PASTE_CHARACTERS must still be read, because only a turn
 * can answer it in the chat: the Bot Framework shows the user nothing of an HTTP error (a bare 413 reaches
 * Teams, not the person who pasted). So the body may hold the longest paste written the longest way (JSON
 * escapes \uXXXX: 6 bytes a character) twice over (`text` and Teams' HTML copy in `attachments`), plus the
 * activity around it; a longer paste is still read and answered "too long" up to this size. Only a body
 * beyond it, which no Teams client sends (Teams caps a message near 28 KB), gets 413.
 */
function maxBodyBytes(maxPasteCharacters: number): number {
  return maxPasteCharacters * 6 * 2 + 1024 * 1024;
}

export function createServer(runTurn: TurnRunner, logger: Logger, readiness: () => Promise<Readiness>, limits: { readonly maxPasteCharacters: number }): BotServer {
  const server = restify.createServer({ name: 'guest-invites', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: maxBodyBytes(limits.maxPasteCharacters) }));
  server.use(restify.plugins.queryParser());

  let draining = false;
  let turnsInProgress = 0;
  let turnsDone: (() => void) | undefined;

  server.post('/api/messages', async (req, res) => {
    if (draining) {
      res.header('Retry-After', String(DRAINING_RETRY_AFTER_SECONDS));
      res.send(503, { error: 'This instance is stopping; try again.' });
      return;
    }
    const requestLog = logger.child({ requestId: req.id() });
    requestLog.debug('activity received');
    const check = checkActivity(req.body);
    if (!check.ok) {
      requestLog.warn({ problem: check.problem }, 'malformed activity refused');
      res.send(400, { error: { code: 'BadActivity', message: `This is not an activity I can take: ${check.problem}` } });
      return;
    }
    turnsInProgress++;
    try {
      await runTurn(req, res, requestLog);
    } finally {
      if (--turnsInProgress === 0) turnsDone?.();
    }
  });
  // Alive: the process answers. Whether it can work is /readyz's question, so a storage outage never gets it restarted.
  server.get('/healthz', (_req, res, next) => {
    res.send(200, { status: 'alive' });
    next();
  });
  server.get('/readyz', async (_req, res) => {
    const state = draining ? { ready: false, checks: { instance: 'stopping' } } : await readiness();
    res.send(state.ready ? 200 : 503, { status: state.ready ? 'ready' : 'not ready', ...state.checks });
  });
  return {
    server,
    drain: () => {
      draining = true;
      if (turnsInProgress === 0) return Promise.resolve();
      return new Promise<void>((resolve) => {
        turnsDone = resolve;
      });
    },
  };
}
