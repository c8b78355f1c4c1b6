/**
 * Send under policy: who may invite is checked at Send, requests outside the organisation's thresholds
 * wait for an administrator, and only administrators (checked on the server) decide, once, audited.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { approvalReasons, type ApprovalRules } from '../../src/domain/policy/approval-rules.js';
import { DIRECTORY_ROLE_TEMPLATES as ROLES, type AllowInvitesFrom } from '../../src/domain/policy/who-may-invite.js';
import type { TenantConfigurationGateway } from '../../src/domain/ports/tenant-configuration.js';
import { decideApproval, withdrawRequest } from '../../src/domain/use-cases/decide-approval.js';
import { requestSending, type RequestSendingDependencies } from '../../src/domain/use-cases/request-sending.js';
import { startReview } from '../../src/domain/use-cases/start-review.js';
import {
  FakeClock,
  MemoryAuditLog,
  MemoryBatchStore,
  MemoryInvitationStore,
  MemoryOutcomeStore,
  MemoryPeople,
  MemoryQueue,
  MemoryTally,
  RecordingDesk,
  ScriptedDirectory,
} from '../support/in-memory-ports.js';

/** The defaults: nothing needs approval. */
const NO_APPROVALS: ApprovalRules = { batchSizeAbove: 0, dailyPerRequesterAbove: 0, outsideAllowedDomains: 'refuse' };

const FOX = { aadObjectId: 'fox', name: 'Fox Mulder' };
const DANA = { aadObjectId: 'dana', name: 'Dana Scully' };
const WALTER = { aadObjectId: 'walter', name: 'Walter Skinner' };
const KEY = { tenantId: 't', batchId: 'batch-1' };
const CARD = { conversation: { conversation: { id: 'chat' } }, activityId: 'card-1' };

let batches: MemoryBatchStore;
let queue: MemoryQueue;
let audit: MemoryAuditLog;
let desk: RecordingDesk;
let tally: MemoryTally;
let clock: FakeClock;
let allowInvitesFrom: AllowInvitesFrom;
let rules: ApprovalRules;
let deps: RequestSendingDependencies;

const tenant = (): TenantConfigurationGateway => ({
  snapshot: async () => ({ allowInvitesFrom, unreadable: [], readAt: '2026-12-01T00:00:00Z' }),
  domainFacts: async () => ({ kind: 'no-tenant' }),
  refresh: () => undefined,
});

async function draft(addresses: string, starter = FOX, allowed: string[] = []): Promise<void> {
  const options = { personalMessage: '', redirectUrl: 'https://myapps.microsoft.com/?tenantid=t', messageLanguage: 'en-US' };
  await startReview(
    {
      directory: new ScriptedDirectory(['contoso.com']),
      store: new MemoryInvitationStore(),
      batches,
      clock,
      tenantId: 't',
      rules: { allowed, blocked: [], outsideAllowed: rules.outsideAllowedDomains },
      newId: () => KEY.batchId,
    },
    { addresses, options, typed: { addresses, ...options }, starter, conversationId: 'chat', conversationType: 'personal' },
  );
}

beforeEach(() => {
  batches = new MemoryBatchStore();
  queue = new MemoryQueue();
  audit = new MemoryAuditLog();
  desk = new RecordingDesk();
  tally = new MemoryTally();
  clock = new FakeClock();
  allowInvitesFrom = 'everyone';
  rules = { ...NO_APPROVALS, batchSizeAbove: 2 };
  const people = new MemoryPeople()
    .add({ id: 'fox', userType: 'Member', roleTemplateIds: [], groupIds: [] })
    .add({ id: 'dana', userType: 'Member', roleTemplateIds: [ROLES.userAdministrator], groupIds: [] })
    .add({ id: 'walter', userType: 'Member', roleTemplateIds: [ROLES.globalAdministrator], groupIds: [] });
  deps = {
    batches,
    clock,
    queue,
    outcomes: new MemoryOutcomeStore(),
    people,
    tenant: tenant(),
    groups: { inviterGroupIds: [], adminGroupIds: [] },
    audit,
    tenantId: 't',
    get approvalRules() {
      return rules;
    },
    tally,
    desk,
  };
});

const stored = async () => (await batches.get(KEY.tenantId, KEY.batchId))?.value;

