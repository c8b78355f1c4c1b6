/**
 * Structured logging with pino. Two guarantees every log line gets, whoever writes it:
 * secrets and tokens are censored by key, and email addresses anywhere in a string are redacted
 * (`j***@contoso.com`), because addresses are personal data. Errors keep their type, message, stack,
 * cause and own fields (pino's `err` serializer), under the same two guarantees.
 */
import { pino, stdSerializers, type Logger, type LevelWithSilent, type DestinationStream } from 'pino';
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

/** The same keys at any depth of a record: an SDK error carries its request, headers included. */
const SECRET_KEY_SET: ReadonlySet<string> = new Set(SECRET_KEYS.map((key) => key.toLowerCase()));

const EMAIL_IN_TEXT = /[^\s<>()[\]"',;:]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+/gi;

export function redactEmails(text: string): string {
  return text.replace(EMAIL_IN_TEXT, (match) => redactAddress(match));
}

/**
 * Walks a log record's values: strings lose their addresses, secrets their value, and errors become what
 * pino's `err` serializer makes of them (this runs before serializers would). Depth-limited: log records are small.
 */
function redactValue(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return redactEmails(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return redactValue(stdSerializers.errWithCause(value), depth + 1);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, SECRET_KEY_SET.has(key.toLowerCase()) ? '[secret]' : redactValue(item, depth + 1)]));
}

function serializeError(value: unknown): unknown {
  return value instanceof Error ? redactValue(value, 0) : value;
}

export function createLogger(level: LevelWithSilent, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'guest-invites' },
      // formatters.log runs first and already gives errors pino's errWithCause form, redacted; pino's default
      // `err` serializer would take that plain object for a new error and lose the type and the stack.
      serializers: { err: serializeError, error: serializeError },
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
