/**
 * In-memory stand-ins for the domain's ports, for unit tests of pure use cases only. They keep the
 * contracts the real adapters keep (ETag conflicts, create-if-absent), which the integration tests
 * check against Azurite and the simulator.
 */
import type { InvitationRecord } from '../../src/domain/invitations/invitation.js';
import type { DirectoryGateway, DirectoryUser, InvitationRequest, InvitationStore, SentInvitation, Versioned } from '../../src/domain/ports.js';
import { StaleWriteError } from '../../src/domain/ports.js';

export class MemoryInvitationStore implements InvitationStore {
  private readonly rows = new Map<string, Versioned<InvitationRecord>>();
  private version = 0;

  async get(tenantId: string, email: string) {
    return this.rows.get(`${tenantId}/${email}`);
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

  async invite(request: InvitationRequest): Promise<SentInvitation> {
    this.invitations.push(request);
    this.onInvite(request);
    const id = `user-${this.invitations.length}`;
    this.users.set(request.email, { id, userType: 'Guest', externalUserState: 'PendingAcceptance' });
    return { invitationId: `inv-${this.invitations.length}`, invitedUserId: id, inviteRedeemUrl: 'https://login.example/redeem', status: 'PendingAcceptance' };
  }
}
