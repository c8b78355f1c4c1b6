/**
 * The batch card follower against a worker writing the same batch: showing progress never touches the
 * batch row (so a worker's ETag stays good), and recording where a refused card was posted anew keeps a
 * worker's change made between the follower's read and its write.
 */
import pino from 'pino';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { InviteBatch, StatusCardLocation } from '../../src/domain/invitations/batch.js';
import type { ProgressSlots } from '../../src/domain/ports/progress-slots.js';
import { BatchCardFollower } from '../../src/notify/batch-card-follower.js';
import { FakeClock, MemoryBatchStore, MemoryOutcomeStore } from '../support/in-memory-ports.js';

const CARD: StatusCardLocation = { conversation: { conversation: { id: 'chat' } }, activityId: 'card-1' };
const BATCH = {
  tenantId: 't',
  batchId: 'b',
  state: 'Sending',
  round: 1,
  entries: [{ address: 'a@fabrikam.com' }],
  statusCard: CARD,
  createdAt: '2026-11-25T10:00:00.000Z',
  updatedAt: '2026-11-25T10:00:00.000Z',
} as unknown as InviteBatch; // the fields the follower reads

/** The slot of each batch, claimed at most once an interval (what TableProgressSlots keeps in its table). */
class MemorySlots implements ProgressSlots {
  private readonly shownAt = new Map<string, number>();
  async claim(_tenantId: string, batchId: string, now: Date, intervalMs: number) {
    const last = this.shownAt.get(batchId);
    if (last !== undefined && now.getTime() - last < intervalMs) return false;
    this.shownAt.set(batchId, now.getTime());
    return true;
  }
}

let batches: MemoryBatchStore;
let shown: StatusCardLocation[];
let moveTo: StatusCardLocation | undefined;
let follower: BatchCardFollower;

beforeEach(async () => {
  batches = new MemoryBatchStore();
  await batches.create(BATCH);
  shown = [];
  moveTo = undefined;
  follower = new BatchCardFollower(
    {
      batches,
      outcomes: new MemoryOutcomeStore(),
      slots: new MemorySlots(),
      clock: new FakeClock(),
      render: () => ({}),
      updateCard: async (location) => {
        shown.push(location);
        return moveTo ?? location;
      },
      log: pino({ enabled: false }),
    },
    1,
  );
});

describe('BatchCardFollower', () => {
  it('shows progress without writing the batch: a worker that read the batch before still writes it', async () => {
    const workerRead = await batches.get('t', 'b');
    follower.recorded(BATCH, { address: 'a@fabrikam.com', outcome: 'invited', round: 1 });
    await vi.waitFor(() => expect(shown).toHaveLength(1));
    await vi.waitFor(async () => expect((await batches.get('t', 'b'))?.etag).toBe(workerRead?.etag));
    await expect(batches.replace({ ...workerRead!.value, state: 'Done' }, workerRead!.etag)).resolves.toBeDefined();
  });

  it('a card posted anew is recorded on the batch without losing a worker’s write between the read and the write', async () => {
    moveTo = { ...CARD, activityId: 'card-2' };
    const replace = batches.replace.bind(batches);
    let interleaved = false;
    batches.replace = async (batch, etag) => {
      if (!interleaved) {
        interleaved = true;
        // The worker pauses the batch after the follower read it.
        const current = await batches.get('t', 'b');
        await replace({ ...current!.value, state: 'Paused' }, current!.etag);
      }
      return replace(batch, etag);
    };
    await follower.stateChanged(BATCH);
    expect((await batches.get('t', 'b'))?.value).toMatchObject({ state: 'Paused', statusCard: { activityId: 'card-2' } });
  });
});
