import { message, type Message } from './message.js';

/**
 * The failures that come from outside the domain (Graph, sign-in, storage). Adapters translate SDK errors into a
 * `ServiceError` with one of these codes; the bot says its `userMessage` (`errors:<code>`, words in
 * locales/<language>/errors.json), logs the code, and never shows raw SDK text. Expected business outcomes are
 * return values, not errors.
 */
const SERVICE_ERROR_CODES = [
  'signin.secret-rejected',
  'signin.app-not-found',
  'signin.failed',
  'signin.token-refused',
  'graph.unreachable',
  'graph.unavailable',
  'graph.throttled',
  'graph.permission-denied',
  'graph.invitations-not-allowed',
  'graph.domain-blocked',
  'graph.cross-tenant-blocked',
  'graph.invitations-blocked',
  'graph.delta-expired',
  'graph.invitation-refused',
  'graph.unexpected',
  'mail.failed',
  'teams.post-failed',
  'storage.unreachable',
  'storage.signin-failed',
  'storage.unexpected',
] as const;

export type ServiceErrorCode = (typeof SERVICE_ERROR_CODES)[number];

export function isServiceErrorCode(code: string): code is ServiceErrorCode {
  return (SERVICE_ERROR_CODES as readonly string[]).includes(code);
}

/** What a failure means for the person who met it, in the catalogue. */
function serviceErrorMessage(code: ServiceErrorCode): Message {
  return message(`errors:${code}`);
}

/** A failure as a reason kept with an outcome: what it means, with a detail (Graph's own words, the guest's domain) beside it. */
export function failureReason(code: ServiceErrorCode, detail?: string | Message): Message {
  return detail ? message('errors:withDetail', { reason: serviceErrorMessage(code), detail }) : serviceErrorMessage(code);
}

export class ServiceError extends Error {
  override readonly name = 'ServiceError';
  constructor(
    readonly code: ServiceErrorCode,
    /** Safe for logs: no personal data, no secrets. */
    readonly detail: string,
    /** Graph's own words where they help the inviter (e.g. why an invitation was refused). */
    readonly serviceMessage?: string,
    /** How long the service asked us to wait (Retry-After), when it said. */
    readonly retryAfterSeconds?: number,
  ) {
    super(`${code}: ${detail}`);
  }

  get userMessage(): Message {
    return serviceErrorMessage(this.code);
  }
}

export function isServiceError(error: unknown): error is ServiceError {
  return error instanceof ServiceError;
}

/**
 * A proactive send or update Teams did not take (raised by the bot's card updater, read by whoever posts);
 * `status` is Teams' HTTP status when it answered.
 */
export class ProactiveSendError extends Error {
  override readonly name = 'ProactiveSendError';
  constructor(
    message: string,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** The conversation itself refuses the bot (removed from it, or the chat is gone), not just one message. */
  get conversationGone(): boolean {
    return this.status === 403 || (this.status === 404 && /conversation/i.test(this.message));
  }
}
