/**
 * In-memory stand-ins for the domain's ports, for unit tests of pure use cases only. They keep the
 * contracts the real adapters keep (ETag conflicts, create-if-absent), which the integration tests
 * check against Azurite and the simulator.
 */
import { conversationIdOf, type EntryResult, type InviteBatch } from '../../src/domain/invitations/batch.js';
import type { InvitationRecord } from '../../src/domain/invitations/invitation.js';
import type { SendWork } from '../../src/domain/invitations/send-work.js';
import type { PersonInDirectory } from '../../src/domain/policy/who-may-invite.js';
import type { ApprovalDesk } from '../../src/domain/ports/approval-desk.js';
import type { AuditEvent, AuditLog, AuditQuery } from '../../src/domain/ports/audit-log.js';
import type { BatchObserver } from '../../src/domain/ports/batch-observer.js';
import type { BatchOutcomeStore } from '../../src/domain/ports/batch-outcome-store.js';
import type { BatchFilter, BatchStore } from '../../src/domain/ports/batch-store.js';
import type { ChannelStore, NotificationChannel } from '../../src/domain/ports/channel-store.js';
import type { Clock } from '../../src/domain/ports/clock.js';
import type { DirectoryGateway, DirectoryUser, InvitationRequest, SentInvitation } from '../../src/domain/ports/directory-gateway.js';
import type { InvitationStore } from '../../src/domain/ports/invitation-store.js';
import type { PeopleDirectory } from '../../src/domain/ports/people-directory.js';
import type { PolicyStore, RecordedPolicy } from '../../src/domain/ports/policy-store.js';
import type { RequesterTally } from '../../src/domain/ports/requester-tally.js';
import type { TrackerCheckpoint, TrackerStore } from '../../src/domain/ports/tracker-store.js';
import type { Versioned } from '../../src/domain/ports/versioned.js';
import type { WorkQueue } from '../../src/domain/ports/work-queue.js';
import { StaleWriteError } from '../../src/domain/ports/versioned.js';

export class MemoryInvitationStore implements InvitationStore {
  private readonly rows = new Map<string, Versioned<InvitationRecord>>();
  private version = 0;

  async get(tenantId: string, email: string) {
    return this.rows.get(`${tenantId}/${email}`);
  }

  async getMany(tenantId: string, emails: readonly string[]) {
    return new Map(emails.flatMap((email) => {
      const row = this.rows.get(`${tenantId}/${email}`);
      return row ? [[email, row] as const] : [];
    }));
  }

  async create(record: InvitationRecord) {
    const key = `${record.tenantId}/${record.email}`;
    if (this.rows.has(key)) throw new StaleWriteError('exists');
    return this.put(key, record);
  }

  async replace(record: InvitationRecord, etag: string) {
    const key = `${record.tenantId}/${record.email}`;
    if (this.rows.get(key)?.etag !== etag) throw new StaleWriteError('stale');
    return this.put(key, record);
  }

  async list(tenantId: string) {
    return [...this.rows.entries()].filter(([key]) => key.startsWith(`${tenantId}/`)).map(([, row]) => row);
  }

  all(): InvitationRecord[] {
    return [...this.rows.values()].map((row) => row.value);
  }

  private put(key: string, record: InvitationRecord) {
    const versioned = { value: record, etag: `v${++this.version}` };
    this.rows.set(key, versioned);
    return versioned;
  }
}

export class ScriptedDirectory implements DirectoryGateway {
  readonly invitations: InvitationRequest[] = [];
  readonly users = new Map<string, DirectoryUser>();
  /** Called on every invite; may throw to model Graph failures. */
  onInvite: (request: InvitationRequest) => void = () => undefined;

  constructor(private readonly domains: readonly string[] = ['contoso.com']) {}

  async verifiedDomains() {
    return this.domains;
  }

  async findUserByEmail(email: string) {
    return this.users.get(email);
  }

  async findUsersByEmail(emails: readonly string[]) {
    return new Map(emails.flatMap((email) => {
      const user = this.users.get(email);
      return user ? [[email, user] as const] : [];
    }));
  }

  readonly resets: string[] = [];
  readonly identities = new Map<string, { issuer: string }[]>();

  async guestSignIn(userId: string) {
    const user = [...this.users.values()].find((candidate) => candidate.id === userId);
    if (!user) return undefined;
    return { ...(user.externalUserState ? { state: user.externalUserState } : {}), identities: this.identities.get(userId) ?? [] };
  }

  async resetRedemption(request: InvitationRequest & { readonly userId: string }): Promise<SentInvitation> {
    this.resets.push(request.userId);
    this.users.set(request.email, { id: request.userId, userType: 'Guest', externalUserState: 'PendingAcceptance' });
    return { invitationId: `reset-${this.resets.length}`, invitedUserId: request.userId, inviteRedeemUrl: 'https://login.example/redeem-again' };
  }

  readonly deletions: string[] = [];

  async deleteUser(userId: string): Promise<void> {
    this.deletions.push(userId);
    for (const [email, user] of this.users) if (user.id === userId) this.users.delete(email);
  }

  async invite(request: InvitationRequest): Promise<SentInvitation> {
    this.invitations.push(request);
    this.onInvite(request);
    const id = `user-${this.invitations.length}`;
    this.users.set(request.email, { id, userType: 'Guest', externalUserState: 'PendingAcceptance' });
    return { invitationId: `inv-${this.invitations.length}`, invitedUserId: id, inviteRedeemUrl: 'https://login.example/redeem' };
  }
}

