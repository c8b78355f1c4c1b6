/** The tenant-wide daily invitation budget. */
/** A tenant-wide daily budget of invitations (INVITE_DAILY_LIMIT), shared by every instance. */
export interface InvitationQuota {
  /** Takes one invitation from today's budget, or says when the next day's budget opens. */
  take(now: Date): Promise<{ readonly ok: true } | { readonly ok: false; readonly resumesAt: Date }>;
}
