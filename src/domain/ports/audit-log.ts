/** The administrators' append-only record of decisions and actions. */
export type AuditAction =
  | 'invite'
  | 'refuse'
  | 'approval-requested'
  | 'approve'
  | 'reject'
  | 'withdraw'
  | 'resend'
  | 'reset-redemption'
  | 'copy-link'
  | 'withdraw-invitation'
  | 'notify-here'
  | 'notify-off'
  | 'policy-change'
  | 'audit-export'
  /** Tracking saw the guest accept: outcome = the sign-in path taken, detail = when the invitation was sent. */
  | 'accepted'
  /**
   * The sweep finished a batch left Sending with no work in flight (repair-batches.ts): outcome = `finished` (only the
   * move to Done was missed) or `abandoned` (open addresses failed), detail = when the batch was last written to.
   */
  | 'batch-repaired'
  /** Lifecycle rules (use-cases/guest-lifecycle.ts): the sponsor was asked; outcome = the rule. */
  | 'guest-review-asked'
  /** The sponsor (or the unanswered policy) kept the guest; outcome = the rule. */
  | 'guest-kept'
  /** Sign-in blocked (accountEnabled false); detail = when the guest will be deleted. */
  | 'guest-blocked'
  /** Deleted after the grace that followed the block (restorable in Entra for 30 days). */
  | 'guest-deleted'
  /** Said once to administrators: no licence for signInActivity, or Entra guest lifecycle policies in force. */
  | 'lifecycle-notice'
  /** An accepted guest was added to the team or group chat their invitation came from (or the add was refused). */
  | 'add-to-space'
  /** An administrator gave a guest whose sponsors had all left to someone: subject = the guest, detail = from whom to whom. */
  | 'sponsor-handed-over';

/** One decision or action, appended for administrators: who did what to whom, when, and how it ended. */
export interface AuditEvent {
  readonly at: string;
  readonly actor: { readonly aadObjectId?: string; readonly name?: string };
  readonly action: AuditAction;
  /** The guest's address, or what else the action was about (a batch, a channel); nothing more personal is kept. */
  readonly subject: string;
  /** For a decision about a batch: the guests' addresses it covered. */
  readonly addresses?: readonly string[];
  readonly outcome: string;
  readonly detail?: string;
}

export interface AuditQuery {
  readonly since: Date;
  /** Only events about this (normalised) address. */
  readonly address?: string;
  /** At most this many, newest first; absent = all. */
  readonly limit?: number;
}

export interface AuditLog {
  append(tenantId: string, event: AuditEvent): Promise<void>;
  /** Newest first. */
  query(tenantId: string, query: AuditQuery): Promise<AuditEvent[]>;
}