describe('approvalReasons', () => {
  const facts = { addresses: ['a@x.com', 'b@x.com', 'c@y.com'], outsideAllowed: ['c@y.com'], sentToday: 5, requesterIsAdministrator: false };
  it('names every rule crossed, and none for an administrator', () => {
    expect(approvalReasons(facts, { batchSizeAbove: 2, dailyPerRequesterAbove: 7, outsideAllowedDomains: 'approve' })).toEqual([
      { kind: 'batch-size', count: 3, limit: 2 },
      { kind: 'daily-quota', sentToday: 5, count: 3, limit: 7 },
      { kind: 'outside-allowed-domains', domains: ['y.com'] },
    ]);
    expect(approvalReasons({ ...facts, requesterIsAdministrator: true }, { batchSizeAbove: 2, dailyPerRequesterAbove: 7, outsideAllowedDomains: 'approve' })).toEqual([]);
    expect(approvalReasons(facts, { batchSizeAbove: 3, dailyPerRequesterAbove: 8, outsideAllowedDomains: 'refuse' })).toEqual([]);
  });
});

describe('requestSending', () => {
  it('within the thresholds the batch goes straight to the queue and counts towards the requester’s day', async () => {
    await draft('a@fabrikam.com, b@fabrikam.com');
    expect(await requestSending(deps, KEY, FOX, CARD)).toMatchObject({ kind: 'done', batch: { state: 'Sending' } });
    expect(queue.take().flatMap((work) => work.addresses)).toEqual(['a@fabrikam.com', 'b@fabrikam.com']);
    expect(await tally.sentToday('fox', clock.now())).toBe(2);
    expect(desk.asked).toEqual([]);
  });

  it('over the batch size it waits for an administrator: approval card asked for, nothing queued, audited', async () => {
    await draft('a@fabrikam.com, b@fabrikam.com, c@fabrikam.com');
    const outcome = await requestSending(deps, KEY, FOX, CARD);
    expect(outcome).toMatchObject({ kind: 'awaiting-approval', batch: { state: 'AwaitingApproval', statusCard: CARD } });
    expect((await stored())?.approval).toMatchObject({ reasons: [{ kind: 'batch-size', count: 3, limit: 2 }], card: { activityId: 'approval-1' } });
    expect(queue.take()).toEqual([]);
    expect(audit.events.map((event) => [event.action, event.outcome])).toEqual([['approval-requested', 'awaiting-approval']]);
    expect(audit.events[0]?.addresses).toEqual(['a@fabrikam.com', 'b@fabrikam.com', 'c@fabrikam.com']);
  });

  it('over the requester’s daily count it waits too', async () => {
    rules = { ...NO_APPROVALS, dailyPerRequesterAbove: 3 };
    await tally.add('fox', 2, clock.now());
    await draft('a@fabrikam.com, b@fabrikam.com');
    expect(await requestSending(deps, KEY, FOX, CARD)).toMatchObject({ kind: 'awaiting-approval' });
    expect((await stored())?.approval?.reasons).toEqual([{ kind: 'daily-quota', sentToday: 2, count: 2, limit: 3 }]);
  });

  it('outside the allowed domains, where approval is configured, the address is ready but waits for approval', async () => {
    rules = { ...NO_APPROVALS, outsideAllowedDomains: 'approve' };
    await draft('a@fabrikam.com, b@litware.com', FOX, ['fabrikam.com']);
    expect((await stored())?.entries.map((entry) => [entry.address, entry.attention ?? 'ready', entry.outsideAllowedDomains ?? false])).toEqual([
      ['a@fabrikam.com', 'ready', false],
      ['b@litware.com', 'ready', true],
    ]);
    expect(await requestSending(deps, KEY, FOX, CARD)).toMatchObject({ kind: 'awaiting-approval' });
    expect((await stored())?.approval?.reasons).toEqual([{ kind: 'outside-allowed-domains', domains: ['litware.com'] }]);
  });

  it('an administrator’s own request needs nobody’s approval', async () => {
    await draft('a@fabrikam.com, b@fabrikam.com, c@fabrikam.com', DANA);
    expect(await requestSending(deps, KEY, DANA, CARD)).toMatchObject({ kind: 'done', batch: { state: 'Sending' } });
  });

  it('with no channel chosen the draft stays a draft and the requester is told', async () => {
    desk.channel = false;
    await draft('a@fabrikam.com, b@fabrikam.com, c@fabrikam.com');
    expect(await requestSending(deps, KEY, FOX, CARD)).toMatchObject({ kind: 'no-approver', batch: { state: 'Draft' } });
    expect((await stored())?.approval).toBeUndefined();
    expect(audit.events).toEqual([]);
  });

  it('someone the tenant no longer lets invite is refused at Send, audited, and the draft is kept', async () => {
    await draft('a@fabrikam.com');
    allowInvitesFrom = 'adminsAndGuestInviters';
    expect(await requestSending(deps, KEY, FOX, CARD)).toMatchObject({ kind: 'refused', check: { refusal: 'admins-and-guest-inviters-only' } });
    expect((await stored())?.state).toBe('Draft');
    expect(audit.events).toEqual([expect.objectContaining({ action: 'refuse', outcome: 'admins-and-guest-inviters-only', actor: FOX, addresses: ['a@fabrikam.com'] })]);
  });

  it('only the starter can send their draft', async () => {
    await draft('a@fabrikam.com');
    expect(await requestSending(deps, KEY, DANA, CARD)).toMatchObject({ kind: 'not-yours' });
  });
});

