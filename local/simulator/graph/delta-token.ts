import { z } from 'zod';
import { GraphRequestError } from './errors.js';

// The state tokens of users/delta. Graph's are opaque and carry the first call's query options
// (delta-query-overview: "query parameters … are encoded into the tokens"); these carry the same, as
// base64url JSON, plus the change-log position that makes each round resumable.

/** Directory delta tokens expire after 7 days (guest-users-and-status.md; Microsoft 365 dev blog, July 2020). */
const deltaTokenLifetimeMs = 7 * 24 * 60 * 60 * 1000;

const tokenSchema = z.object({
  /** The change log's epoch the token was issued against. */
  e: z.string(),
  /** When the token was issued (ms since the epoch), for the 7-day lifetime. */
  t: z.number(),
  /** The $select of the first call, or null for Graph's default properties. */
  s: z.array(z.string()).nullable(),
  /** The round reports changes after this position (the initial round: none, it lists every user). */
  from: z.number().int().nonnegative().nullable(),
  /** The round covers changes up to this position; its deltaLink resumes from here. */
  upTo: z.number().int().nonnegative(),
  /** Within a round, the id of the last user already returned (users come in id order). */
  after: z.string().nullable(),
});

export type DeltaState = z.infer<typeof tokenSchema>;

export function encodeDeltaState(state: DeltaState): string {
  return Buffer.from(JSON.stringify(state)).toString('base64url');
}

/** The state a token names, or Graph's error for one it cannot continue from: unknown, foreign or expired. */
export function decodeDeltaState(token: string, currentEpoch: string, currentPosition: number, now: number = Date.now()): DeltaState {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw syncStateNotFound();
  }
  const parsed = tokenSchema.safeParse(json);
  if (!parsed.success) throw syncStateNotFound();
  const state = parsed.data;
  const stale = state.e !== currentEpoch || now - state.t > deltaTokenLifetimeMs || state.upTo > currentPosition;
  if (stale) throw syncStateNotFound();
  return state;
}

// The answer Microsoft announced for an expired directory delta link (Microsoft 365 dev blog, "Duration of
// change tracking tokens for identity and education resources"); also used for unknown tokens (README).
export function syncStateNotFound(): GraphRequestError {
  return new GraphRequestError(
    400,
    'syncStateNotFound',
    'The sync state generation is not found. The delta token is expired and data must be synchronized again.',
  );
}
