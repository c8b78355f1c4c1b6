/**
 * Many GETs of the same kind as JSON batches (json-batching): 20 to a batch (Graph's limit), a few batches in
 * flight at once. Graph evaluates throttling per inner request and the SDK's retry middleware does not look
 * inside a batch, so inner 429/503/504s are sent again in a new batch after the longest Retry-After
 * (throttling.md), as the middleware does for plain requests. Every other inner answer goes back to the
 * caller, a failure as the GraphError a plain request would have thrown, so each gateway maps 404 and 403 the
 * way it does for a single request.
 */
import { GraphError, type Client } from '@microsoft/microsoft-graph-client';
import { mapWithConcurrency } from '../domain/use-cases/review-invitees.js';
import { toServiceError } from './errors.js';

/** One inner GET's outcome: its body, or the error a plain request would have thrown. */
export type BatchAnswer = { readonly ok: true; readonly body: unknown } | { readonly ok: false; readonly error: GraphError };

export interface BatchRead {
  /** GET urls relative to the version (`/users/{id}?$select=…`), answered in the order asked. */
  readonly urls: readonly string[];
  /** What is read, for the error of a batch that fails as a whole (`POST /$batch (…)`). */
  readonly operation: string;
}

/** Every answer, or the first answer that decided the whole read. */
export type DecidedRead<Decisive extends BatchAnswer> = { readonly kind: 'decided'; readonly answer: Decisive } | { readonly kind: 'all'; readonly answers: BatchAnswer[] };

/** Graph's limit of requests in one JSON batch (json-batching). */
const BATCH_LIMIT = 20;
/** Batches of one read in flight at once: 1,000 addresses are 50 batches. */
const BATCHES_AT_ONCE = 4;
/** What the SDK's RetryHandler retries, as many times, for a plain request. */
const RETRIED_STATUSES = new Set([429, 503, 504]);
const MAX_BATCH_RETRIES = 3;
const DEFAULT_RETRY_SECONDS = 3;
const MAX_RETRY_WAIT_SECONDS = 180;

/** Graph's default answer time is unbounded; a worker must not hang on one request past its lease. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

interface InnerResponse {
  id: string;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export class JsonBatch {
  constructor(
    private readonly client: Client,
    private readonly requestTimeoutMs: number = DEFAULT_REQUEST_TIMEOUT_MS,
  ) {}

  /** Every GET answered, in the order asked. */
  async getAll(read: BatchRead): Promise<BatchAnswer[]> {
    return (await this.readGroups(read)).answers;
  }

  /**
   * Every GET answered, unless an answer decides the whole read (a tenant without the licence answers every
   * request alike): the first batch goes alone, and once such an answer arrives no further batch is sent.
   */
  async getUntil<Decisive extends BatchAnswer>(read: BatchRead, decisive: (answer: BatchAnswer) => answer is Decisive): Promise<DecidedRead<Decisive>> {
    const { answers, decided } = await this.readGroups(read, decisive);
    return decided ? { kind: 'decided', answer: decided } : { kind: 'all', answers };
  }

  private async readGroups<Decisive extends BatchAnswer>(read: BatchRead, decisive?: (answer: BatchAnswer) => answer is Decisive) {
    const answers = new Array<BatchAnswer>(read.urls.length);
    let decided: Decisive | undefined;
    const readGroup = async (start: number) => {
      if (decided) return;
      const group = await this.batch(read.urls.slice(start, start + BATCH_LIMIT), read.operation);
      group.forEach((answer, index) => (answers[start + index] = answer));
      if (decisive) decided ??= group.find(decisive);
    };
    const starts: number[] = [];
    for (let start = 0; start < read.urls.length; start += BATCH_LIMIT) starts.push(start);
    // Sent alone, the first batch can spare the others when it decides the read.
    const alone = decisive ? starts.splice(0, 1) : [];
    for (const start of alone) await readGroup(start);
    await mapWithConcurrency(starts, BATCHES_AT_ONCE, readGroup);
    return { answers, decided };
  }

  /** At most 20 GETs as one batch, throttled ones sent again (bounded), answered in the order asked. */
  private async batch(urls: readonly string[], operation: string): Promise<BatchAnswer[]> {
    const answers = new Array<BatchAnswer>(urls.length);
    let pending = urls.map((url, index) => ({ id: String(index + 1), url, index }));
    for (let attempt = 0; ; attempt++) {
      // The batch body is written here rather than by the SDK's BatchRequestContent: that one wants a fetch
      // Request per step and strips each URL's host with a backtracking regex that took 15 % of the bot's CPU
      // under 50 pastes at once (bench:turn --profile). GETs need nothing else: no body, no headers.
      const body = { requests: pending.map((step) => ({ id: step.id, method: 'GET', url: step.url })) };
      let answer: { responses: InnerResponse[] };
      try {
        answer = (await this.client.api('/$batch').option('signal', AbortSignal.timeout(this.requestTimeoutMs)).post(body)) as { responses: InnerResponse[] };
      } catch (error) {
        throw toServiceError(error, `POST /$batch (${operation})`);
      }
      const byId = new Map(answer.responses.map((response) => [response.id, response]));
      const retry: typeof pending = [];
      let waitSeconds = 0;
      for (const step of pending) {
        const response = byId.get(step.id);
        if (response && RETRIED_STATUSES.has(response.status) && attempt < MAX_BATCH_RETRIES) {
          retry.push(step);
          waitSeconds = Math.max(waitSeconds, retryAfter(response) ?? DEFAULT_RETRY_SECONDS);
        } else {
          answers[step.index] = response && response.status >= 200 && response.status < 300 ? { ok: true, body: response.body } : { ok: false, error: innerError(response) };
        }
      }
      if (retry.length === 0) return answers;
      pending = retry;
      await new Promise((resolve) => setTimeout(resolve, Math.min(waitSeconds, MAX_RETRY_WAIT_SECONDS) * 1000));
    }
  }
}

function retryAfter(response: InnerResponse): number | undefined {
  const value = Object.entries(response.headers ?? {}).find(([name]) => name.toLowerCase() === 'retry-after')?.[1];
  const seconds = Number(value);
  return value !== undefined && Number.isFinite(seconds) ? Math.max(0, seconds) : undefined;
}

/** An inner failure as the GraphError the SDK throws for a plain request, so callers read it the same way. */
function innerError(response: InnerResponse | undefined): GraphError {
  if (!response) return new GraphError(-1, 'Graph left a request of the batch unanswered');
  const body = response.body as { error?: { code?: string; message?: string; innerError?: { 'request-id'?: string } } } | undefined;
  const error = new GraphError(response.status, body?.error?.message ?? '');
  if (body?.error?.code) error.code = body.error.code;
  if (body?.error?.innerError?.['request-id']) error.requestId = body.error.innerError['request-id'];
  error.headers = new Headers(response.headers ?? {});
  return error;
}
