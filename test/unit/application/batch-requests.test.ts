/** The batch actions as the bot calls them: bound to the tenant, refusals told to administrators, the worker woken. */
import type { Message } from '../../../src/domain/message.js';
import { beforeEach, describe, expect, it } from 'vitest';
import { batchRequests, type BatchRequests } from '../../../src/application/batch-requests.js';
import type { Inviter } from '../../../src/domain/invitations/invitation.js';
import type { AllowInvitesFrom } from '../../../src/domain/policy/who-may-invite.js';
import type { TenantConfigurationGateway } from '../../../src/domain/ports/tenant-configuration.js';
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
} from '../../support/in-memory-ports.js';

const FOX = { aadObjectId: 'fox', name: 'Fox Mulder' };
const OPTIONS = { personalMessage: '', redirectUrl: 'https://myapps.microsoft.com/?tenantid=t', messageLanguage: 'en-US' };

let allowInvitesFrom: AllowInvitesFrom;
let batches: MemoryBatchStore;
let queue: MemoryQueue;
let refusals: [string | undefined, Message, number][];
let wakes: number;
let service: BatchRequests;

const tenant = (): TenantConfigurationGateway => ({
  snapshot: async () => ({ allowInvitesFrom, unreadable: [], readAt: '2026-12-01T00:00:00Z' }),
  domainFacts: async () => ({ kind: 'no-tenant' }),
  refresh: () => undefined,
});

beforeEach(() => {
  allowInvitesFrom = 'everyone';
  batches = new MemoryBatchStore();
  queue = new MemoryQueue();
  refusals = [];
  wakes = 0;
  service = batchRequests({
    people: new MemoryPeople().add({ id: 'fox', userType: 'Member', roleTemplateIds: [], groupIds: [] }),
    tenant: tenant(),
    groups: { inviterGroupIds: [], adminGroupIds: [] },
    audit: new MemoryAuditLog(),
    clock: new FakeClock(),
    tenantId: 't',
    directory: new ScriptedDirectory(['contoso.com']),
    store: new MemoryInvitationStore(),
    batches,
    outcomes: new MemoryOutcomeStore(),
    queue,
    tally: new MemoryTally(),
    desk: new RecordingDesk(),
    domainRules: { allowed: [], blocked: [] },
    approvalRules: { batchSizeAbove: 0, dailyPerRequesterAbove: 0, outsideAllowedDomains: 'refuse' },
    newId: () => 'batch-1',
    refused: async (actor: Inviter, why, addresses) => {
      refusals.push([actor.name, why, addresses]);
    },
    workQueued: () => wakes++,
  });
});

async function draft(addresses: string): Promise<void> {
  const outcome = await service.startReview({ addresses, options: OPTIONS, typed: { addresses, ...OPTIONS }, starter: FOX, conversationId: 'chat', conversationType: 'personal' });
  expect(outcome).toMatchObject({ kind: 'review', batch: { batchId: 'batch-1', tenantId: 't' } });
}

describe('batch requests', () => {
  it('a review is stored under the tenant with a new id, and read back by that id', async () => {
    await draft('a@fabrikam.com, b@fabrikam.com');
    expect((await service.getBatch('batch-1'))?.entries.map((entry) => entry.address)).toEqual(['a@fabrikam.com', 'b@fabrikam.com']);
    expect(await service.getBatch('other')).toBeUndefined();
  });

  it('Send puts the addresses on the queue and wakes the worker', async () => {
    await draft('a@fabrikam.com, b@fabrikam.com');
    expect(await service.send('batch-1', FOX, undefined)).toMatchObject({ kind: 'done', batch: { state: 'Sending' } });
    expect(queue.take().flatMap((work) => work.addresses)).toEqual(['a@fabrikam.com', 'b@fabrikam.com']);
    expect(wakes).toBe(1);
    expect(refusals).toEqual([]);
  });

  it('a Send refused by the tenant’s rule tells the administrators who and how many addresses, and queues nothing', async () => {
    await draft('a@fabrikam.com, b@fabrikam.com');
    allowInvitesFrom = 'adminsAndGuestInviters';
    expect(await service.send('batch-1', FOX, undefined)).toMatchObject({ kind: 'refused' });
    expect(refusals).toEqual([['Fox Mulder', expect.objectContaining({ id: expect.stringMatching(/^policy:/) }), 2]]);
    expect(queue.take()).toEqual([]);
  });

  it('a refused inviter check is told to the administrators with no addresses', async () => {
    allowInvitesFrom = 'none';
    expect(await service.checkInviter(FOX)).toMatchObject({ ok: false });
    expect(refusals).toEqual([['Fox Mulder', expect.objectContaining({ id: expect.stringMatching(/^policy:/) }), 0]]);
  });

  it('the worker is woken even when the action fails', async () => {
    expect(await service.sendAgain('missing', 'fox', undefined)).toEqual({ kind: 'not-found' });
    expect(wakes).toBe(1);
  });
});
