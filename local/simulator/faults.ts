import { z } from 'zod';
import { GraphRequestError } from './graph/errors.js';
import { isUnderPath } from './http/path-prefix.js';

// Test-injected failures: the next `count` requests matching method and path fail as described.

const matching = {
  method: z.string().optional(),
  /** '/v1.0/invitations' matches that path and everything below it. */
  path: z.string().startsWith('/'),
  count: z.number().int().positive().default(1),
};

const failingRuleSchema = z.strictObject({
  ...matching,
  status: z.number().int().min(400).max(599),
  retryAfterSeconds: z.number().nonnegative().optional(),
  code: z.string().optional(),
  message: z.string().optional(),
  afterCreate: z.literal(false).optional(),
});

// Performs the operation, then destroys the connection without answering. A status may be given
// for symmetry with the failing rules; nothing is answered, so it has no effect.
const droppingRuleSchema = z.strictObject({ ...matching, afterCreate: z.literal(true), status: z.number().int().optional() });

export const faultRuleSchema = z.discriminatedUnion('afterCreate', [failingRuleSchema, droppingRuleSchema]);
export type FaultRule = z.infer<typeof faultRuleSchema>;
export type FailingFaultRule = z.infer<typeof failingRuleSchema>;

// Graph's usual code and message per status, used when the rule names none.
const defaultErrors: Record<number, { code: string; message: string }> = {
  400: { code: 'BadRequest', message: 'The request is malformed or incorrect.' },
  401: { code: 'InvalidAuthenticationToken', message: 'Access token validation failure.' },
  403: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' },
  404: { code: 'Request_ResourceNotFound', message: 'The requested resource does not exist.' },
  409: { code: 'Directory_ConcurrencyViolation', message: 'Another operation is in progress on this object.' },
  429: { code: 'TooManyRequests', message: 'Please retry again later.' },
  500: { code: 'InternalServerError', message: 'An internal server error occurred.' },
  502: { code: 'BadGateway', message: 'The service is unreachable.' },
  503: { code: 'ServiceUnavailable', message: 'The service is temporarily unavailable. Please retry later.' },
  504: { code: 'GatewayTimeout', message: 'The gateway timed out.' },
};

// Graph always tells a throttled caller how long to wait.
const defaultRetryAfterSecondsFor429 = 1;

export class FaultInjector {
  private pending: { rule: FaultRule; remaining: number }[] = [];

  add(rule: FaultRule): void {
    this.pending.push({ rule, remaining: rule.count });
  }

  clear(): void {
    this.pending = [];
  }

  /** The first rule matching this request, using up one of its `count`. */
  take(method: string, path: string): FaultRule | undefined {
    const entry = this.pending.find(
      ({ rule }) => (rule.method === undefined || rule.method.toUpperCase() === method) && isUnderPath(path, rule.path),
    );
    if (entry === undefined) return undefined;
    entry.remaining -= 1;
    if (entry.remaining === 0) this.pending = this.pending.filter((candidate) => candidate !== entry);
    return entry.rule;
  }
}

/** The Graph error a failing (not dropping) rule, or a random fault, answers with. */
export function faultError(rule: Pick<FailingFaultRule, 'status' | 'retryAfterSeconds' | 'code' | 'message'>): GraphRequestError {
  const fallback = defaultErrors[rule.status] ?? { code: 'UnknownError', message: 'An unexpected error occurred.' };
  const retryAfterSeconds = rule.retryAfterSeconds ?? (rule.status === 429 ? defaultRetryAfterSecondsFor429 : undefined);
  const headers: Record<string, string> = retryAfterSeconds === undefined ? {} : { 'Retry-After': String(retryAfterSeconds) };
  return new GraphRequestError(rule.status, rule.code ?? fallback.code, rule.message ?? fallback.message, headers);
}
