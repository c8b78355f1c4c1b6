/**
 * Keeps a batch's card in the chat up to date while workers send it: counts at most once every
 * PROGRESS_INTERVAL_MS per batch across every instance (the slot is claimed in ProgressSlots, never on the
 * batch row, which the workers write), and the pause or the result as soon as the batch becomes Paused or
 * Done. The one batch field it writes is where the card is after Teams refused an update: ETag-checked,
 * read again after another write, so a worker's change is never overwritten.
 */
import type { Logger } from 'pino';
import type { EntryResult, InviteBatch, StatusCardLocation } from '../domain/invitations/batch.js';
import type { BatchObserver } from '../domain/ports/batch-observer.js';
import type { BatchOutcomeStore } from '../domain/ports/batch-outcome-store.js';
import { storedBatch, type BatchStore } from '../domain/ports/batch-store.js';
import type { Clock } from '../domain/ports/clock.js';
import { updateVersioned } from '../domain/ports/versioned.js';
import type { ProgressSlots } from '../domain/ports/progress-slots.js';

/** Writes of a moved card's place that lose to other writers before it gives up. */
const MOVE_ATTEMPTS = 5;

/** Teams asks bots not to update a message more often than this. */
const PROGRESS_INTERVAL_MS = 2000;

export interface BatchCardFollowerDependencies {
  readonly batches: BatchStore;
  readonly outcomes: BatchOutcomeStore;
  readonly slots: ProgressSlots;
  readonly clock: Clock;
  readonly render: (batch: InviteBatch, outcomes: readonly EntryResult[]) => object;
  /** Replaces the card; says where it now is (a card Teams refused to update is posted anew). */
  readonly updateCard: (location: StatusCardLocation, card: object) => Promise<StatusCardLocation>;
  readonly log: Logger;
}

export class BatchCardFollower implements BatchObserver {
  private readonly scheduled = new Map<string, NodeJS.Timeout>();
  /** Card updates of one batch go out one after another, so a late progress update never hides the result. */
  private readonly queues = new Map<string, Promise<void>>();

  constructor(
    private readonly deps: BatchCardFollowerDependencies,
    private readonly intervalMs = PROGRESS_INTERVAL_MS,
  ) {}

  recorded(batch: InviteBatch, result: EntryResult): void {
    // Addresses are redacted by the logger itself, whoever logs them.
    this.deps.log.info({ batchId: batch.batchId, address: result.address, outcome: result.outcome, round: result.round }, 'invitation outcome');
    this.scheduleProgress(batch);
  }

  private scheduleProgress(batch: InviteBatch): void {
    if (!batch.statusCard || this.scheduled.has(batch.batchId)) return;
    const timer = setTimeout(() => {
      this.scheduled.delete(batch.batchId);
      void this.inTurn(batch.batchId, () => this.showProgress(batch));
    }, this.intervalMs);
    timer.unref();
    this.scheduled.set(batch.batchId, timer);
  }

  stateChanged(batch: InviteBatch): Promise<void> {
    return this.inTurn(batch.batchId, () => this.show(batch));
  }

  /** Cancels pending progress updates (on shutdown). */
  close(): void {
    for (const timer of this.scheduled.values()) clearTimeout(timer);
    this.scheduled.clear();
  }

  private async showProgress(batch: InviteBatch): Promise<void> {
    const claimed = await this.claimSlot(batch);
    if (!claimed) return;
    await this.show(claimed);
    // The batch may have finished while this update was on its way: the last word must be the result.
    const latest = await this.deps.batches.get(batch.tenantId, batch.batchId);
    if (latest && latest.value.state !== 'Sending') await this.show(latest.value);
  }

  /** The batch, if this instance may update its card now; otherwise a later update is scheduled. */
  private async claimSlot(batch: InviteBatch): Promise<InviteBatch | undefined> {
    const stored = await this.deps.batches.get(batch.tenantId, batch.batchId);
    if (stored?.value.state !== 'Sending') return undefined;
    if (await this.deps.slots.claim(batch.tenantId, batch.batchId, this.deps.clock.now(), this.intervalMs)) return stored.value;
    this.scheduleProgress(stored.value);
    return undefined;
  }

  private async show(batch: InviteBatch): Promise<void> {
    if (!batch.statusCard) return;
    // The card may have moved (posted anew after its message was deleted) since this batch was read.
    const location = (await this.deps.batches.get(batch.tenantId, batch.batchId))?.value.statusCard;
    if (!location) return;
    const outcomes = await this.deps.outcomes.list(batch.tenantId, batch.batchId);
    const shown = await this.deps.updateCard(location, this.deps.render(batch, outcomes));
    if (shown.activityId !== location.activityId) await this.moveCard(batch, location, shown);
  }

  /** Keeps the card's new place on the batch, unless it moved again meanwhile; ETag-checked, so no other write is lost. */
  private async moveCard(batch: InviteBatch, from: StatusCardLocation, to: StatusCardLocation): Promise<void> {
    this.deps.log.warn({ batchId: batch.batchId, from: from.activityId, to: to.activityId }, 'batch card was refused an update; posted anew');
    await updateVersioned(
      storedBatch(this.deps.batches, batch),
      (current) => (current?.statusCard?.activityId === from.activityId ? { ...current, statusCard: to } : undefined),
      { what: `record where the card of batch ${batch.batchId} moved`, attempts: MOVE_ATTEMPTS },
    );
  }

  private inTurn(batchId: string, update: () => Promise<void>): Promise<void> {
    const next = (this.queues.get(batchId) ?? Promise.resolve())
      .then(update)
      .catch((error: unknown) => this.deps.log.warn({ err: error, batchId }, 'could not update a batch card'));
    this.queues.set(batchId, next);
    void next.then(() => {
      if (this.queues.get(batchId) === next) this.queues.delete(batchId);
    });
    return next;
  }
}
