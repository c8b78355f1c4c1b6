import { graphDateTime } from '../time.js';
import type { Delivery, DeliveryKind, NotificationLog } from './notification-log.js';

// One POST to a subscriber's endpoint, logged, with a deadline. Plain fetch: an https endpoint must be
// trusted by this process (NODE_EXTRA_CA_CERTS), as Graph trusts only public CAs.

export interface PostOptions {
  kind: DeliveryKind;
  subscriptionId: string | null;
  url: string;
  contentType: string;
  /** Serialised as JSON unless it is a string. */
  body: unknown;
  timeoutMs: number;
}

export interface ReceiverAnswer {
  delivery: Delivery;
  /** The answer's content type and text, when the receiver answered. */
  answer: { contentType: string; text: string } | undefined;
}

export async function postToReceiver(log: NotificationLog, options: PostOptions): Promise<ReceiverAnswer> {
  const payload = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  const delivery = log.start({ kind: options.kind, subscriptionId: options.subscriptionId, url: options.url, body: options.body, sentAt: graphDateTime() });
  try {
    const response = await fetch(options.url, {
      method: 'POST',
      headers: { 'content-type': options.contentType },
      body: payload,
      signal: AbortSignal.timeout(options.timeoutMs),
      redirect: 'manual', // Graph does not follow a subscriber's redirects; a 3xx is the answer.
    });
    const text = await response.text();
    delivery.outcome = 'answered';
    delivery.status = response.status;
    return { delivery, answer: { contentType: response.headers.get('content-type') ?? '', text } };
  } catch (error) {
    delivery.outcome = 'failed';
    delivery.error = isTimeout(error) ? 'timeout' : describe(error);
    return { delivery, answer: undefined };
  }
}

function isTimeout(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'TimeoutError';
}

// fetch reports network failures as "fetch failed" with the reason (ECONNREFUSED, …) in `cause`.
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}
