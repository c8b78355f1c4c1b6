/**
 * A stand-in Bot Connector service for integration tests: the bot's replies arrive here as the HTTP calls
 * botbuilder makes (POST .../activities, PUT .../activities/{id}), and tests wait for them.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedCall {
  readonly method: string;
  /** The HTTP status the recorder answered with: 200, or a scripted one. */
  readonly status?: number;
  readonly path: string;
  readonly conversationId: string;
  readonly activity: {
    type: string;
    id?: string;
    text?: string;
    replyToId?: string;
    attachments?: { contentType: string; content: Record<string, unknown> }[];
    conversation?: { id: string };
  };
}

/**
 * An answer the recorder gives instead of its usual 200 with a fresh id, to the next `times` calls that
 * match: a 404 to updates of a deleted card, a 429 with Retry-After, a 200 without an id.
 */
interface ScriptedAnswer {
  readonly method?: string;
  /** Matches calls to this activity (PUT .../activities/{id}), or replies to it (POST .../activities/{id}). */
  readonly activityId?: string;
  /** Matches calls whose activity passes this test too. */
  readonly matches?: (call: RecordedCall) => boolean;
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body?: unknown;
  /** Default: every matching call from now on. */
  readonly times?: number;
}

export interface ConnectorRecorder {
  readonly serviceUrl: string;
  readonly calls: RecordedCall[];
  /** Answers matching calls as scripted (the call is still recorded). */
  script(answer: ScriptedAnswer): void;
  clearScripts(): void;
  /** Waits until `count` calls match; returns them. */
  waitFor(predicate: (call: RecordedCall) => boolean, count?: number, timeoutMs?: number): Promise<RecordedCall[]>;
  clear(): void;
  close(): Promise<void>;
}

export async function startConnectorRecorder(): Promise<ConnectorRecorder> {
  const calls: RecordedCall[] = [];
  const waiters = new Set<() => void>();
  let nextId = 1;
  let scripted: { answer: ScriptedAnswer; left: number }[] = [];
  const scriptedFor = (call: RecordedCall) => {
    const entry = scripted.find(
      ({ answer }) =>
        (answer.method === undefined || answer.method === call.method) &&
        (answer.activityId === undefined || call.path.endsWith(`/activities/${answer.activityId}`)) &&
        (answer.matches === undefined || answer.matches(call)),
    );
    if (!entry) return undefined;
    if (--entry.left <= 0) scripted = scripted.filter((candidate) => candidate !== entry);
    return entry.answer;
  };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const path = decodeURIComponent((req.url ?? '').split('?')[0] ?? '');
      const match = /\/v3\/conversations\/([^/]+)\/activities/.exec(path);
      const call: RecordedCall = { method: req.method ?? '', path, conversationId: match?.[1] ?? '', activity: body ? (JSON.parse(body) as RecordedCall['activity']) : { type: '' } };
      const answer = scriptedFor(call);
      calls.push({ ...call, status: answer?.status ?? 200 });
      for (const wake of waiters) wake();
      if (answer) {
        res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
        res.end(JSON.stringify(answer.body ?? {}));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `activity-${nextId++}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    calls,
    waitFor(predicate, count = 1, timeoutMs = 25_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const matching = calls.filter(predicate);
          if (matching.length < count) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(matching);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`expected ${count} matching connector call(s), saw ${calls.filter(predicate).length} of ${calls.length}: ${JSON.stringify(calls.map((c) => c.activity.type))}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    script: (answer) => void scripted.push({ answer, left: answer.times ?? Number.POSITIVE_INFINITY }),
    clearScripts: () => void (scripted = []),
    clear: () => void calls.splice(0, calls.length),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The Adaptive Card of a recorded reply, or undefined. */
export function cardOf(call: RecordedCall): Record<string, unknown> | undefined {
  return call.activity.attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')?.content;
}

/** All visible text of a card (TextBlocks, TextRuns, facts), for assertions. */
export function cardText(card: unknown): string {
  const texts: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (typeof record.text === 'string') texts.push(record.text);
    if (typeof record.title === 'string') texts.push(record.title);
    if (typeof record.value === 'string') texts.push(record.value);
    Object.values(record).forEach(walk);
  };
  walk(card);
  return texts.join('\n');
}

/** The data of the card's Action.Execute with this verb (e.g. the batch id of Send). */
export function actionData(card: unknown, verb: string): Record<string, unknown> {
  let found: Record<string, unknown> | undefined;
  const walk = (node: unknown) => {
    if (found || !node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(walk);
    const record = node as Record<string, unknown>;
    if (record.type === 'Action.Execute' && record.verb === verb) found = (record.data ?? {}) as Record<string, unknown>;
    Object.values(record).forEach(walk);
  };
  walk(card);
  if (!found) throw new Error(`the card has no ${verb} action`);
  return found;
}
