/**
 * The lifecycle rules for the guests this bot invited, on a controllable clock: redemption deadline, the
 * access review round trip (Keep, Remove → blocked → deleted after the grace), the unanswered policy,
 * inactivity with and without the licence, Entra's own policies taking a rule over, dry run, and guests
 * outside the invitation store left alone.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { InvitationRecord, Inviter } from '../../src/domain/invitations/invitation.js';
import type { LifecycleSettings } from '../../src/domain/lifecycle/lifecycle-rules.js';
import { answerQuestions, lifecycleRound, previewLifecycle, type LifecycleDependencies } from '../../src/domain/use-cases/guest-lifecycle.js';
import { lifecyclePreviewCard } from '../../src/cards/lifecycle-cards.js';
import { translatorFor } from '../../src/i18n/translator.js';
import { cardText } from '../support/connector-recorder.js';
import { validateCard } from '../support/schemas.js';
import { FakeClock, MemoryAuditLog, MemoryInvitationStore, ScriptedDirectory } from '../support/in-memory-ports.js';
import { FakeLifecycleDirectory, MemoryGuestLifecycleStore, RecordingNotices } from '../support/lifecycle-fakes.js';

const DAY = 24 * 60 * 60 * 1000;
const DANA = { aadObjectId: 'dana', name: 'Dana Scully', locale: 'de-DE' };
const FOX = { aadObjectId: 'fox', name: 'Fox Mulder' };
const OFF: LifecycleSettings = { answerDays: 14, removalGraceDays: 7, unanswered: 'keep', dryRun: false };

let clock: FakeClock;
let store: MemoryInvitationStore;
let care: MemoryGuestLifecycleStore;
let directory: ScriptedDirectory;
let lifecycle: FakeLifecycleDirectory;
let notices: RecordingNotices;
let audit: MemoryAuditLog;
let settings: LifecycleSettings;

const deps = (): LifecycleDependencies => ({ settings, store, care, directory, lifecycle, notices, audit, clock, tenantId: 't', roundEveryMs: 0 });
const record = async (email: string) => (await store.get('t', email))?.value;
const careOf = async (email: string) => (await care.get('t', email))?.value;
const actions = () => audit.events.map((event) => `${event.action} ${event.subject}`);

async function guest(email: string, userId: string, state: 'PendingAcceptance' | 'Accepted', inviter: Inviter = DANA, sentDaysAgo = 30, sponsorIds?: string[]): Promise<void> {
  const sentAt = new Date(clock.now().getTime() - sentDaysAgo * DAY).toISOString();
  const value: InvitationRecord = {
    tenantId: 't',
    email,
    state,
    inviter,
    invitedUserId: userId,
    batchId: `batch-${inviter.aadObjectId}`,
    attempts: 1,
    createdAt: sentAt,
    updatedAt: sentAt,
    sentAt,
    ...(state === 'Accepted' ? { acceptedAt: sentAt } : {}),
    ...(sponsorIds ? { sponsorIds } : {}),
  };
  await store.create(value);
  directory.users.set(email, { id: userId, userType: 'Guest', externalUserState: state });
}

beforeEach(() => {
  clock = new FakeClock(new Date('2026-11-25T10:00:00Z').getTime());
  store = new MemoryInvitationStore();
  care = new MemoryGuestLifecycleStore();
  directory = new ScriptedDirectory();
  lifecycle = new FakeLifecycleDirectory();
  notices = new RecordingNotices();
  audit = new MemoryAuditLog();
  settings = OFF;
});

describe('every rule off (the default)', () => {
  it('does nothing and asks the directory nothing', async () => {
    await guest('old@fabrikam.com', 'u1', 'PendingAcceptance', DANA, 400);
    expect(await lifecycleRound(deps())).toEqual({ kind: 'off' });
    expect(lifecycle.signInQueries).toBe(0);
    expect(notices.asked).toEqual([]);
  });
});

describe('redemption deadline', () => {
  beforeEach(async () => {
    settings = { ...OFF, redemption: { afterDays: 7, graceDays: 3 } };
    await guest('late@fabrikam.com', 'u-late', 'PendingAcceptance', DANA, 8);
    await guest('fresh@fabrikam.com', 'u-fresh', 'PendingAcceptance', DANA, 2);
  });

  it('offers the overdue guest to the sponsor first, then withdraws it when the grace runs out unanswered', async () => {
    await lifecycleRound(deps());
    expect(notices.asked).toHaveLength(1);
    expect(notices.asked[0]!.sponsor).toEqual(DANA);
    expect(notices.asked[0]!.batchIds).toEqual(['batch-dana']);
    expect(notices.asked[0]!.questions.map((question) => [question.email, question.rule])).toEqual([['late@fabrikam.com', 'redemption-deadline']]);
    expect(directory.deletions).toEqual([]);

    clock.advance(2 * DAY);
    await lifecycleRound(deps());
    expect(directory.deletions).toEqual([]);

    clock.advance(1 * DAY);
    await lifecycleRound(deps());
    expect(directory.deletions).toEqual(['u-late']);
    expect((await record('late@fabrikam.com'))?.state).toBe('Withdrawn');
    expect((await record('fresh@fabrikam.com'))?.state).toBe('PendingAcceptance');
    expect(actions()).toContain('withdraw-invitation late@fabrikam.com');
  });

  it('keeps the guest when the sponsor answers Keep, and asks again only after another deadline', async () => {
    await lifecycleRound(deps());
    const answer = await answerQuestions(deps(), DANA, [{ email: 'late@fabrikam.com', decision: 'keep' }], 'review-card');
    expect(answer.kept).toEqual(['late@fabrikam.com']);
    clock.advance(4 * DAY);
    await lifecycleRound(deps());
    expect(directory.deletions).toEqual([]);
    expect(notices.asked).toHaveLength(1);
    clock.advance(3 * DAY);
    await lifecycleRound(deps());
    expect(notices.asked).toHaveLength(2);
  });

  it('withdraws at once when the sponsor answers Withdraw', async () => {
    await lifecycleRound(deps());
    const answer = await answerQuestions(deps(), DANA, [{ email: 'late@fabrikam.com', decision: 'remove' }], 'review-card');
    expect(answer.removed).toEqual(['late@fabrikam.com']);
    expect(directory.deletions).toEqual(['u-late']);
    expect((await record('late@fabrikam.com'))?.withdrawn?.by).toEqual(DANA);
  });

  it('never withdraws a guest who accepted meanwhile, even if the record does not know yet', async () => {
    await lifecycleRound(deps());
    directory.users.set('late@fabrikam.com', { id: 'u-late', userType: 'Guest', externalUserState: 'Accepted' });
    clock.advance(3 * DAY);
    await lifecycleRound(deps());
    expect(directory.deletions).toEqual([]);
    expect(actions()).toContain('guest-kept late@fabrikam.com');
  });
});

describe('access review', () => {
  beforeEach(async () => {
    settings = { ...OFF, review: { everyDays: 90 } };
    await guest('a@fabrikam.com', 'u-a', 'Accepted');
    await guest('b@fabrikam.com', 'u-b', 'Accepted');
    await guest('c@fabrikam.com', 'u-c', 'Accepted', FOX);
    await guest('pending@fabrikam.com', 'u-p', 'PendingAcceptance');
  });

  it('sends each sponsor ONE card with their accepted guests; Keep keeps, Remove blocks at once and deletes after the grace', async () => {
    await lifecycleRound(deps());
    expect(notices.asked.map((ask) => [ask.sponsor.aadObjectId, ask.questions.map((question) => question.email)])).toEqual([
      ['dana', ['a@fabrikam.com', 'b@fabrikam.com']],
      ['fox', ['c@fabrikam.com']],
    ]);

    const answer = await answerQuestions(deps(), DANA, [
      { email: 'a@fabrikam.com', decision: 'keep' },
      { email: 'b@fabrikam.com', decision: 'remove' },
    ], 'review-card');
    expect(answer).toMatchObject({ kept: ['a@fabrikam.com'], removed: ['b@fabrikam.com'], refused: [], deleteAt: new Date(clock.now().getTime() + 7 * DAY).toISOString() });
    expect(lifecycle.blocked).toEqual(['u-b']);
    expect(directory.deletions).toEqual([]);
    expect(notices.announced).toContainEqual({ kind: 'answered', sponsor: DANA, kept: ['a@fabrikam.com'], removed: ['b@fabrikam.com'] });

    clock.advance(6 * DAY);
    await lifecycleRound(deps());
    expect(directory.deletions).toEqual([]);

    clock.advance(1 * DAY);
    await lifecycleRound(deps());
    expect(directory.deletions).toEqual(['u-b']);
    expect((await record('b@fabrikam.com'))?.state).toBe('Removed');
    expect((await record('a@fabrikam.com'))?.state).toBe('Accepted');
    expect(actions()).toEqual(expect.arrayContaining(['guest-kept a@fabrikam.com', 'guest-blocked b@fabrikam.com', 'guest-deleted b@fabrikam.com']));
  });

  it('asks again only when the next round is due, and never about a removed guest', async () => {
    await lifecycleRound(deps());
    await answerQuestions(deps(), DANA, [
      { email: 'a@fabrikam.com', decision: 'keep' },
      { email: 'b@fabrikam.com', decision: 'remove' },
    ], 'review-card');
    await answerQuestions(deps(), FOX, [{ email: 'c@fabrikam.com', decision: 'keep' }], 'review-card');
    clock.advance(30 * DAY);
    await lifecycleRound(deps());
    expect(notices.asked).toHaveLength(2);
    clock.advance(60 * DAY);
    await lifecycleRound(deps());
    expect(notices.asked.slice(2).flatMap((ask) => ask.questions.map((question) => question.email))).toEqual(['a@fabrikam.com', 'c@fabrikam.com']);
  });

  it('refuses answers from someone who is not the sponsor, and answers to no open question', async () => {
    await lifecycleRound(deps());
    const answer = await answerQuestions(deps(), FOX, [
      { email: 'a@fabrikam.com', decision: 'remove' },
      { email: 'pending@fabrikam.com', decision: 'remove' },
    ], 'review-card');
    expect(answer.refused).toEqual([
      { email: 'a@fabrikam.com', why: 'not-yours' },
      { email: 'pending@fabrikam.com', why: 'not-yours' },
    ]);
    const own = await answerQuestions(deps(), DANA, [{ email: 'pending@fabrikam.com', decision: 'remove' }], 'review-card');
    expect(own.refused).toEqual([{ email: 'pending@fabrikam.com', why: 'not-asked' }]);
    expect(lifecycle.blocked).toEqual([]);
    expect(directory.deletions).toEqual([]);
  });

  it('keeps unanswered guests by default and asks again next round', async () => {
    await lifecycleRound(deps());
    clock.advance(14 * DAY);
    await lifecycleRound(deps());
    expect(lifecycle.blocked).toEqual([]);
    expect((await careOf('a@fabrikam.com'))?.kept).toMatchObject({ rule: 'access-review', by: { name: 'Guest Invites' } });
    expect((await careOf('a@fabrikam.com'))?.asked).toBeUndefined();
  });

  it('blocks unanswered guests when the policy says remove', async () => {
    settings = { ...settings, unanswered: 'remove' };
    await lifecycleRound(deps());
    clock.advance(13 * DAY);
    await lifecycleRound(deps());
    expect(lifecycle.blocked).toEqual([]);
    clock.advance(1 * DAY);
    await lifecycleRound(deps());
    expect(lifecycle.blocked.sort()).toEqual(['u-a', 'u-b', 'u-c']);
  });
});

describe('the sponsors stored with the invitation', () => {
  beforeEach(() => {
    settings = { ...OFF, review: { everyDays: 90 } };
  });

  it('any of them may answer the card the inviter got', async () => {
    await guest('shared@fabrikam.com', 'u-shared', 'Accepted', DANA, 30, ['dana', 'fox']);
    await lifecycleRound(deps());
    expect(notices.asked.map((ask) => ask.sponsor.aadObjectId)).toEqual(['dana']);
    const answer = await answerQuestions(deps(), FOX, [{ email: 'shared@fabrikam.com', decision: 'remove' }], 'review-card');
    expect(answer.removed).toEqual(['shared@fabrikam.com']);
    expect(lifecycle.blocked).toEqual(['u-shared']);
  });

  it('a guest handed over to someone the bot cannot reach is reported, not asked of the former inviter', async () => {
    await guest('handed@fabrikam.com', 'u-handed', 'Accepted', DANA, 30, ['skinner']);
    await lifecycleRound(deps());
    expect(notices.asked).toEqual([]);
    expect(audit.events).toContainEqual(expect.objectContaining({ action: 'guest-review-asked', subject: 'handed@fabrikam.com', outcome: 'sponsor-unreachable' }));
    expect((await answerQuestions(deps(), DANA, [{ email: 'handed@fabrikam.com', decision: 'remove' }], 'review-card')).refused).toEqual([{ email: 'handed@fabrikam.com', why: 'not-yours' }]);
  });

  it('the administrators’ preview lists the guests nobody can be asked about, before and after the round, with the way out', async () => {
    await guest('handed@fabrikam.com', 'u-handed', 'Accepted', DANA, 30, ['skinner']);
    await guest('own@fabrikam.com', 'u-own', 'Accepted', DANA, 30);
    expect((await previewLifecycle(deps())).unaskable).toEqual(['handed@fabrikam.com']);
    await lifecycleRound(deps());
    const preview = await previewLifecycle(deps());
    expect(preview.unaskable).toEqual(['handed@fabrikam.com']);
    const text = cardText(lifecyclePreviewCard(translatorFor({ locale: 'en-US' }), preview));
    expect(text).toContain('One guest cannot be asked');
    expect(text).toContain('orphaned guests');
    expect(text).toContain('handed@fabrikam.com');
    expect(text).not.toContain('own@fabrikam.com');
    for (const locale of ['de-DE', 'fr-FR']) expect(validateCard(lifecyclePreviewCard(translatorFor({ locale }), preview))).toEqual([]);
  });
});

describe('inactivity', () => {
  beforeEach(async () => {
    settings = { ...OFF, inactivity: { afterDays: 90 } };
    await guest('idle@fabrikam.com', 'u-idle', 'Accepted', DANA, 200);
    await guest('busy@fabrikam.com', 'u-busy', 'Accepted', DANA, 200);
    await guest('never@fabrikam.com', 'u-never', 'Accepted', DANA, 200);
    lifecycle.lastSignIn.set('u-idle', new Date(clock.now().getTime() - 120 * DAY).toISOString());
    lifecycle.lastSignIn.set('u-busy', new Date(clock.now().getTime() - 3 * DAY).toISOString());
  });

  it('with the licence, asks the sponsor about guests not signed in for N days, the same way as a review', async () => {
    await lifecycleRound(deps());
    expect(notices.asked).toHaveLength(1);
    expect(notices.asked[0]!.questions.map((question) => [question.email, question.rule, question.lastSignInAt !== undefined])).toEqual([
      ['idle@fabrikam.com', 'inactivity', true],
      ['never@fabrikam.com', 'inactivity', false],
    ]);
    await answerQuestions(deps(), DANA, [{ email: 'idle@fabrikam.com', decision: 'remove' }], 'review-card');
    expect(lifecycle.blocked).toEqual(['u-idle']);
  });

  it('without the licence, says so once (admin channel and audit) and carries on with the other rules', async () => {
    lifecycle.licensed = false;
    settings = { ...settings, review: { everyDays: 30 } };
    await lifecycleRound(deps());
    clock.advance(1 * DAY);
    await lifecycleRound(deps());
    expect(notices.announced.filter((announcement) => announcement.kind === 'unlicensed')).toHaveLength(1);
    expect(audit.events.filter((event) => event.action === 'lifecycle-notice' && event.outcome === 'unlicensed')).toHaveLength(1);
    expect(notices.asked.flatMap((ask) => ask.questions.map((question) => question.rule))).toEqual(['access-review', 'access-review', 'access-review']);
    expect((await previewLifecycle(deps())).plan.skipped).toContainEqual({ rule: 'inactivity', because: 'unlicensed' });
  });
});

describe('Entra guest lifecycle policies', () => {
  it('skip the rule they cover, are shown once, and the rules they do not cover still run', async () => {
    settings = { ...OFF, redemption: { afterDays: 7, graceDays: 3 }, review: { everyDays: 30 } };
    lifecycle.policies = {
      kind: 'policies',
      policies: [{ id: 'p1', displayName: 'Guests must redeem', ruleTypes: ['invitationRedemptionRule'], covers: ['redemption-deadline'] }],
    };
    await guest('late@fabrikam.com', 'u-late', 'PendingAcceptance', DANA, 60);
    await guest('in@fabrikam.com', 'u-in', 'Accepted');
    await lifecycleRound(deps());
    clock.advance(1 * DAY);
    await lifecycleRound(deps());
    expect(notices.asked.flatMap((ask) => ask.questions.map((question) => question.email))).toEqual(['in@fabrikam.com']);
    expect(notices.announced.filter((announcement) => announcement.kind === 'entra-policies')).toHaveLength(1);
    expect((await previewLifecycle(deps())).plan.skipped).toEqual([{ rule: 'redemption-deadline', because: 'entra-policy' }]);
    expect(directory.deletions).toEqual([]);
  });
});

describe('dry run', () => {
  it('reports what each round would do and changes nothing', async () => {
    settings = { ...OFF, redemption: { afterDays: 7, graceDays: 0 }, review: { everyDays: 30 }, unanswered: 'remove', dryRun: true };
    await guest('late@fabrikam.com', 'u-late', 'PendingAcceptance', DANA, 60);
    await guest('in@fabrikam.com', 'u-in', 'Accepted');
    const before = { records: store.all(), audit: audit.events.length };
    const outcome = await lifecycleRound(deps());
    clock.advance(40 * DAY);
    await lifecycleRound(deps());
    expect(outcome.kind === 'ran' && outcome.preview.plan.steps.map((step) => `${step.kind} ${step.guest.email}`)).toEqual(['ask late@fabrikam.com', 'ask in@fabrikam.com']);
    expect(store.all()).toEqual(before.records);
    expect(await care.list('t')).toEqual([]);
    expect(audit.events).toHaveLength(before.audit);
    expect(notices.asked).toEqual([]);
    expect(directory.deletions).toEqual([]);
    expect(lifecycle.blocked).toEqual([]);
    expect(notices.announced.map((announcement) => announcement.kind === 'round' && announcement.dryRun)).toEqual([true, true]);
  });
});

describe('guests outside the invitation store', () => {
  it('are never asked about, blocked or deleted, whatever the directory or a stray care row says', async () => {
    settings = { ...OFF, redemption: { afterDays: 1, graceDays: 0 }, review: { everyDays: 1 }, inactivity: { afterDays: 1 }, unanswered: 'remove', answerDays: 1, removalGraceDays: 0 };
    directory.users.set('stranger@fabrikam.com', { id: 'u-stranger', userType: 'Guest', externalUserState: 'PendingAcceptance' });
    lifecycle.lastSignIn.set('u-stranger', '2020-01-01T00:00:00Z');
    await care.create({ tenantId: 't', email: 'stranger@fabrikam.com', blocked: { rule: 'access-review', at: '2020-01-01T00:00:00Z', deleteAt: '2020-01-02T00:00:00Z', by: {} } });
    await guest('ours@fabrikam.com', 'u-ours', 'Accepted', DANA, 10);
    for (let round = 0; round < 4; round++) {
      await lifecycleRound(deps());
      clock.advance(2 * DAY);
    }
    expect(lifecycle.blocked).toEqual(['u-ours']);
    expect(directory.deletions).toEqual(['u-ours']);
    expect(directory.users.has('stranger@fabrikam.com')).toBe(true);
    expect(notices.asked.flatMap((ask) => ask.questions.map((question) => question.email))).not.toContain('stranger@fabrikam.com');
  });
});

describe('round pace', () => {
  it('runs at most once per LIFECYCLE_ROUND_MINUTES, whatever the tracker does', async () => {
    settings = { ...OFF, review: { everyDays: 1 } };
    const paced = { ...deps(), roundEveryMs: 60 * 60 * 1000 };
    expect((await lifecycleRound(paced)).kind).toBe('ran');
    clock.advance(59 * 60 * 1000);
    expect((await lifecycleRound(paced)).kind).toBe('not-due');
    clock.advance(60 * 1000);
    expect((await lifecycleRound(paced)).kind).toBe('ran');
  });
});

describe('answers from My guests (the same path as the review card)', () => {
  beforeEach(async () => {
    settings = { ...OFF, review: { everyDays: 90 } };
    await guest('accepted@fabrikam.com', 'u-accepted', 'Accepted', DANA, 30, ['dana', 'fox']);
    await guest('pending@fabrikam.com', 'u-pending', 'PendingAcceptance', DANA, 2);
  });

  it('removes an accepted guest without an open question: blocked now, deleted after the grace, audited as the sponsor’s decision', async () => {
    const answer = await answerQuestions(deps(), FOX, [{ email: 'accepted@fabrikam.com', decision: 'remove' }], 'my-guests');
    expect(answer).toMatchObject({ removed: ['accepted@fabrikam.com'], withdrawn: [], refused: [], deleteAt: new Date(clock.now().getTime() + 7 * DAY).toISOString() });
    expect(lifecycle.blocked).toEqual(['u-accepted']);
    expect((await careOf('accepted@fabrikam.com'))?.blocked).toMatchObject({ rule: 'sponsor-decision', by: FOX });
    expect(audit.events).toContainEqual(expect.objectContaining({ action: 'guest-blocked', subject: 'accepted@fabrikam.com', actor: FOX, outcome: 'sponsor-decision' }));
    expect(notices.announced).toContainEqual({ kind: 'answered', sponsor: FOX, kept: [], removed: ['accepted@fabrikam.com'] });

    // Pressed twice (an old card): nothing more happens.
    expect((await answerQuestions(deps(), DANA, [{ email: 'accepted@fabrikam.com', decision: 'remove' }], 'my-guests')).refused).toEqual([{ email: 'accepted@fabrikam.com', why: 'not-asked' }]);
    expect(lifecycle.blocked).toEqual(['u-accepted']);

    clock.advance(7 * DAY);
    await lifecycleRound(deps());
    expect(directory.deletions).toEqual(['u-accepted']);
    expect((await record('accepted@fabrikam.com'))?.state).toBe('Removed');
  });

  it('refuses anyone who is not a sponsor, changing nothing', async () => {
    const answer = await answerQuestions(deps(), { aadObjectId: 'walter', name: 'Walter Skinner' }, [{ email: 'accepted@fabrikam.com', decision: 'remove' }], 'my-guests');
    expect(answer.refused).toEqual([{ email: 'accepted@fabrikam.com', why: 'not-yours' }]);
    expect(lifecycle.blocked).toEqual([]);
    expect(await careOf('accepted@fabrikam.com')).toBeUndefined();
    expect(notices.announced).toEqual([]);
  });

  it('keeps only while a question is open; never removes a pending guest unasked (Withdraw does that)', async () => {
    expect((await answerQuestions(deps(), DANA, [{ email: 'accepted@fabrikam.com', decision: 'keep' }], 'my-guests')).refused).toEqual([{ email: 'accepted@fabrikam.com', why: 'not-asked' }]);
    expect((await answerQuestions(deps(), DANA, [{ email: 'pending@fabrikam.com', decision: 'remove' }], 'my-guests')).refused).toEqual([{ email: 'pending@fabrikam.com', why: 'not-asked' }]);
    expect(directory.deletions).toEqual([]);

    await lifecycleRound(deps());
    const answer = await answerQuestions(deps(), DANA, [{ email: 'accepted@fabrikam.com', decision: 'keep' }], 'my-guests');
    expect(answer.kept).toEqual(['accepted@fabrikam.com']);
    expect((await careOf('accepted@fabrikam.com'))?.kept).toMatchObject({ rule: 'access-review', by: DANA });
    expect(audit.events).toContainEqual(expect.objectContaining({ action: 'guest-kept', subject: 'accepted@fabrikam.com', detail: 'the sponsor answered Keep on My guests' }));
  });

  it('the review card still answers open questions only', async () => {
    expect((await answerQuestions(deps(), DANA, [{ email: 'accepted@fabrikam.com', decision: 'remove' }], 'review-card')).refused).toEqual([{ email: 'accepted@fabrikam.com', why: 'not-asked' }]);
    expect(lifecycle.blocked).toEqual([]);
  });
});
