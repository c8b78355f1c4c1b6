import { beforeEach, describe, expect, it } from 'vitest';
import type { InviteBatch } from '../../src/domain/invitations/batch.js';
import type { BatchStore, Versioned } from '../../src/domain/ports.js';
import { StaleWriteError } from '../../src/domain/ports.js';
import { cancel, changeDraft, removeFlagged, sendBatch, startSending } from '../../src/domain/use-cases/batch-actions.js';
import { startReview, type StartReviewCommand } from '../../src/domain/use-cases/start-review.js';
import { ServiceError } from '../../src/domain/errors.js';
import { MemoryInvitationStore, ScriptedDirectory } from '../support/in-memory-ports.js';

class MemoryBatchStore implements BatchStore {
  private readonly rows = new Map<string, Versioned<InviteBatch>>();
  private version = 0;
  async get(_tenantId: string, batchId: string) {
    return this.rows.get(batchId);
  }
  async create(batch: InviteBatch) {
    return this.put(batch);
  }
  async replace(batch: InviteBatch, etag: string) {
    if (this.rows.get(batch.batchId)?.etag !== etag) throw new StaleWriteError('stale');
    return this.put(batch);
  }
  private put(batch: InviteBatch) {
    const row = { value: batch, etag: `v${++this.version}` };
    this.rows.set(batch.batchId, row);
    return row;
  }
}

const DANA = { aadObjectId: 'dana', name: 'Dana Scully' };
const options = { personalMessage: '', redirectUrl: 'https://myapps.microsoft.com/', messageLanguage: 'en-US' };
const command = (addresses: string): StartReviewCommand => ({ addresses, options, typed: { addresses, ...options }, starter: DANA, conversationId: 'chat' });

describe('review and send', () => {
  let directory: ScriptedDirectory;
  let store: MemoryInvitationStore;
  let batches: MemoryBatchStore;
  const clock = { now: () => new Date('2026-11-25T10:00:00Z') };
  const reviewDeps = () => ({ directory, store, batches, clock, tenantId: 't', rules: { allowed: [], blocked: ['*.blocked.example'] }, newId: () => 'batch-1' });
  const sendDeps = () => ({ directory, store, batches, clock, sendInvitationMessage: true });

  beforeEach(() => {
    directory = new ScriptedDirectory(['contoso.com']);
    store = new MemoryInvitationStore();
    batches = new MemoryBatchStore();
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

  it('refuses more than 1,000 different addresses, and an empty paste, storing nothing', async () => {
    const many = Array.from({ length: 1001 }, (_, i) => `guest${i}@fabrikam.com`).join('\n');
    expect(await startReview(reviewDeps(), command(many))).toEqual({ kind: 'too-many', count: 1001 });
    expect(await startReview(reviewDeps(), command('nothing here'))).toEqual({ kind: 'empty' });
    expect(await batches.get('t', 'batch-1')).toBeUndefined();
  });

  it('only the starter may change or send a draft, and a second Send does nothing', async () => {
    await startReview(reviewDeps(), command('jane@fabrikam.com, bob@tailspin.com'));
    expect(await changeDraft({ batches, clock }, { tenantId: 't', batchId: 'batch-1' }, 'mallory', startSending)).toMatchObject({ kind: 'not-yours' });
    const first = await changeDraft({ batches, clock }, { tenantId: 't', batchId: 'batch-1' }, 'dana', startSending);
    expect(first).toMatchObject({ kind: 'done', batch: { state: 'Sending' } });
    expect(await changeDraft({ batches, clock }, { tenantId: 't', batchId: 'batch-1' }, 'dana', startSending)).toMatchObject({ kind: 'no-longer-draft' });
    expect(await changeDraft({ batches, clock }, { tenantId: 't', batchId: 'nope' }, 'dana', cancel)).toEqual({ kind: 'not-found' });
  });

  it('two simultaneous Sends: exactly one wins', async () => {
    await startReview(reviewDeps(), command('jane@fabrikam.com'));
    const key = { tenantId: 't', batchId: 'batch-1' };
    const outcomes = await Promise.all([changeDraft({ batches, clock }, key, 'dana', startSending), changeDraft({ batches, clock }, key, 'dana', startSending)]);
    expect(outcomes.map((o) => o.kind).sort()).toEqual(['done', 'no-longer-draft']);
  });

  it('Remove flagged keeps only the ready addresses', async () => {
    await startReview(reviewDeps(), command('jane@fabrikam.com, fox@contoso.com'));
    const outcome = await changeDraft({ batches, clock }, { tenantId: 't', batchId: 'batch-1' }, 'dana', removeFlagged);
    expect(outcome.kind === 'done' && outcome.batch.entries.map((e) => e.address)).toEqual(['jane@fabrikam.com']);
  });

  it('sends every ready address once; one failure loses none of the others', async () => {
    await startReview(reviewDeps(), command('a@fabrikam.com, b@fabrikam.com, c@fabrikam.com, fox@contoso.com'));
    const sending = await changeDraft({ batches, clock }, { tenantId: 't', batchId: 'batch-1' }, 'dana', startSending);
    if (sending.kind !== 'done') throw new Error(sending.kind);
    directory.onInvite = (request) => {
      if (request.email === 'b@fabrikam.com') throw new ServiceError('graph.invitation-refused', 'HTTP 400', 'Refused for the test.');
    };
    const done = await sendBatch(sendDeps(), sending.batch);
    expect(done.state).toBe('Done');
    expect(done.results).toEqual([
      { address: 'a@fabrikam.com', outcome: 'invited' },
      { address: 'b@fabrikam.com', outcome: 'failed', reason: 'Refused for the test.' },
      { address: 'c@fabrikam.com', outcome: 'invited' },
      { address: 'fox@contoso.com', outcome: 'refused', reason: 'own-domain' },
    ]);
    expect(directory.invitations.map((i) => i.email)).toEqual(['a@fabrikam.com', 'b@fabrikam.com', 'c@fabrikam.com']);
    expect((await batches.get('t', 'batch-1'))?.value.state).toBe('Done');
  });
});
