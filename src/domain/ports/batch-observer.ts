/** Who hears that a batch moved, so its card can follow. */
import type { EntryResult, InviteBatch } from '../invitations/batch.js';

/** Told when a batch moved, so its card in the chat can follow. */
export interface BatchObserver {
  /** An address's outcome was recorded: the card may show the new counts (the observer decides how often). */
  recorded(batch: InviteBatch, result: EntryResult): void;
  /** The batch became Done or Paused: the card must show it. */
  stateChanged(batch: InviteBatch): Promise<void>;
}
