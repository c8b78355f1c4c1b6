/**
 * The sending pipeline's domain logic with in-memory ports: exactly one invitation per address whatever
 * the queue does (duplicates, redelivery), failures kept per address, throttling and transient failures
 * retried, anti-abuse and the daily limit pausing the batch, the bot's own mailbox carrying the note.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { ServiceError } from '../../src/domain/errors.js';
import type { OutgoingMail } from '../../src/domain/ports/mailer.js';
import { mailText } from '../../src/graph/mail-text.js';
import { sayKept } from '../../src/i18n/say.js';
import { translatorFor } from '../../src/i18n/translator.js';
import { sendAgain, sendBatch } from '../../src/domain/use-cases/batch-actions.js';
import { giveUpOnWork, processSendWork, type InvitationDelivery, type SendWorkDependencies } from '../../src/domain/use-cases/send-work.js';
import { startReview } from '../../src/domain/use-cases/start-review.js';
import {
  FakeClock,
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
let delivery: InvitationDelivery;

const deps = (): SendWorkDependencies => ({ directory, store, clock, batches, outcomes, queue, observer, delivery, recheckDelaysMs: [10, 20], sendingLeaseMs: 30_000 });

async function startSending(addresses: string, personalMessage = ''): Promise<void> {
  const options = { personalMessage, redirectUrl: 'https://myapps.microsoft.com/?tenantid=t', messageLanguage: 'en-US' };
  await startReview(
    { directory, store, batches, clock, tenantId: 't', rules: { allowed: [], blocked: [] }, newId: () => KEY.batchId },
    { addresses, options, typed: { addresses, ...options }, starter: DANA, conversationId: 'chat', conversationType: 'personal' },
  );
  expect(await sendBatch({ batches, clock, queue, outcomes }, KEY, DANA.aadObjectId, CARD)).toMatchObject({ kind: 'done' });
}

/** Runs queued work until the queue is empty (delays ignored: the test decides when time passes). */
async function drain(): Promise<void> {
  for (let round = 0, work = queue.take(); work.length > 0; round++, work = queue.take()) {
    if (round > 50) throw new Error('the queue never empties');
    for (const item of work) await processSendWork(deps(), item);
  }
}

const state = async () => (await batches.get(KEY.tenantId, KEY.batchId))?.value;
const ENGLISH = translatorFor({ locale: 'en-US' });
/** Each address's outcome, its reason said in English as the inviter would read it. */
const results = async () =>
  Object.fromEntries((await outcomes.list(KEY.tenantId, KEY.batchId)).map((r) => [r.address, r.reason === undefined ? r : { ...r, reason: sayKept(ENGLISH, r.reason) }]));

beforeEach(() => {
  directory = new ScriptedDirectory(['contoso.com']);
  store = new MemoryInvitationStore();
  batches = new MemoryBatchStore();
  outcomes = new MemoryOutcomeStore();
  queue = new MemoryQueue();
  clock = new FakeClock();
  observer = new RecordingObserver();
  delivery = { mode: 'microsoft' };
});

