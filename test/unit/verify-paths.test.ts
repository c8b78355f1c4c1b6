import { describe, expect, it } from 'vitest';
import { verifyPaths } from '../../src/domain/use-cases/verify-paths.js';
import type { InvitationRecord } from '../../src/domain/invitations/invitation.js';
import { FakeClock, MemoryInvitationStore, ScriptedDirectory } from '../support/in-memory-ports.js';

function record(email: string, userId: string, predicted: Partial<InvitationRecord>): InvitationRecord {
  return { tenantId: 't', email, state: 'PendingAcceptance', inviter: {}, invitedUserId: userId, attempts: 1, createdAt: '2026-12-01T00:00:00Z', updatedAt: '2026-12-01T00:00:00Z', ...predicted };
}

describe('verifyPaths', () => {
  it('reads how accepted guests signed in, keeps it beside the prediction, and counts agreement per predicted path', async () => {
    const directory = new ScriptedDirectory(['contoso.com']);
    const store = new MemoryInvitationStore();
    await store.create(record('a@litware.org', 'u1', { predictedPath: 'email-otp', predictedOtherwise: 'microsoft-account' }));
    await store.create(record('b@litware.org', 'u2', { predictedPath: 'email-otp', predictedOtherwise: 'microsoft-account' }));
    await store.create(record('c@gmail.com', 'u3', { predictedPath: 'google' }));
    await store.create(record('d@fabrikam.com', 'u4', { predictedPath: 'entra' }));
    await store.create(record('e@old.example', 'u5', {}));
    const accepted = (id: string, issuer: string, email: string) => {
      directory.users.set(email, { id, userType: 'Guest', externalUserState: 'Accepted' });
      directory.identities.set(id, [{ issuer }]);
    };
    accepted('u1', 'mail', 'a@litware.org');
    accepted('u2', 'MicrosoftAccount', 'b@litware.org');
    accepted('u3', 'mail', 'c@gmail.com');
    directory.users.set('d@fabrikam.com', { id: 'u4', userType: 'Guest', externalUserState: 'PendingAcceptance' });

    const report = await verifyPaths({ directory, store, clock: new FakeClock(), tenantId: 't' });
    expect(report.checked).toBe(4);
    expect(report.rows).toEqual([
      { predicted: 'email-otp', invited: 2, accepted: 2, asPredicted: 2 },
      { predicted: 'google', invited: 1, accepted: 1, asPredicted: 0 },
      { predicted: 'entra', invited: 1, accepted: 0, asPredicted: 0 },
    ]);
    expect(store.all().find((r) => r.email === 'b@litware.org')).toMatchObject({ state: 'Accepted', actualPath: 'microsoft-account' });

    // Settled guests are not asked again.
    expect((await verifyPaths({ directory, store, clock: new FakeClock(), tenantId: 't' })).checked).toBe(1);
  });
});
