/** The interfaces the domain needs from the outside world. Adapters in src/graph and src/storage implement them. */
import type { InviteBatch } from './invitations/batch.js';
import type { InvitationRecord } from './invitations/invitation.js';

export type ExternalUserState = 'PendingAcceptance' | 'Accepted';

export interface DirectoryUser {
  readonly id: string;
  readonly displayName?: string;
  readonly userType: 'Member' | 'Guest';
  readonly externalUserState?: ExternalUserState;
  readonly externalUserStateChangeDateTime?: string;
}

export interface InvitationRequest {
  readonly email: string;
  readonly displayName?: string;
  readonly redirectUrl: string;
  readonly sendInvitationMessage: boolean;
  /** Object ids of the people responsible for the guest (the inviter); Graph takes up to five. */
  readonly sponsorIds: readonly string[];
  /** Graph copies its invitation email to one extra recipient at most. */
  readonly ccAddress?: string;
  /** Language of Microsoft's invitation email (ISO 639, e.g. en-US). */
  readonly messageLanguage?: string;
}

export interface SentInvitation {
  readonly invitationId: string;
  readonly invitedUserId: string;
  readonly inviteRedeemUrl: string;
  readonly status: string;
}

export interface DirectoryGateway {
  /** The tenant's own verified domains (cached by the adapter: they rarely change). */
  verifiedDomains(): Promise<readonly string[]>;
  /** A user whose mail, otherMails, proxy address or UPN is this address, as Microsoft recommends checking before inviting. */
  findUserByEmail(email: string): Promise<DirectoryUser | undefined>;
  invite(request: InvitationRequest): Promise<SentInvitation>;
}

export interface Versioned<T> {
  readonly value: T;
  /** Opaque concurrency token: an update with a stale one fails with `StaleWriteError`. */
  readonly etag: string;
}

export class StaleWriteError extends Error {
  override readonly name = 'StaleWriteError';
}

export interface InvitationStore {
  get(tenantId: string, email: string): Promise<Versioned<InvitationRecord> | undefined>;
  /** Fails with `StaleWriteError` when a record for the same (tenant, email) already exists. */
  create(record: InvitationRecord): Promise<Versioned<InvitationRecord>>;
  /** Fails with `StaleWriteError` when someone else changed the record since `etag`. */
  replace(record: InvitationRecord, etag: string): Promise<Versioned<InvitationRecord>>;
}

export interface BatchStore {
  get(tenantId: string, batchId: string): Promise<Versioned<InviteBatch> | undefined>;
  create(batch: InviteBatch): Promise<Versioned<InviteBatch>>;
  /** Fails with `StaleWriteError` when someone else changed the batch since `etag`. */
  replace(batch: InviteBatch, etag: string): Promise<Versioned<InviteBatch>>;
}

export interface Clock {
  now(): Date;
}
