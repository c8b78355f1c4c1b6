/** Who hears about lifecycle questions and changes: the guest's sponsor, and the administrators. */
import type { Inviter } from '../invitations/invitation.js';
import type { LifecyclePlan, LifecycleRule } from '../lifecycle/lifecycle-rules.js';
import type { EntraLifecyclePolicy } from './lifecycle-directory.js';

/** One guest on a sponsor's card. */
export interface SponsorQuestion {
  readonly email: string;
  readonly displayName?: string;
  readonly rule: LifecycleRule;
  readonly state: 'PendingAcceptance' | 'Accepted';
  readonly answerBy: string;
  readonly lastSignInAt?: string;
}

/** What administrators are told, once each. */
export type LifecycleAnnouncement =
  /** What a round did (or, in dry run, would do). */
  | { readonly kind: 'round'; readonly plan: LifecyclePlan; readonly dryRun: boolean }
  /** A sponsor answered. */
  | { readonly kind: 'answered'; readonly sponsor: Inviter; readonly kept: readonly string[]; readonly removed: readonly string[] }
  | { readonly kind: 'unlicensed' }
  | { readonly kind: 'entra-policies'; readonly policies: readonly EntraLifecyclePolicy[] };

export interface LifecycleNotices {
  /** One card to the sponsor with every guest they are asked about; false when the sponsor cannot be reached. */
  /** `batchIds`: the batches the guests were invited by, newest first: the sponsor is reached where they invited. */
  askSponsor(sponsor: Inviter, questions: readonly SponsorQuestion[], batchIds: readonly string[]): Promise<boolean>;
  /** To the administrators' channel (when there is one). */
  announce(announcement: LifecycleAnnouncement): Promise<void>;
}
