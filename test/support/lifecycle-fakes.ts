/** In-memory stand-ins for the lifecycle ports (guest care rows, the directory's block/sign-in/policies, notices). */
import type { Inviter } from '../../src/domain/invitations/invitation.js';
import type { GuestLifecycle, LifecycleCheckpoint, SignIns } from '../../src/domain/lifecycle/lifecycle-rules.js';
import type { GuestLifecycleStore } from '../../src/domain/ports/guest-lifecycle-store.js';
import type { EntraPolicies, LifecycleDirectory } from '../../src/domain/ports/lifecycle-directory.js';
import type { LifecycleAnnouncement, LifecycleNotices, SponsorQuestion } from '../../src/domain/ports/lifecycle-notices.js';
import { StaleWriteError, type Versioned, type VersionedRecord } from '../../src/domain/ports/versioned.js';

export class MemoryGuestLifecycleStore implements GuestLifecycleStore {
  private readonly rows = new Map<string, Versioned<GuestLifecycle>>();
  private round?: Versioned<LifecycleCheckpoint>;
  private version = 0;

  async get(tenantId: string, email: string) {
    return this.rows.get(`${tenantId}/${email}`);
  }
  async create(care: GuestLifecycle) {
    const key = `${care.tenantId}/${care.email}`;
    if (this.rows.has(key)) throw new StaleWriteError('exists');
    return this.put(key, care);
  }
  async replace(care: GuestLifecycle, etag: string) {
    const key = `${care.tenantId}/${care.email}`;
    if (this.rows.get(key)?.etag !== etag) throw new StaleWriteError('stale');
    return this.put(key, care);
  }
  async list(tenantId: string) {
    return [...this.rows.entries()].filter(([key]) => key.startsWith(`${tenantId}/`)).map(([, row]) => row);
  }
  checkpoint(): VersionedRecord<LifecycleCheckpoint> {
    return {
      read: async () => this.round,
      create: async (value) => {
        if (this.round) throw new StaleWriteError('exists');
        return (this.round = { value, etag: `c${++this.version}` });
      },
      replace: async (value, etag) => {
        if (this.round?.etag !== etag) throw new StaleWriteError('stale');
        return (this.round = { value, etag: `c${++this.version}` });
      },
    };
  }
  private put(key: string, care: GuestLifecycle) {
    const row = { value: care, etag: `v${++this.version}` };
    this.rows.set(key, row);
    return row;
  }
}

/** Blocks and sign-ins by user id; `licensed` false answers as a tenant without Entra ID P1. */
export class FakeLifecycleDirectory implements LifecycleDirectory {
  readonly blocked: string[] = [];
  readonly lastSignIn = new Map<string, string | null>();
  licensed = true;
  policies: EntraPolicies = { kind: 'none', because: 'no-policies' };
  signInQueries = 0;

  async blockSignIn(userId: string) {
    this.blocked.push(userId);
  }
  async lastSignIns(userIds: readonly string[]): Promise<SignIns> {
    this.signInQueries++;
    if (!this.licensed) return { kind: 'unlicensed' };
    return { kind: 'known', lastSignInAt: new Map(userIds.map((id) => [id, this.lastSignIn.get(id) ?? null])) };
  }
  async entraPolicies() {
    return this.policies;
  }
}

export class RecordingNotices implements LifecycleNotices {
  readonly asked: { sponsor: Inviter; questions: readonly SponsorQuestion[]; batchIds: readonly string[] }[] = [];
  readonly announced: LifecycleAnnouncement[] = [];
  reachable = true;
  async askSponsor(sponsor: Inviter, questions: readonly SponsorQuestion[], batchIds: readonly string[]) {
    this.asked.push({ sponsor, questions, batchIds });
    return this.reachable;
  }
  async announce(announcement: LifecycleAnnouncement) {
    this.announced.push(announcement);
  }
}
