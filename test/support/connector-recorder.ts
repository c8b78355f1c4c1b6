/**
 * A stand-in Bot Connector service for integration tests: the bot's replies arrive here as the HTTP calls
 * botbuilder makes (POST .../activities, PUT .../activities/{id}), and tests wait for them.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedCall {
  readonly method: string;
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

export interface ConnectorRecorder {
  readonly serviceUrl: string;
  readonly calls: RecordedCall[];
  /** Waits until `count` calls match; returns them. */
  waitFor(predicate: (call: RecordedCall) => boolean, count?: number, timeoutMs?: number): Promise<RecordedCall[]>;
  clear(): void;
  close(): Promise<void>;
}

export async function startConnectorRecorder(): Promise<ConnectorRecorder> {
  const calls: RecordedCall[] = [];
  const waiters = new Set<() => void>();
  let nextId = 1;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const path = decodeURIComponent((req.url ?? '').split('?')[0] ?? '');
      const match = /\/v3\/conversations\/([^/]+)\/activities/.exec(path);
      calls.push({ method: req.method ?? '', path, conversationId: match?.[1] ?? '', activity: body ? JSON.parse(body) : { type: '' } });
      for (const wake of waiters) wake();
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
