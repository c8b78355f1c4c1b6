/** The invitations already sent, as the bot asks about them: bound to the tenant, fixes checked and audited. */
import { beforeEach, describe, expect, it } from 'vitest';
import { invitationsService, type InvitationsService } from '../../../src/application/invitations.js';
import type { InvitationRecord } from '../../../src/domain/invitations/invitation.js';
import { FakeClock, MemoryAuditLog, MemoryInvitationStore, ScriptedDirectory } from '../../support/in-memory-ports.js';
import { MemoryGuestLifecycleStore } from '../../support/lifecycle-fakes.js';

const FOX = { aadObjectId: 'fox', name: 'Fox Mulder' };
const DANA = { aadObjectId: 'dana', name: 'Dana Scully' };

let store: MemoryInvitationStore;
let sending: ScriptedDirectory;
let lookups: ScriptedDirectory;
let audit: MemoryAuditLog;
let service: InvitationsService;

function invitation(email: string, tenantId = 't'): InvitationRecord {
  return {
    tenantId,
    email,
    state: 'PendingAcceptance',
    inviter: FOX,
    invitedUserId: `user-${email}`,
    attempts: 1,
    createdAt: '2026-11-20T10:00:00Z',
    updatedAt: '2026-11-20T10:00:00Z',
    sentAt: '2026-11-20T10:00:00Z',
  };
}

beforeEach(async () => {
  store = new MemoryInvitationStore();
  sending = new ScriptedDirectory();
  lookups = new ScriptedDirectory();
  audit = new MemoryAuditLog();
  service = invitationsService({
    directory: sending,
    lookups,
    store,
    care: new MemoryGuestLifecycleStore(),
    audit,
    clock: new FakeClock(),
    tenantId: 't',
    delivery: { mode: 'microsoft' },
    defaultRedirectUrl: 'https://myapps.microsoft.com',
    isAdministrator: async (actor) => actor.aadObjectId === 'dana',
  });
  await store.create(invitation('a@fabrikam.com'));
  await store.create(invitation('b@fabrikam.com', 'other-tenant'));
});

describe('invitations service', () => {
  it('reads one invitation of this tenant only', async () => {
    expect(await service.invitation('a@fabrikam.com')).toMatchObject({ email: 'a@fabrikam.com' });
    expect(await service.invitation('b@fabrikam.com')).toBeUndefined();
  });

  it('a person’s list asks the unpaced directory about guests not yet seen accepted', async () => {
    lookups.users.set('a@fabrikam.com', { id: 'user-a@fabrikam.com', userType: 'Guest', externalUserState: 'Accepted' });
    const page = await service.myInvitations('fox', 0);
    expect(page.rows.map((row) => [row.email, row.state])).toEqual([['a@fabrikam.com', 'Accepted']]);
  });

  it('a fix goes through the sending directory, with the administrator check bound, and is audited', async () => {
    sending.users.set('a@fabrikam.com', { id: 'user-a@fabrikam.com', userType: 'Guest', externalUserState: 'PendingAcceptance' });
    expect(await service.fix('a@fabrikam.com', 'withdraw-invitation', DANA)).toMatchObject({ kind: 'done', record: { state: 'Withdrawn' } });
    expect(sending.deletions).toEqual(['user-a@fabrikam.com']);
    expect(lookups.deletions).toEqual([]);
    expect(await service.fix('a@fabrikam.com', 'resend', { aadObjectId: 'mallory', name: 'Mallory' })).toMatchObject({ kind: 'not-allowed' });
    expect(audit.events.map((event) => [event.action, event.outcome])).toEqual([
      ['withdraw-invitation', 'done'],
      ['resend', 'not-allowed'],
    ]);
  });
});
