/**
 * Structured logging with pino. Two guarantees every log line gets, whoever writes it:
 * secrets and tokens are censored by key, and email addresses anywhere in a string are redacted
 * (`j***@contoso.com`), because addresses are personal data.
 */
import { pino, type Logger, type LevelWithSilent, type DestinationStream } from 'pino';
import { redactAddress } from '../domain/addresses/email-address.js';

export type { Logger } from 'pino';

const SECRET_KEYS = [
  'authorization',
  'Authorization',
  'token',
  'access_token',
  'accessToken',
  'clientSecret',
  'client_secret',
  'password',
  'appPassword',
  'MicrosoftAppPassword',
  'GRAPH_CLIENT_SECRET',
  'AZURE_STORAGE_CONNECTION_STRING',
  'connectionString',
  'inviteRedeemUrl',
  'redeemUrl',
  'clientState',
  'NOTIFICATION_CLIENT_STATE',
  'deltaLink',
];

const EMAIL_IN_TEXT = /[^\s<>()[\]"',;:]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+/gi;

export function redactEmails(text: string): string {
  return text.replace(EMAIL_IN_TEXT, (match) => redactAddress(match));
}

/** Walks a log record's values; strings lose their addresses. Depth-limited: log records are small. */
function redactValue(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return redactEmails(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return redactValue(plainError(value), depth + 1);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactValue(item, depth + 1)]));
}

/**
 * An error as a plain object with its stack (a crash must say where), and its scalar own fields (a status
 * code, a ServiceError's code and detail). The record walk above turns errors into this before pino's own
 * serializer sees them, which would otherwise make them type "Object" with an empty stack.
 */
function plainError(error: Error): Record<string, unknown> {
  const fields = Object.entries(error).filter(([, value]) => typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean');
  return { type: error.name, message: error.message, stack: error.stack ?? '', ...Object.fromEntries(fields) };
}

export function createLogger(level: LevelWithSilent, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      // Errors are already plain objects (formatters.log runs first); pino's serializer would empty them.
      serializers: { err: (value: unknown) => value },
      base: { service: 'guest-invites' },
      redact: { paths: [...SECRET_KEYS, ...SECRET_KEYS.map((key) => `*.${key}`)], censor: '[secret]' },
      formatters: { log: (record) => redactValue(record, 0) as Record<string, unknown> },
      hooks: {
        // The message string is not part of the record `formatters.log` sees.
        logMethod(args, method) {
          const redacted = args.map((arg) => (typeof arg === 'string' ? redactEmails(arg) : arg)) as typeof args;
          method.apply(this, redacted);
        },
      },
    },
    destination,
  );
}
