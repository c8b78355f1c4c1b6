import { beforeEach, describe, expect, it } from 'vitest';
import { cancel, changeDraft, removeFlagged, sendBatch } from '../../src/domain/use-cases/batch-actions.js';
import { startReview, type StartReviewCommand } from '../../src/domain/use-cases/start-review.js';
import { ServiceError } from '../../src/domain/errors.js';
import { FakeClock, MemoryBatchStore, MemoryInvitationStore, MemoryOutcomeStore, MemoryQueue, ScriptedDirectory } from '../support/in-memory-ports.js';

const DANA = { aadObjectId: 'dana', name: 'Dana Scully' };
const options = { personalMessage: '', redirectUrl: 'https://myapps.microsoft.com/', messageLanguage: 'en-US' };
const command = (addresses: string): StartReviewCommand => ({ addresses, options, typed: { addresses, ...options }, starter: DANA, conversationId: 'chat', conversationType: 'personal' });

describe('review and send', () => {
  let directory: ScriptedDirectory;
  let store: MemoryInvitationStore;
  let batches: MemoryBatchStore;
  let queue: MemoryQueue;
  const clock = new FakeClock();
  const reviewDeps = () => ({ directory, store, batches, clock, tenantId: 't', rules: { allowed: [], blocked: ['*.blocked.example'] }, newId: () => 'batch-1' });
  const sendDeps = () => ({ batches, clock, queue, outcomes: new MemoryOutcomeStore() });
  const key = { tenantId: 't', batchId: 'batch-1' };
  const card = { conversation: { conversation: { id: 'chat' } }, activityId: 'card-1' };

  beforeEach(() => {
    directory = new ScriptedDirectory(['contoso.com']);
    store = new MemoryInvitationStore();
    batches = new MemoryBatchStore();
    queue = new MemoryQueue();
    directory.users.set('ann@fabrikam.com', { id: 'g1', userType: 'Guest', externalUserState: 'Accepted' });
  });

  it('groups what needs attention, merges duplicates and sends nothing', async () => {
    const outcome = await startReview(
      reviewDeps(),
      command('Jane Doe <jane@fabrikam.com>; JANE@fabrikam.com, jane+x@fabrikam.com\nfox@contoso.com, ann@fabrikam.com, x@a.blocked.example, jane.fabrikam.com'),
    );
    if (outcome.kind !== 'review') throw new Error(outcome.kind);
    const byAddress = Object.fromEntries(outcome.batch.entries.map((e) => [e.address, e]));
    expect(byAddress['jane@fabrikam.com']).toEqual({ address: 'jane@fabrikam.com', displayName: 'Jane Doe', occurrences: 2 });
    expect(byAddress['jane+x@fabrikam.com']).toMatchObject({ attention: 'invalid-address', problem: 'plus-addressing' });
    expect(byAddress['fox@contoso.com']).toMatchObject({ attention: 'own-domain', detail: 'contoso.com' });
    expect(byAddress['ann@fabrikam.com']).toMatchObject({ attention: 'existing-guest', guestState: 'Accepted' });
    expect(byAddress['x@a.blocked.example']).toMatchObject({ attention: 'blocked-domain', detail: '*.blocked.example' });
    expect(byAddress['jane.fabrikam.com']).toMatchObject({ attention: 'missing-at' });
    expect(directory.invitations).toHaveLength(0);
    expect((await batches.get('t', 'batch-1'))?.value.state).toBe('Draft');
  });

  it('names every list item that is no address, and refuses an address forged with an invisible character', async () => {
    const outcome = await startReview(reviewDeps(), command('a@fabrikam.com; not-an-address; @Jane; jane\u200bdoe@fabrikam.com, bob\u202e@fabrikam.com'));
    if (outcome.kind !== 'review') throw new Error(outcome.kind);
    const byAddress = Object.fromEntries(outcome.batch.entries.map((e) => [e.address, e]));
    expect(byAddress['a@fabrikam.com']?.attention).toBeUndefined();
    expect(byAddress['not-an-address']).toMatchObject({ attention: 'missing-at' });
    expect(byAddress['@Jane']).toMatchObject({ attention: 'invalid-address', problem: 'local-part-empty' });
    expect(byAddress['jane\u200bdoe@fabrikam.com']).toMatchObject({ attention: 'invalid-address', problem: 'invisible-character', detail: 'U+200B' });
    expect(byAddress['bob\u202e@fabrikam.com']).toMatchObject({ attention: 'invalid-address', problem: 'invisible-character', detail: 'U+202E' });
    expect(outcome.batch.entries).toHaveLength(5);
  });

  it('refuses more than 1,000 different addresses, and an empty paste, storing nothing', async () => {
    const many = Array.from({ length: 1001 }, (_, i) => `guest${i}@fabrikam.com`).join('\n');
    expect(await startReview(reviewDeps(), command(many))).toEqual({ kind: 'too-many', count: 1001 });
    expect(await startReview(reviewDeps(), command('nothing here'))).toEqual({ kind: 'empty' });
    expect(await batches.get('t', 'batch-1')).toBeUndefined();
  });

  it('only the starter may change or send a draft, and a second Send does nothing', async () => {
    await startReview(reviewDeps(), command('jane@fabrikam.com, bob@tailspin.com'));
    expect(await sendBatch(sendDeps(), key, 'mallory', card)).toMatchObject({ kind: 'not-yours' });
    const first = await sendBatch(sendDeps(), key, 'dana', card);
    expect(first).toMatchObject({ kind: 'done', batch: { state: 'Sending', round: 1, statusCard: card } });
    expect(queue.items).toEqual([{ work: { tenantId: 't', batchId: 'batch-1', addresses: ['jane@fabrikam.com', 'bob@tailspin.com'] }, delaySeconds: 0 }]);
    expect(await sendBatch(sendDeps(), key, 'dana', card)).toMatchObject({ kind: 'no-longer-draft' });
    expect(queue.items).toHaveLength(1);
    expect(await changeDraft({ batches, clock }, { tenantId: 't', batchId: 'nope' }, 'dana', cancel)).toEqual({ kind: 'not-found' });
    expect(directory.invitations).toHaveLength(0);
  });

  it('two simultaneous Sends: exactly one wins and the work is queued once', async () => {
    await startReview(reviewDeps(), command('jane@fabrikam.com'));
    const outcomes = await Promise.all([sendBatch(sendDeps(), key, 'dana', card), sendBatch(sendDeps(), key, 'dana', card)]);
    expect(outcomes.map((o) => o.kind).sort()).toEqual(['done', 'no-longer-draft']);
    expect(queue.items).toHaveLength(1);
  });

  it('a long list is queued in messages of 20 addresses', async () => {
    await startReview(reviewDeps(), command(Array.from({ length: 45 }, (_, i) => `guest${i}@fabrikam.com`).join('\n')));
    await sendBatch(sendDeps(), key, 'dana', card);
    expect(queue.items.map((item) => item.work.addresses.length)).toEqual([20, 20, 5]);
  });

  it('when the queue cannot take the work, the list goes back to a draft and Send can be pressed again', async () => {
    await startReview(reviewDeps(), command('jane@fabrikam.com'));
    queue.enqueue = async () => {
      throw new ServiceError('storage.unreachable', 'queue down');
    };
    await expect(sendBatch(sendDeps(), key, 'dana', card)).rejects.toMatchObject({ code: 'storage.unreachable' });
    expect((await batches.get('t', 'batch-1'))?.value).toMatchObject({ state: 'Draft', round: 0 });
  });

  it('Remove flagged keeps only the ready addresses', async () => {
    await startReview(reviewDeps(), command('jane@fabrikam.com, fox@contoso.com'));
    const outcome = await changeDraft({ batches, clock }, { tenantId: 't', batchId: 'batch-1' }, 'dana', removeFlagged);
    expect(outcome.kind === 'done' && outcome.batch.entries.map((e) => e.address)).toEqual(['jane@fabrikam.com']);
  });
});