describe('decideApproval', () => {
  beforeEach(async () => {
    await draft('a@fabrikam.com, b@fabrikam.com, c@fabrikam.com');
    await requestSending(deps, KEY, FOX, CARD);
    audit.events.length = 0;
  });

  it('an administrator approves: the batch is queued, the requester’s card is told, and it is audited with the comment', async () => {
    const outcome = await decideApproval(deps, KEY, DANA, 'approved', '  Partners for the Q3 audit ');
    expect(outcome).toMatchObject({ kind: 'decided', batch: { state: 'Sending', round: 1, statusCard: CARD } });
    expect((await stored())?.approval?.decision).toMatchObject({ outcome: 'approved', by: DANA, comment: 'Partners for the Q3 audit' });
    expect(queue.take().flatMap((work) => work.addresses)).toEqual(['a@fabrikam.com', 'b@fabrikam.com', 'c@fabrikam.com']);
    expect(desk.decisions.map((batch) => batch.state)).toEqual(['Sending']);
    expect(audit.events).toEqual([expect.objectContaining({ action: 'approve', outcome: 'done', actor: DANA, detail: 'Partners for the Q3 audit' })]);
    expect(await tally.sentToday('fox', clock.now())).toBe(3);
  });

  it('an administrator rejects: nothing is queued, the requester learns it', async () => {
    expect(await decideApproval(deps, KEY, WALTER, 'rejected', 'Use the partner portal')).toMatchObject({ kind: 'decided', batch: { state: 'Rejected' } });
    expect(queue.take()).toEqual([]);
    expect(audit.events).toEqual([expect.objectContaining({ action: 'reject', outcome: 'done' })]);
  });

  it('a forged decision from a non-administrator is refused, changes nothing, and is audited', async () => {
    expect(await decideApproval(deps, KEY, FOX, 'approved', '')).toMatchObject({ kind: 'not-allowed', reason: { id: 'outcomes:approval.not-an-administrator' } });
    expect(await decideApproval(deps, KEY, { name: 'No identity' }, 'approved', '')).toMatchObject({ kind: 'not-allowed' });
    expect((await stored())?.state).toBe('AwaitingApproval');
    expect(queue.take()).toEqual([]);
    expect(audit.events.map((event) => [event.action, event.outcome, event.actor.name])).toEqual([
      ['approve', 'not-allowed', 'Fox Mulder'],
      ['approve', 'not-allowed', 'No identity'],
    ]);
  });

  it('the requester withdraws: nothing is sent, the approval card is told, a later approval changes nothing', async () => {
    expect(await withdrawRequest(deps, KEY, DANA)).toMatchObject({ kind: 'not-yours' });
    expect(await withdrawRequest(deps, KEY, FOX)).toMatchObject({ kind: 'done', batch: { state: 'Cancelled' } });
    expect(desk.decisions.map((batch) => batch.state)).toEqual(['Cancelled']);
    expect(await decideApproval(deps, KEY, DANA, 'approved', '')).toMatchObject({ kind: 'already-decided', batch: { state: 'Cancelled' } });
    expect(queue.take()).toEqual([]);
    expect(audit.events.map((event) => [event.action, event.outcome])).toEqual([['withdraw', 'done']]);
  });

  it('only the first decision counts', async () => {
    await decideApproval(deps, KEY, DANA, 'approved', '');
    expect(await decideApproval(deps, KEY, WALTER, 'rejected', '')).toMatchObject({ kind: 'already-decided', batch: { state: 'Sending' } });
    expect(queue.take()).toHaveLength(1);
  });
});