describe('processSendWork', () => {
  it('invites every ready address once; one failure loses none of the others; the batch finishes once', async () => {
    directory.onInvite = (request) => {
      if (request.email === 'b@fabrikam.com') throw new ServiceError('graph.invitation-refused', 'HTTP 400', 'Refused for the test.');
    };
    await startSending('a@fabrikam.com, b@fabrikam.com, c@fabrikam.com, fox@contoso.com');
    await drain();
    expect(await results()).toEqual({
      'a@fabrikam.com': { address: 'a@fabrikam.com', outcome: 'invited', round: 1 },
      'b@fabrikam.com': { address: 'b@fabrikam.com', outcome: 'failed', reason: 'Microsoft Graph refused this invitation. (Refused for the test.)', code: 'graph.invitation-refused', round: 1 },
      'c@fabrikam.com': { address: 'c@fabrikam.com', outcome: 'invited', round: 1 },
    });
    expect(directory.invitations.map((i) => i.email)).toEqual(['a@fabrikam.com', 'b@fabrikam.com', 'c@fabrikam.com']);
    expect(directory.invitations[0]).toMatchObject({ sendInvitationMessage: true, sponsorIds: ['dana'] });
    expect((await state())?.state).toBe('Done');
    expect(observer.states).toEqual(['Done']);
    expect(observer.progress).toHaveLength(3);
  });

  it('a domain the tenant’s collaboration restrictions refuse is failed with the rule named, never Graph’s raw words', async () => {
    directory.onInvite = (request) => {
      if (request.email === 'b@fabrikam.com') throw new ServiceError('graph.domain-blocked', 'HTTP 400', 'Raw Graph text about fabrikam.com');
    };
    await startSending('a@fabrikam.com, b@fabrikam.com');
    await drain();
    const failed = (await results())['b@fabrikam.com'];
    expect(failed).toMatchObject({ outcome: 'failed', code: 'graph.domain-blocked' });
    expect(failed?.reason).toContain('collaboration restrictions');
    expect(failed?.reason).toContain('(fabrikam.com)');
    expect(failed?.reason).not.toContain('Raw Graph text');
  });

  it('a reason is kept as a code with its data, so each reader gets it in their language', async () => {
    directory.onInvite = () => {
      throw new ServiceError('graph.domain-blocked', 'HTTP 400', 'Raw Graph text');
    };
    await startSending('b@fabrikam.com');
    await drain();
    const [kept] = await outcomes.list(KEY.tenantId, KEY.batchId);
    expect(kept?.reason).toEqual({ id: 'errors:withDetail', values: { reason: { id: 'errors:graph.domain-blocked' }, detail: 'fabrikam.com' } });
    expect(sayKept(translatorFor({ locale: 'de-DE' }), kept!.reason!)).toMatch(/^Die Einschränkungen für die Zusammenarbeit in Ihrer Organisation .* \(fabrikam\.com\)$/);
    expect(sayKept(translatorFor({ locale: 'fr-FR' }), kept!.reason!)).toMatch(/^Les restrictions de collaboration de votre organisation .* \(fabrikam\.com\)$/);
  });

  it('a duplicate delivery of the same work sends nothing twice and keeps the outcomes', async () => {
    await startSending('a@fabrikam.com, b@fabrikam.com');
    const [work] = queue.take();
    await processSendWork(deps(), work!);
    await processSendWork(deps(), work!);
    expect(directory.invitations).toHaveLength(2);
    expect(Object.values(await results()).map((r) => r.outcome)).toEqual(['invited', 'invited']);
    expect(observer.states).toEqual(['Done']);
  });

  it('a redelivery after a crash between Graph’s answer and the outcome still counts the address as invited by this batch', async () => {
    await startSending('a@fabrikam.com');
    const [work] = queue.take();
    const record = outcomes.record.bind(outcomes);
    outcomes.record = async () => {
      throw new Error('crash before the outcome was written');
    };
    await expect(processSendWork(deps(), work!)).rejects.toThrow('crash');
    outcomes.record = record;
    await processSendWork(deps(), work!);
    expect(await results()).toMatchObject({ 'a@fabrikam.com': { outcome: 'invited' } });
    expect(directory.invitations).toHaveLength(1);
  });

  it('throttled invitations are tried again until they pass', async () => {
    let refusals = 2;
    directory.onInvite = () => {
      if (refusals-- > 0) throw new ServiceError('graph.throttled', 'HTTP 429', undefined, 1);
    };
    await startSending('a@fabrikam.com');
    await drain();
    expect(await results()).toMatchObject({ 'a@fabrikam.com': { outcome: 'invited' } });
    expect((await state())?.state).toBe('Done');
  });

  it('a 401 that outlived the Graph client’s token renewal fails the address with a clear message', async () => {
    directory.onInvite = () => {
      throw new ServiceError('signin.token-refused', 'HTTP 401', 'Access token validation failure.');
    };
    await startSending('a@fabrikam.com');
    await drain();
    const failed = (await results())['a@fabrikam.com'];
    expect(failed).toMatchObject({ outcome: 'failed', code: 'signin.token-refused' });
    expect(failed?.reason).toMatch(/refused the bot’s access token, and then a freshly issued one/);
    expect(directory.invitations).toHaveLength(1);
    expect((await state())?.state).toBe('Done');
  });

  it('a 504 after Graph created the guest: the next attempt finds the guest and does not invite again', async () => {
    directory.onInvite = (request) => {
      directory.onInvite = () => undefined;
      directory.users.set(request.email, { id: 'created', userType: 'Guest', externalUserState: 'PendingAcceptance' });
      throw new ServiceError('graph.unavailable', 'HTTP 504');
    };
    await startSending('a@fabrikam.com');
    await drain();
    expect(await results()).toMatchObject({ 'a@fabrikam.com': { outcome: 'invited' } });
    expect(directory.invitations).toHaveLength(1);
  });

  it('a failure that keeps coming is recorded with its reason after three attempts', async () => {
    directory.onInvite = () => {
      throw new ServiceError('graph.unexpected', 'HTTP 500');
    };
    await startSending('a@fabrikam.com');
    await drain();
    expect(await results()).toMatchObject({ 'a@fabrikam.com': { outcome: 'failed', reason: expect.stringContaining('unexpected error') } });
    expect(directory.invitations).toHaveLength(3);
  });

  it('an address another worker is sending right now goes back on the queue until that lease ends', async () => {
    await startSending('a@fabrikam.com, b@fabrikam.com');
    await store.create({ tenantId: 't', email: 'a@fabrikam.com', state: 'Sending', inviter: {}, attempts: 1, createdAt: clock.now().toISOString(), updatedAt: clock.now().toISOString() });
    const [work] = queue.take();
    await processSendWork(deps(), work!);
    expect(queue.items).toEqual([{ work: { ...KEY, addresses: ['a@fabrikam.com'] }, delaySeconds: 30 }]);
    expect((await state())?.state).toBe('Sending');
    // The other worker crashed: after the lease the directory settles it (it had created the guest).
    directory.users.set('a@fabrikam.com', { id: 'g', userType: 'Guest', externalUserState: 'PendingAcceptance' });
    clock.advance(30_001);
    await drain();
    expect(Object.values(await results()).map((r) => r.outcome).sort()).toEqual(['already-invited', 'invited']);
    expect(directory.invitations.map((i) => i.email)).toEqual(['b@fabrikam.com']);
    expect((await state())?.state).toBe('Done');
  });

  it('an anti-abuse block pauses the batch instead of failing every address; Resume sends the rest', async () => {
    await startSending('a@fabrikam.com, b@fabrikam.com, c@fabrikam.com');
    directory.onInvite = (request) => {
      if (request.email === 'b@fabrikam.com') throw new ServiceError('graph.invitations-blocked', 'HTTP 403', 'Invitations are blocked due to suspicious activity.');
    };
    await drain();
    expect(await state()).toMatchObject({ state: 'Paused', pause: { reason: 'anti-abuse' } });
    // The addresses already on their way when the block came still count.
    expect(Object.keys(await results())).toEqual(['a@fabrikam.com', 'c@fabrikam.com']);
    expect(observer.states).toEqual(['Paused']);
    expect(queue.items).toHaveLength(0);

    directory.onInvite = () => undefined;
    expect(await sendAgain({ batches, clock, queue, outcomes }, KEY, 'mallory', CARD)).toMatchObject({ kind: 'not-yours' });
    expect(await sendAgain({ batches, clock, queue, outcomes }, KEY, DANA.aadObjectId, CARD)).toMatchObject({ kind: 'done', batch: { state: 'Sending', round: 2 } });
    expect(queue.items.map((item) => item.work.addresses)).toEqual([['b@fabrikam.com']]);
    await drain();
    expect((await state())?.state).toBe('Done');
    expect(directory.invitations.filter((i) => i.email !== 'b@fabrikam.com')).toHaveLength(2);
  });

  it('the daily limit pauses the batch until the next day, then it goes on by itself', async () => {
    let left = 1;
    const resumesAt = new Date('2026-11-26T00:00:00Z');
    await startSending('a@fabrikam.com, b@fabrikam.com');
    const [work] = queue.take();
    await processSendWork({ ...deps(), quota: { take: async () => (left-- > 0 ? { ok: true } : { ok: false, resumesAt }) } }, work!);
    expect(await state()).toMatchObject({ state: 'Paused', pause: { reason: 'daily-limit', resumesAt: resumesAt.toISOString() } });
    const delay = (resumesAt.getTime() - clock.now().getTime()) / 1000;
    expect(queue.items).toEqual([{ work: { ...KEY, addresses: ['b@fabrikam.com'] }, delaySeconds: delay }]);

    clock.advance(delay * 1000);
    const [later] = queue.take();
    await processSendWork({ ...deps(), quota: { take: async () => ({ ok: true }) } }, later!);
    expect((await state())?.state).toBe('Done');
    expect(directory.invitations.map((i) => i.email)).toEqual(['a@fabrikam.com', 'b@fabrikam.com']);
  });

  it('work of a cancelled or unknown batch is dropped', async () => {
    await processSendWork(deps(), { ...KEY, addresses: ['a@fabrikam.com'] });
    expect(directory.invitations).toHaveLength(0);
  });

  it('poison work: its open addresses fail with the reason and the batch still finishes', async () => {
    await startSending('a@fabrikam.com, b@fabrikam.com');
    const [work] = queue.take();
    await giveUpOnWork(deps(), work!, 5);
    const gaveUp = 'Could not be processed after 5 attempts; an administrator has been told (poison queue).';
    expect(Object.values(await results()).map((r) => r.reason)).toEqual([gaveUp, gaveUp]);
    expect((await state())?.state).toBe('Done');
  });

  it('Retry failed sends only the failures, in a new round, and never invites anyone twice', async () => {
    directory.onInvite = (request) => {
      if (request.email === 'b@fabrikam.com') throw new ServiceError('graph.invitation-refused', 'HTTP 400', 'No.');
    };
    await startSending('a@fabrikam.com, b@fabrikam.com');
    await drain();
    directory.onInvite = () => undefined;
    await sendAgain({ batches, clock, queue, outcomes }, KEY, DANA.aadObjectId, CARD);
    expect(queue.items.map((item) => item.work.addresses)).toEqual([['b@fabrikam.com']]);
    await drain();
    expect(await results()).toMatchObject({ 'a@fabrikam.com': { outcome: 'invited', round: 1 }, 'b@fabrikam.com': { outcome: 'invited', round: 2 } });
    expect(directory.invitations.map((i) => i.email)).toEqual(['a@fabrikam.com', 'b@fabrikam.com', 'b@fabrikam.com']);
    expect(observer.states).toEqual(['Done', 'Done']);
  });
});