export class MemoryBatchStore implements BatchStore {
  private readonly rows = new Map<string, Versioned<InviteBatch>>();
  private version = 0;
  async get(_tenantId: string, batchId: string) {
    return this.rows.get(batchId);
  }
  async create(batch: InviteBatch) {
    if (this.rows.has(batch.batchId)) throw new StaleWriteError('exists');
    return this.put(batch);
  }
  async replace(batch: InviteBatch, etag: string) {
    if (this.rows.get(batch.batchId)?.etag !== etag) throw new StaleWriteError('stale');
    return this.put(batch);
  }
  async list(tenantId: string, filter: BatchFilter) {
    return [...this.rows.values()].filter(
      ({ value }) =>
        value.tenantId === tenantId &&
        ('state' in filter ? value.state === filter.state : value.statusCard !== undefined && conversationIdOf(value.statusCard.conversation) === filter.cardConversationId),
    );
  }
  private put(batch: InviteBatch) {
    const row = { value: batch, etag: `v${++this.version}` };
    this.rows.set(batch.batchId, row);
    return row;
  }
}

export class MemoryOutcomeStore implements BatchOutcomeStore {
  private readonly rows = new Map<string, EntryResult>();
  async record(tenantId: string, batchId: string, result: EntryResult) {
    this.rows.set(`${tenantId}/${batchId}/${result.address}`, result);
  }
  async list(tenantId: string, batchId: string) {
    return [...this.rows.entries()].filter(([key]) => key.startsWith(`${tenantId}/${batchId}/`)).map(([, result]) => result);
  }
}

/** The queue as a list tests drain by hand: what was enqueued, with its delay. */
export class MemoryQueue implements WorkQueue {
  readonly items: { work: SendWork; delaySeconds: number }[] = [];
  async enqueue(work: SendWork, delaySeconds = 0) {
    this.items.push({ work, delaySeconds });
  }
  take(): SendWork[] {
    return this.items.splice(0).map((item) => item.work);
  }
}

/** A clock whose sleep passes time at once. */
export class FakeClock implements Clock {
  slept = 0;
  constructor(private time = new Date('2026-11-25T10:00:00Z').getTime()) {}
  now() {
    return new Date(this.time);
  }
  async sleep(milliseconds: number) {
    this.slept += milliseconds;
    this.time += milliseconds;
  }
  advance(milliseconds: number) {
    this.time += milliseconds;
  }
  set(at: Date) {
    this.time = at.getTime();
  }
}

export class RecordingObserver implements BatchObserver {
  readonly progress: string[] = [];
  readonly states: InviteBatch['state'][] = [];
  recorded(_batch: InviteBatch, result: EntryResult) {
    this.progress.push(result.address);
  }
  async stateChanged(batch: InviteBatch) {
    this.states.push(batch.state);
  }
}

export class MemoryTrackerStore implements TrackerStore {
  private row?: Versioned<TrackerCheckpoint>;
  private version = 0;
  async get() {
    return this.row;
  }
  async create(checkpoint: TrackerCheckpoint) {
    if (this.row) throw new StaleWriteError('exists');
    return (this.row = { value: checkpoint, etag: `t${++this.version}` });
  }
  async replace(checkpoint: TrackerCheckpoint, etag: string) {
    if (this.row?.etag !== etag) throw new StaleWriteError('stale');
    return (this.row = { value: checkpoint, etag: `t${++this.version}` });
  }
}

export class MemoryAuditLog implements AuditLog {
  readonly events: AuditEvent[] = [];
  async append(_tenantId: string, event: AuditEvent) {
    this.events.push(event);
  }
  async query(_tenantId: string, query: AuditQuery) {
    const found = this.events
      .filter((event) => Date.parse(event.at) >= query.since.getTime())
      .filter((event) => !query.address || event.subject === query.address || event.addresses?.includes(query.address))
      .reverse();
    return query.limit === undefined ? found : found.slice(0, query.limit);
  }
}

/** People as the directory would describe them; anyone else is unknown. */
export class MemoryPeople implements PeopleDirectory {
  readonly people = new Map<string, PersonInDirectory>();
  lookups = 0;
  add(person: PersonInDirectory): this {
    this.people.set(person.id, person);
    return this;
  }
  async person(id: string) {
    this.lookups++;
    return this.people.get(id);
  }
}

export class MemoryTally implements RequesterTally {
  readonly counts = new Map<string, number>();
  async sentToday(requester: string, now: Date) {
    return this.counts.get(`${now.toISOString().slice(0, 10)}_${requester}`) ?? 0;
  }
  async add(requester: string, count: number, now: Date) {
    const key = `${now.toISOString().slice(0, 10)}_${requester}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + count);
  }
}

/** One per-tenant setting, with ETags like the settings table. */
class MemorySetting<T> {
  private row?: Versioned<T>;
  private version = 0;
  async get() {
    return this.row;
  }
  async put(_tenantId: string, value: T | undefined, etag?: string) {
    if (etag !== undefined && etag !== this.row?.etag) throw new StaleWriteError('changed');
    this.row = value ? { value, etag: String(++this.version) } : undefined;
  }
}

export class MemoryChannelStore extends MemorySetting<NotificationChannel> implements ChannelStore {}
export class MemoryPolicyStore extends MemorySetting<RecordedPolicy> implements PolicyStore {}

/** An approval desk that records what it was asked; `channel` false = no channel chosen. */
export class RecordingDesk implements ApprovalDesk {
  readonly asked: InviteBatch[] = [];
  readonly decisions: InviteBatch[] = [];
  channel = true;
  async ask(batch: InviteBatch) {
    if (!this.channel) return undefined;
    this.asked.push(batch);
    return { conversation: { id: 'admins' }, activityId: `approval-${this.asked.length}` };
  }
  async decided(batch: InviteBatch) {
    this.decisions.push(batch);
  }
}
