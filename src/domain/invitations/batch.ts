/**
 * A batch: what one person pasted, as checked for review, and what happened when they pressed Send.
 * Stored, so a restart between review and Send loses nothing.
 */
import type { AddressProblem } from '../addresses/email-address.js';
import type { ExternalUserState } from './guest-state.js';
import type { PathPrediction } from '../redemption/predict-path.js';
import type { ApprovalReason } from '../policy/approval-rules.js';
import type { Inviter } from './invitation.js';
import type { GuestCare } from '../lifecycle/guest-care.js';
import type { InvitedFrom } from '../lifecycle/placement.js';

export const MAX_BATCH_ADDRESSES = 1000;

export type AttentionReason =
  | 'invalid-address'
  | 'missing-at'
  | 'own-domain'
  | 'blocked-domain'
  | 'not-allowed-domain'
  | 'existing-guest'
  | 'existing-member'
  | 'already-invited'
  /** Cross-tenant access blocks the guest's organisation: the invitation could never be accepted. */
  | 'inbound-blocked';

export interface ReviewEntry {
  /** Normalised when the address is valid; as written otherwise. */
  readonly address: string;
  readonly displayName?: string;
  /** Undefined = ready to invite. */
  readonly attention?: AttentionReason;
  readonly problem?: AddressProblem;
  readonly detail?: string;
  readonly guestState?: ExternalUserState;
  /** How the guest will redeem, for ready addresses (and why a blocked one is flagged). */
  readonly prediction?: PathPrediction;
  /** How many times the paste held this address (case-insensitively); more than 1 = merged. */
  readonly occurrences: number;
  /** Ready, but outside the allowed domains where those go to an administrator for approval. */
  readonly outsideAllowedDomains?: true;
}

export interface InvitationOptions {
  readonly personalMessage: string;
  readonly redirectUrl: string;
  readonly ccAddress?: string;
  readonly messageLanguage: string;
}

/**
 * Draft → Sending → Done; Sending ⇄ Paused (anti-abuse block, daily limit); Draft → Cancelled. Done → Sending
 * again on Retry failed. Outside policy: Draft → AwaitingApproval → Sending (approved) or Rejected.
 */
export type BatchState = 'Draft' | 'AwaitingApproval' | 'Sending' | 'Paused' | 'Done' | 'Cancelled' | 'Rejected';

/** What happened to one ready address. Flagged addresses are never sent and have no outcome. */
export type EntryOutcome = 'invited' | 'already-invited' | 'existing-guest' | 'existing-member' | 'failed';

export interface EntryResult {
  readonly address: string;
  readonly outcome: EntryOutcome;
  readonly reason?: string;
  /** For a failure: the service error's code, for the audit trail and the administrators' notices. */
  readonly code?: string;
  /** With link delivery, the redeem link the inviter passes on (Graph gives it once, in its 201). */
  readonly redeemUrl?: string;
  /** What tracking has seen of the guest since: accepted, or gone from the directory. */
  readonly guest?: 'accepted' | 'removed';
  /** The sending round it was decided in: a failure of an earlier round is tried again by Retry failed. */
  readonly round: number;
}

/** Where the batch's card is in the chat, so it can be updated in place from any instance. */
export interface StatusCardLocation {
  /** The channel's conversation reference, opaque to the domain. */
  readonly conversation: Readonly<Record<string, unknown>>;
  readonly activityId: string;
}

export interface BatchPause {
  readonly reason: 'anti-abuse' | 'daily-limit';
  readonly message: string;
  /** When sending goes on by itself (daily limit); absent = the inviter resumes it. */
  readonly resumesAt?: string;
}

/** An administrator's say on a batch outside policy; the approval card lives in the notification channel. */
interface BatchApproval {
  readonly reasons: readonly ApprovalReason[];
  readonly requestedAt: string;
  readonly card?: StatusCardLocation;
  readonly decision?: {
    readonly outcome: 'approved' | 'rejected';
    readonly by: Inviter;
    readonly comment: string;
    readonly at: string;
  };
}

export interface InviteBatch {
  readonly tenantId: string;
  readonly batchId: string;
  readonly state: BatchState;
  readonly starter: Inviter & { readonly aadObjectId: string };
  readonly conversationId: string;
  /** Where the list was started: redeem links are shown only in a personal chat. */
  readonly conversationType: 'personal' | 'groupChat' | 'channel';
  /** The team (and channel) or group chat the list was started in: where its guests can be added. */
  readonly invitedFrom?: InvitedFrom;
  /** Exactly what was typed, so Edit brings the form back as it was. */
  readonly typed: { readonly addresses: string } & InvitationOptions;
  readonly options: InvitationOptions;
  /** Co-sponsors and joining the team or chat, as chosen on the review card (absent: the inviter alone, no joining). */
  readonly care?: GuestCare;
  readonly entries: readonly ReviewEntry[];
  /** 0 while a draft; 1 from the first Send; one more for each Retry failed or Resume. */
  readonly round: number;
  readonly statusCard?: StatusCardLocation;
  readonly pause?: BatchPause;
  readonly approval?: BatchApproval;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/**
 * The id of the conversation a stored reference points at, without the `;messageid=` Teams adds for a
 * thread: posts to a channel and replies in its threads are one conversation to the bot's membership.
 */
export function conversationIdOf(reference: Readonly<Record<string, unknown>>): string | undefined {
  const id = (reference.conversation as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' && id !== '' ? baseConversationId(id) : undefined;
}

export function baseConversationId(id: string): string {
  return id.split(';')[0] ?? id;
}

export function readyEntries(batch: Pick<InviteBatch, 'entries'>): ReviewEntry[] {
  return batch.entries.filter((entry) => entry.attention === undefined);
}

export function flaggedEntries(batch: Pick<InviteBatch, 'entries'>): ReviewEntry[] {
  return batch.entries.filter((entry) => entry.attention !== undefined);
}
