/** A Graph client whose last middleware plays Graph's JSON $batch, for unit tests of the batched reads. */
import { Client, type Context, type Middleware } from '@microsoft/microsoft-graph-client';

interface BatchRequest {
  requests: { id: string; method: string; url: string }[];
}

export type InnerAnswer = { status: number; headers?: Record<string, string>; body: unknown };

/** A Graph whose $batch answers each inner request with `answer(url, attempt of that url)`; records every batch. */
export function fakeBatchGraph(answer: (url: string, attempt: number) => InnerAnswer) {
  const batches: BatchRequest[] = [];
  const attempts = new Map<string, number>();
  const graph: Middleware = {
    execute: (context: Context) => {
      const body = context.options?.body;
      const batch = JSON.parse(typeof body === 'string' ? body : '{}') as BatchRequest;
      batches.push(batch);
      const responses = batch.requests.map((inner) => {
        const attempt = (attempts.get(inner.url) ?? 0) + 1;
        attempts.set(inner.url, attempt);
        const { status, headers, body } = answer(inner.url, attempt);
        return { id: inner.id, status, headers: { 'Content-Type': 'application/json', ...headers }, body };
      });
      context.response = new Response(JSON.stringify({ responses }), { status: 200, headers: { 'Content-Type': 'application/json' } });
      return Promise.resolve();
    },
  };
  return { client: Client.initWithMiddleware({ middleware: graph }), batches };
}

/** An inner Graph error answer. */
export const graphError = (status: number, code: string, headers: Record<string, string> = {}): InnerAnswer => ({ status, headers, body: { error: { code, message: code } } });
