/**
 * A German or French user in the Agents Playground. The Playground (0.2.28) writes `locale: "en-US"` into
 * every activity its server builds (messages, card submits, invokes, installation updates), whatever its
 * page's or its process's language, and the page's own requests carry no locale that a Playwright route could
 * rewrite. So the user's language is set where Teams sets it, on the activity as it reaches the bot: a relay
 * between the Playground and the bot rewrites `locale`, `localTimezone` and the `clientInfo` entity, and passes
 * everything else (headers, body, the bot's answer to an invoke) through unchanged.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ClientLanguage {
  /** What Teams sends as `activity.locale`, e.g. "de-DE". */
  readonly locale: string;
  /** What Teams sends as the clientInfo entity's `timezone`, e.g. "Europe/Berlin". */
  readonly timeZone: string;
}

export const GERMAN_CLIENT: ClientLanguage = { locale: 'de-DE', timeZone: 'Europe/Berlin' };
export const FRENCH_CLIENT: ClientLanguage = { locale: 'fr-FR', timeZone: 'Europe/Paris' };

export interface LanguageRelay {
  /** Where the Playground sends its activities instead of the bot's /api/messages. */
  readonly endpoint: string;
  close(): Promise<void>;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The activity as a Teams client in `client`'s language would have sent it. */
function inLanguage(activity: Json, client: ClientLanguage): Json {
  const entities: readonly unknown[] = Array.isArray(activity.entities) ? (activity.entities as unknown[]) : [];
  const hasClientInfo = entities.some((entity) => isObject(entity) && entity.type === 'clientInfo');
  const clientInfo = (entity: Json): Json => ({ ...entity, locale: client.locale, timezone: client.timeZone });
  return {
    ...activity,
    locale: client.locale,
    localTimezone: client.timeZone,
    entities: hasClientInfo
      ? entities.map((entity) => (isObject(entity) && entity.type === 'clientInfo' ? clientInfo(entity) : entity))
      : [...entities, clientInfo({ type: 'clientInfo' })],
  };
}

async function bodyOf(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Starts the relay in front of `botEndpoint` (the bot's /api/messages) on a free loopback port. */
export async function startLanguageRelay(botEndpoint: string, client: ClientLanguage): Promise<LanguageRelay> {
  const server = createServer((request, response) => {
    void (async () => {
      try {
        const raw = await bodyOf(request);
        const parsed: unknown = raw ? JSON.parse(raw) : undefined;
        const body = isObject(parsed) ? JSON.stringify(inLanguage(parsed, client)) : raw;
        const headers: Record<string, string> = { 'content-type': request.headers['content-type'] ?? 'application/json' };
        if (request.headers.authorization) headers.authorization = request.headers.authorization;
        const answer = await fetch(new URL(request.url ?? '/', botEndpoint), { method: request.method ?? 'POST', headers, ...(request.method === 'GET' ? {} : { body }) });
        const contentType = answer.headers.get('content-type');
        response.writeHead(answer.status, contentType ? { 'content-type': contentType } : {});
        response.end(Buffer.from(await answer.arrayBuffer()));
      } catch (error) {
        response.writeHead(502, { 'content-type': 'text/plain' });
        response.end(`The language relay could not reach the bot: ${error instanceof Error ? error.message : String(error)}`);
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  const path = new URL(botEndpoint).pathname;
  return {
    endpoint: `http://127.0.0.1:${port}${path}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
