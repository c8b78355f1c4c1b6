import { randomUUID } from 'node:crypto';

// The tenant's change log: every change to a user gets the next number of one per-tenant sequence, so a
// delta token is just a position in it (guest-users-and-status.md, "Tracking acceptance — option A") and
// change notifications have one place to hear about changes (option B).

/**
 * Why a user left the directory, in delta's words: `changed` = soft-deleted (restorable for 30 days, what
 * DELETE /users does), `deleted` = permanently gone (delta-query-overview, via the fact sheet).
 */
export type RemovalReason = 'changed' | 'deleted';

export type DirectoryChange =
  | { sequence: number; userId: string; kind: 'created' }
  /** `properties`: the user properties whose value changed, so a delta with $select can skip unselected ones. */
  | { sequence: number; userId: string; kind: 'updated'; properties: readonly string[] }
  | { sequence: number; userId: string; kind: 'removed'; reason: RemovalReason };

// Omit applied to each member of the union, so `kind` still narrows the rest.
type NewChange = DistributiveOmit<DirectoryChange, 'sequence'>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** What happened to one user between two positions, folded together. */
export interface UserChangeSummary {
  userId: string;
  created: boolean;
  /** The latest removal in the range, if any. */
  removal: RemovalReason | undefined;
  properties: ReadonlySet<string>;
}

export type ChangeListener = (change: DirectoryChange) => void;

export class DirectoryChangeLog {
  /**
   * Identifies the sync state tokens were issued against. A token naming another epoch is unknown: after a
   * reset, or after the control API made Graph "lose" its sync state, exactly as an expired token.
   */
  epoch: string = randomUUID();
  private readonly changes: DirectoryChange[] = [];
  private readonly listeners: ChangeListener[] = [];

  /** The sequence number of the latest change; 0 before any. */
  get position(): number {
    return this.changes.at(-1)?.sequence ?? 0;
  }

  record(change: NewChange): DirectoryChange {
    const recorded: DirectoryChange = { ...change, sequence: this.position + 1 };
    this.changes.push(recorded);
    for (const listener of this.listeners) listener(recorded);
    return recorded;
  }

  onChange(listener: ChangeListener): void {
    this.listeners.push(listener);
  }

  /** Every token issued so far becomes unknown; the sequence itself goes on. */
  forgetSyncState(): void {
    this.epoch = randomUUID();
  }

  /** Per user, what changed after position `from` up to and including `upTo`. */
  summarise(from: number, upTo: number): Map<string, UserChangeSummary> {
    const summaries = new Map<string, { userId: string; created: boolean; removal: RemovalReason | undefined; properties: Set<string> }>();
    for (const change of this.changes) {
      if (change.sequence <= from || change.sequence > upTo) continue;
      const summary = summaries.get(change.userId) ?? { userId: change.userId, created: false, removal: undefined, properties: new Set<string>() };
      if (change.kind === 'created') summary.created = true;
      if (change.kind === 'removed') summary.removal = change.reason;
      if (change.kind === 'updated') for (const property of change.properties) summary.properties.add(property);
      summaries.set(change.userId, summary);
    }
    return summaries;
  }

  /** How the user was last removed, at any position: a user gone since still reads as removed. */
  lastRemoval(userId: string): RemovalReason | undefined {
    const removal = this.changes.findLast((change) => change.userId === userId && change.kind === 'removed');
    return removal?.kind === 'removed' ? removal.reason : undefined;
  }
}