describe('link delivery', () => {
  it('Graph sends nothing and the outcome carries the redeem link for the inviter', async () => {
    delivery = { mode: 'link' };
    await startSending('jane@fabrikam.com');
    await drain();
    expect(directory.invitations[0]).toMatchObject({ sendInvitationMessage: false });
    expect(await results()).toMatchObject({ 'jane@fabrikam.com': { outcome: 'invited', redeemUrl: 'https://login.example/redeem' } });
  });
});

describe('mailbox delivery', () => {
  let mails: OutgoingMail[];
  beforeEach(() => {
    mails = [];
    delivery = { mode: 'mailbox', mailer: { send: async (mail) => void mails.push(mail) } };
  });

  it('Graph sends nothing; the bot mails the note and the redeem link once, even when the work comes twice', async () => {
    await startSending('Jane Doe <jane@fabrikam.com>', 'Welcome to the <b>project</b>!\nSee you Monday.');
    const [work] = queue.take();
    await processSendWork(deps(), work!);
    await processSendWork(deps(), work!);
    expect(directory.invitations).toEqual([expect.objectContaining({ email: 'jane@fabrikam.com', sendInvitationMessage: false })]);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ to: { address: 'jane@fabrikam.com', name: 'Jane Doe' } });
    const written = mailText(mails[0]!);
    expect(written.subject).toBe('Dana Scully invited you to collaborate');
    expect(written.text).toContain('Welcome to the <b>project</b>!');
    expect(written.text).toContain('https://login.example/redeem');
    expect(store.all()[0]?.mailedAt).toBeDefined();
  });

  it('a mail that fails is reported; Retry mails it without inviting again', async () => {
    let fail = true;
    delivery = {
      mode: 'mailbox',
      mailer: {
        send: async (mail) => {
          if (fail) throw new ServiceError('graph.permission-denied', 'HTTP 403', 'Access is denied.');
          mails.push(mail);
        },
      },
    };
    await startSending('jane@fabrikam.com');
    await drain();
    expect(await results()).toMatchObject({ 'jane@fabrikam.com': { outcome: 'failed', reason: expect.stringContaining('could not email it') } });
    fail = false;
    await sendAgain({ batches, clock, queue, outcomes }, KEY, DANA.aadObjectId, CARD);
    await drain();
    expect(await results()).toMatchObject({ 'jane@fabrikam.com': { outcome: 'invited', round: 2 } });
    expect(mails).toHaveLength(1);
    expect(directory.invitations).toHaveLength(1);
  });
});
