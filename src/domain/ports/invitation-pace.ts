import type { PaceState } from '../invitations/invitation-pace.js';

/** Spaces POST /invitations under the tenant's budget, across every instance. */
export interface InvitationPace {
  /**
   * Resolves when the next request may leave. Requests of a lower `order` go first (default 0): sending gives
   * the work it took earlier precedence, so one queue message finishes and its worker takes the next while the
   * others keep the pace busy, rather than every message finishing at once and the pace idling in between.
   */
  turn(order?: number): Promise<void>;
  /** Graph answered 429: everyone pauses for `retryAfterSeconds` and slows down. */
  throttled(retryAfterSeconds?: number): Promise<void>;
}

/** The tenant's invitation pace (invitations/invitation-pace.ts), one record shared by every instance. */
export interface PaceLedger {
  /** Applies `change` to the record as one atomic step (tried again on a conflicting writer); returns its result. */
  update<T>(change: (state: PaceState) => { readonly state: PaceState; readonly result: T }): Promise<T>;
}
