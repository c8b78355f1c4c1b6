/**
 * A tiny plain-http endpoint on loopback that plays a subscriber for the simulator's change
 * notifications: it answers validation requests and records every POST it receives.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

interface ReceivedPost {
  url: URL;
  contentType: string | undefined;
  text: string;
}

/** How the receiver answers; the default echoes validation tokens and accepts notifications with 202. */
export type Responder = (post: ReceivedPost, response: ServerResponse) => void;

export const echoValidation: Responder = (post, response) => {
  const token = post.url.searchParams.get('validationToken');
  if (token !== null) {
    response.writeHead(200, { 'content-type': 'text/plain' });
    response.end(token);
    return;
  }
  response.writeHead(202);
  response.end();
};

export interface NotificationReceiver {
  url: string;
  posts: ReceivedPost[];
  /** Change notifications received (validation requests left out), their parsed bodies. */
  notifications(): { value: Record<string, unknown>[] }[];
  /** Resolves once `count` change notifications arrived (fails the test after `timeoutMs`). */
  waitForNotifications(count: number, timeoutMs?: number): Promise<{ value: Record<string, unknown>[] }[]>;
  respondWith(responder: Responder): void;
  close(): Promise<void>;
}

export async function startReceiver(responder: Responder = echoValidation): Promise<NotificationReceiver> {
  let respond = responder;
  const posts: ReceivedPost[] = [];
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const post = {
        url: new URL(request.url ?? '/', 'http://127.0.0.1'),
        contentType: request.headers['content-type'],
        text: Buffer.concat(chunks).toString('utf8'),
      };
      posts.push(post);
      respond(post, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const notifications = (): { value: Record<string, unknown>[] }[] =>
    posts.filter((post) => !post.url.searchParams.has('validationToken')).map((post) => JSON.parse(post.text) as { value: Record<string, unknown>[] });

  return {
    url: `http://127.0.0.1:${port}/api/notifications`,
    posts,
    notifications,
    async waitForNotifications(count, timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      while (notifications().length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} notifications, received ${notifications().length}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return notifications();
    },
    respondWith(next) {
      respond = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
