/**
 * A batch: what one person pasted, as checked for review, and what happened when they pressed Send.
 * Stored, so a restart between review and Send loses nothing.
 */
import type { AddressProblem } from '../addresses/email-address.js';
import type { ExternalUserState } from '../ports.js';
import type { Inviter } from './invitation.js';

export const MAX_BATCH_ADDRESSES = 1000;

export type AttentionReason =
  | 'invalid-address'
  | 'missing-at'
  | 'own-domain'
  | 'blocked-domain'
  | 'not-allowed-domain'
  | 'existing-guest'
  | 'existing-member'
  | 'already-invited';

export interface ReviewEntry {
  /** Normalised when the address is valid; as written otherwise. */
  readonly address: string;
  readonly displayName?: string;
  /** Undefined = ready to invite. */
  readonly attention?: AttentionReason;
  readonly problem?: AddressProblem;
  readonly detail?: string;
  readonly guestState?: ExternalUserState;
  /** How many times the paste held this address (case-insensitively); more than 1 = merged. */
  readonly occurrences: number;
}

export interface InvitationOptions {
  readonly personalMessage: string;
  readonly redirectUrl: string;
  readonly ccAddress?: string;
  readonly messageLanguage: string;
}

export type BatchState = 'Draft' | 'Sending' | 'Done' | 'Cancelled';

export type EntryOutcome = 'invited' | 'already-invited' | 'existing-guest' | 'existing-member' | 'refused' | 'failed';

export interface EntryResult {
  readonly address: string;
  readonly outcome: EntryOutcome;
  readonly reason?: string;
}

export interface InviteBatch {
  readonly tenantId: string;
  readonly batchId: string;
  readonly state: BatchState;
  readonly starter: Inviter & { readonly aadObjectId: string };
  readonly conversationId: string;
  /** Exactly what was typed, so Edit brings the form back as it was. */
  readonly typed: { readonly addresses: string } & InvitationOptions;
  readonly options: InvitationOptions;
  readonly entries: readonly ReviewEntry[];
  readonly results: readonly EntryResult[];
  readonly createdAt: string;
  readonly updatedAt: string;
}

export function readyEntries(batch: Pick<InviteBatch, 'entries'>): ReviewEntry[] {
  return batch.entries.filter((entry) => entry.attention === undefined);
}

export function flaggedEntries(batch: Pick<InviteBatch, 'entries'>): ReviewEntry[] {
  return batch.entries.filter((entry) => entry.attention !== undefined);
}
