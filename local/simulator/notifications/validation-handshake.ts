import { randomUUID } from 'node:crypto';
import type { NotificationLog } from './notification-log.js';
import { postToReceiver } from './post-to-receiver.js';

// Before creating a subscription Graph proves the endpoint wants it: it POSTs to
// notificationUrl?validationToken=<token> and needs, within 10 seconds, 200 OK with the token as the
// text/plain body (change-notifications-delivery-webhooks, "Notification endpoint validation").

const validationTimeoutMs = 10_000;

export type HandshakeResult = { ok: true } | { ok: false; message: string };

// Graph's messages for each way a validation fails, as reported by callers (README).
const messages = {
  not200: 'Subscription validation request failed. Notification endpoint must respond with 200 OK to validation request.',
  mismatch: 'Subscription validation request failed. Response must exactly match validationToken query parameter.',
  timeout: 'Subscription validation request timed out.',
};

export async function validateEndpoint(log: NotificationLog, endpoint: string): Promise<HandshakeResult> {
  // Shaped like Graph's token: readable text with spaces and colons, so a receiver must URL-decode it.
  const token = `Validation: Testing client application reachability for subscription Request-Id: ${randomUUID()}`;
  const url = new URL(endpoint);
  url.searchParams.set('validationToken', token);
  const { delivery, answer } = await postToReceiver(log, {
    kind: 'validation',
    subscriptionId: null,
    url: url.toString(),
    contentType: 'text/plain; charset=utf-8',
    body: '',
    timeoutMs: validationTimeoutMs,
  });
  if (answer === undefined) return { ok: false, message: delivery.error === 'timeout' ? messages.timeout : messages.not200 };
  if (delivery.status !== 200) return { ok: false, message: messages.not200 };
  // The echo must be the token itself, decoded, as text/plain: no quotes, no JSON, no HTML.
  const isPlainText = answer.contentType.toLowerCase().startsWith('text/plain');
  if (!isPlainText || answer.text !== token) return { ok: false, message: messages.mismatch };
  return { ok: true };
}
