/** Change notifications that wake tracking. */
import type { TrackerCheckpoint } from './tracker-store.js';

/** Graph change notifications for users: created when missing, renewed before they expire. */
export interface ChangeSubscriptions {
  ensure(current: TrackerCheckpoint['subscription'], now: Date): Promise<NonNullable<TrackerCheckpoint['subscription']>>;
}
