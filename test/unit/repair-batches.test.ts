/**
 * Batches left Sending with no work in flight: the rule that calls one stuck, the sweep that finishes it
 * (open addresses failed with a reason, Done, audited), and the revert after a refused Send, which no
 * longer gives up when another write got in first.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { EntryResult, InviteBatch } from '../../src/domain/invitations/batch.js';
import type { WorkQueue } from '../../src/domain/ports/work-queue.js';
import { sendBatch } from '../../src/domain/use-cases/batch-actions.js';
import { ABANDONED_REASON, judgeSendingBatch, repairStuckBatches, STUCK_AFTER_MS, type RepairBatchesDependencies } from '../../src/domain/use-cases/repair-batches.js';
import { processSendWork } from '../../src/domain/use-cases/send-work.js';
import { startReview } from '../../src/domain/use-cases/start-review.js';
import {
  FakeClock,
  MemoryAuditLog,
  MemoryBatchStore,
  MemoryInvitationStore,
  MemoryOutcomeStore,
  MemoryQueue,
  RecordingObserver,
  ScriptedDirectory,
} from '../support/in-memory-ports.js';

const DANA = { aadObjectId: 'dana', name: 'Dana Scully' };
const KEY = { tenantId: 't', batchId: 'batch-1' };
const CARD = { conversation: { conversation: { id: 'chat' } }, activityId: 'card-1' };

let directory: ScriptedDirectory;
let store: MemoryInvitationStore;
let batches: MemoryBatchStore;
let outcomes: MemoryOutcomeStore;
let queue: MemoryQueue;
let clock: FakeClock;
let observer: RecordingObserver;
let audit: MemoryAuditLog;

const repairDeps = (): RepairBatchesDependencies => ({ batches, outcomes, store, observer, audit, clock, tenantId: 't' });
const state = async () => (await batches.get(KEY.tenantId, KEY.batchId))?.value;
const results = async () => Object.fromEntries((await outcomes.list(KEY.tenantId, KEY.batchId)).map((r) => [r.address, r]));

async function review(addresses: string): Promise<void> {
  const options = { personalMessage: '', redirectUrl: 'https://myapps.microsoft.com/?tenantid=t', messageLanguage: 'en-US' };
  await startReview(
    { directory, store, batches, clock, tenantId: 't', rules: { allowed: [], blocked: [] }, newId: () => KEY.batchId },
    { addresses, options, typed: { addresses, ...options }, starter: DANA, conversationId: 'chat', conversationType: 'personal' },
  );
}

function send(sendQueue: WorkQueue = queue) {
  return sendBatch({ batches, clock, queue: sendQueue, outcomes }, KEY, DANA.aadObjectId, CARD);
}

async function work(): Promise<void> {
  for (const item of queue.take()) {
    await processSendWork({ directory, store, clock, batches, outcomes, queue, observer, delivery: { mode: 'microsoft' }, recheckDelaysMs: [10], sendingLeaseMs: 30_000 }, item);
  }
}

beforeEach(() => {
  directory = new ScriptedDirectory(['contoso.com']);
  store = new MemoryInvitationStore();
  batches = new MemoryBatchStore();
  outcomes = new MemoryOutcomeStore();
  queue = new MemoryQueue();
  clock = new FakeClock();
  observer = new RecordingObserver();
  audit = new MemoryAuditLog();
});

describe('judgeSendingBatch', () => {
  const batch = (round: number): InviteBatch =>
    ({
      ...KEY,
      state: 'Sending',
      round,
      entries: ['a@x.com', 'b@x.com', 'c@x.com'].map((address) => ({ address })),
      updatedAt: '2026-11-25T10:00:00.000Z',
    }) as unknown as InviteBatch; // only the fields the rule reads
  const at = (minutes: number) => new Date(Date.parse('2026-11-25T10:00:00.000Z') + minutes * 60_000);
  const invited = (address: string, round = 1): EntryResult => ({ address, outcome: 'invited', round });
  const failed = (address: string, round: number): EntryResult => ({ address, outcome: 'failed', reason: 'no', round });

  it('every address settled is finished, however recent', () => {
    expect(judgeSendingBatch(batch(1), [invited('a@x.com'), failed('b@x.com', 1), invited('c@x.com')], at(0), at(0))).toEqual({ kind: 'finished' });
  });

  it('open addresses with recent activity are in flight; silent for STUCK_AFTER_MS they are abandoned', () => {
    const outcomes = [invited('a@x.com')];
    expect(judgeSendingBatch(batch(1), outcomes, at(0), at(STUCK_AFTER_MS / 60_000 - 1))).toEqual({ kind: 'in-flight' });
    expect(judgeSendingBatch(batch(1), outcomes, at(0), at(STUCK_AFTER_MS / 60_000))).toEqual({ kind: 'abandoned', addresses: ['b@x.com', 'c@x.com'] });
  });

  it('a failure of an earlier round is open in a Retry failed round; a success of any round is not', () => {
    const outcomes = [invited('a@x.com', 1), failed('b@x.com', 1), failed('c@x.com', 2)];
    expect(judgeSendingBatch(batch(2), outcomes, at(0), at(60))).toEqual({ kind: 'abandoned', addresses: ['b@x.com'] });
  });
});

describe('repairStuckBatches', () => {
  it('a Send whose work and revert were both lost: left alone while recent, then finished with the open addresses failed, audited', async () => {
    await review('a@fabrikam.com, b@fabrikam.com');
    expect(await send()).toMatchObject({ kind: 'done' });
    queue.take(); // the work is lost

    clock.advance(STUCK_AFTER_MS - 1000);
    expect(await repairStuckBatches(repairDeps())).toBe(0);
    expect((await state())?.state).toBe('Sending');

    clock.advance(1000);
    expect(await repairStuckBatches(repairDeps())).toBe(1);
    expect((await state())?.state).toBe('Done');
    expect(observer.states).toEqual(['Done']);
    expect(await results()).toEqual({
      'a@fabrikam.com': { address: 'a@fabrikam.com', outcome: 'failed', reason: ABANDONED_REASON, code: 'batch.abandoned', round: 1 },
      'b@fabrikam.com': { address: 'b@fabrikam.com', outcome: 'failed', reason: ABANDONED_REASON, code: 'batch.abandoned', round: 1 },
    });
    expect(audit.events).toMatchObject([{ action: 'batch-repaired', subject: 'batch batch-1', outcome: 'abandoned', addresses: ['a@fabrikam.com', 'b@fabrikam.com'] }]);
    expect(await repairStuckBatches(repairDeps())).toBe(0);
  });

  it('a batch still being worked on (an invitation of it written recently) is left alone, however old the batch row', async () => {
    await review('a@fabrikam.com, b@fabrikam.com');
    await send();
    const [first, second] = queue.take().flatMap((item) => item.addresses.map((address) => ({ ...item, addresses: [address] })));
    clock.advance(STUCK_AFTER_MS + 60_000);
    queue.items.push({ work: first!, delaySeconds: 0 });
    await work();
    expect(await repairStuckBatches(repairDeps())).toBe(0);
    expect((await state())?.state).toBe('Sending');

    queue.items.push({ work: second!, delaySeconds: 0 });
    await work();
    expect((await state())?.state).toBe('Done');
  });

  it('every outcome recorded but the move to Done missed (a crash in between): Done, nothing failed', async () => {
    await review('a@fabrikam.com');
    await send();
    await outcomes.record('t', KEY.batchId, { address: 'a@fabrikam.com', outcome: 'invited', round: 1 });
    clock.advance(STUCK_AFTER_MS);
    expect(await repairStuckBatches(repairDeps())).toBe(1);
    expect((await state())?.state).toBe('Done');
    expect((await results())['a@fabrikam.com']?.outcome).toBe('invited');
    expect(audit.events).toMatchObject([{ action: 'batch-repaired', outcome: 'finished' }]);
  });
});

describe('the revert after a refused Send', () => {
  it('another write to the batch between the revert’s read and its write no longer leaves it Sending', async () => {
    await review('a@fabrikam.com');
    let interleave = false;
    const reads = batches.get.bind(batches);
    // The revert's read is answered, then someone else writes the batch (the card moved) before its write.
    batches.get = async (tenantId, batchId) => {
      const read = await reads(tenantId, batchId);
      if (interleave && read) {
        interleave = false;
        await batches.replace({ ...read.value, statusCard: { ...read.value.statusCard!, activityId: 'card-moved' } }, read.etag);
      }
      return read;
    };
    const refusing: WorkQueue = {
      enqueue: async () => {
        interleave = true;
        throw new Error('queue unreachable');
      },
    };
    await expect(send(refusing)).rejects.toThrow('queue unreachable');
    expect(await state()).toMatchObject({ state: 'Draft', round: 0 });
  });
});
