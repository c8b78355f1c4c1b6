/** Where tracking stands for a tenant, shared by every instance. */
import type { Versioned } from './versioned.js';

/** Where tracking stands for a tenant, and which instance holds the tracker's lease. */
export interface TrackerCheckpoint {
  readonly tenantId: string;
  readonly deltaLink?: string;
  readonly owner?: string;
  readonly leaseUntil?: string;
  readonly lastRoundAt?: string;
  /** When the lease holder last looked for invitations to remind the inviter of. */
  readonly remindersCheckedAt?: string;
  /** When the lease holder last looked for accepted guests still to be added to their team or chat. */
  readonly placementsCheckedAt?: string;
  /** The change-notification subscription the lease holder keeps alive. */
  readonly subscription?: { readonly id: string; readonly expiresAt: string };
}

export interface TrackerStore {
  get(tenantId: string): Promise<Versioned<TrackerCheckpoint> | undefined>;
  create(checkpoint: TrackerCheckpoint): Promise<Versioned<TrackerCheckpoint>>;
  replace(checkpoint: TrackerCheckpoint, etag: string): Promise<Versioned<TrackerCheckpoint>>;
}
