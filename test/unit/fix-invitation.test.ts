import { mailText } from '../../src/graph/mail-text.js';
import { beforeEach, describe, expect, it } from 'vitest';
import { ServiceError } from '../../src/domain/errors.js';
import type { AuditEvent } from '../../src/domain/ports/audit-log.js';
import type { InvitationState } from '../../src/domain/invitations/invitation.js';
import { fixInvitation, offeredFixes, type FixAction, type FixDependencies } from '../../src/domain/use-cases/fix-invitation.js';
import { FakeClock, MemoryInvitationStore, ScriptedDirectory } from '../support/in-memory-ports.js';

const DANA = { aadObjectId: 'dana', name: 'Dana Scully' };
const MALLORY = { aadObjectId: 'mallory', name: 'Mallory' };

let directory: ScriptedDirectory;
let store: MemoryInvitationStore;
let audit: AuditEvent[];
let deps: FixDependencies;

beforeEach(async () => {
  directory = new ScriptedDirectory(['contoso.com']);
  store = new MemoryInvitationStore();
  audit = [];
  deps = { directory, store, clock: new FakeClock(), audit: { append: async (_t, event) => void audit.push(event), query: async () => audit }, delivery: { mode: 'microsoft' }, defaultRedirectUrl: 'https://myapps.microsoft.com/?tenantid=t' };
  await store.create({
    tenantId: 't', email: 'jane@fabrikam.com', state: 'PendingAcceptance', inviter: DANA, invitedUserId: 'guest-1', inviteRedeemUrl: 'https://login.example/first',
    redirectUrl: 'https://teams.microsoft.com/?tenantId=t', attempts: 1, createdAt: '2026-12-01T00:00:00Z', updatedAt: '2026-12-01T00:00:00Z',
  });
  directory.users.set('jane@fabrikam.com', { id: 'guest-1', userType: 'Guest', externalUserState: 'PendingAcceptance' });
});

describe('fixInvitation', () => {
  it('the inviter resends: Graph is asked again for the same guest with the same landing page, the new link is kept, and it is audited', async () => {
    const outcome = await fixInvitation(deps, 't', 'jane@fabrikam.com', 'resend', DANA);
    expect(outcome).toMatchObject({ kind: 'done', link: 'https://login.example/redeem' });
    expect(directory.invitations).toEqual([expect.objectContaining({ email: 'jane@fabrikam.com', redirectUrl: 'https://teams.microsoft.com/?tenantId=t', sendInvitationMessage: true })]);
    expect(store.all()[0]?.inviteRedeemUrl).toBe('https://login.example/redeem');
    expect(audit).toEqual([expect.objectContaining({ actor: DANA, action: 'resend', subject: 'jane@fabrikam.com', outcome: 'done' })]);
  });

  it('someone else is refused, and the refusal is audited', async () => {
    expect(await fixInvitation(deps, 't', 'jane@fabrikam.com', 'reset-redemption', MALLORY)).toMatchObject({ kind: 'not-allowed', reason: { id: 'outcomes:fix.only-parties' } });
    expect(directory.invitations).toHaveLength(0);
    expect(directory.resets).toHaveLength(0);
    expect(audit).toEqual([expect.objectContaining({ actor: MALLORY, outcome: 'not-allowed' })]);
  });

  it('the guest may act on their own invitation (their Teams identity is the guest object)', async () => {
    expect(await fixInvitation(deps, 't', 'jane@fabrikam.com', 'copy-link', { aadObjectId: 'guest-1' })).toMatchObject({ kind: 'done', link: 'https://login.example/first' });
  });

  it('reset only after the guest accepted; resend only before', async () => {
    expect(await fixInvitation(deps, 't', 'jane@fabrikam.com', 'reset-redemption', DANA)).toMatchObject({ kind: 'not-applicable', reason: { id: 'outcomes:fix.not-accepted-no-reset' } });
    directory.users.set('jane@fabrikam.com', { id: 'guest-1', userType: 'Guest', externalUserState: 'Accepted' });
    expect(await fixInvitation(deps, 't', 'jane@fabrikam.com', 'resend', DANA)).toMatchObject({ kind: 'not-applicable', reason: { id: 'outcomes:fix.already-accepted-no-resend' } });
    expect(await fixInvitation(deps, 't', 'jane@fabrikam.com', 'reset-redemption', DANA)).toMatchObject({ kind: 'done', link: 'https://login.example/redeem-again' });
    expect(directory.resets).toEqual(['guest-1']);
    expect(store.all()[0]).toMatchObject({ state: 'PendingAcceptance', inviteRedeemUrl: 'https://login.example/redeem-again' });
  });

  it('Graph refusing a reset (a missing permission) is reported with its reason', async () => {
    directory.users.set('jane@fabrikam.com', { id: 'guest-1', userType: 'Guest', externalUserState: 'Accepted' });
    directory.resetRedemption = async () => {
      throw new ServiceError('graph.permission-denied', 'HTTP 403', 'Insufficient privileges to complete the operation.');
    };
    expect(await fixInvitation(deps, 't', 'jane@fabrikam.com', 'reset-redemption', DANA)).toMatchObject({ kind: 'failed', error: { code: 'graph.permission-denied' } });
    expect(audit.at(-1)).toMatchObject({ outcome: 'failed', detail: 'graph.permission-denied' });
  });

  it('an unknown address: nothing to act on', async () => {
    expect(await fixInvitation(deps, 't', 'nobody@fabrikam.com', 'resend', DANA)).toEqual({ kind: 'not-found' });
  });

  it('mailbox delivery: the resend is mailed from the bot’s mailbox with the new link; Graph sends nothing', async () => {
    const mails: string[] = [];
    deps = { ...deps, delivery: { mode: 'mailbox', mailer: { send: async (mail) => void mails.push(mailText(mail).text) } } };
    await fixInvitation(deps, 't', 'jane@fabrikam.com', 'resend', DANA);
    expect(directory.invitations[0]?.sendInvitationMessage).toBe(false);
    expect(mails[0]).toContain('https://login.example/redeem');
  });
});

describe('offeredFixes: only what applies to the guest’s state', () => {
  const offered = (state: InvitationState, inviteRedeemUrl?: string) => offeredFixes({ state, ...(inviteRedeemUrl ? { inviteRedeemUrl } : {}) });

  it('pending: Resend, the Accept link (when it was kept) and Withdraw; never Reset redemption', () => {
    expect(offered('PendingAcceptance', 'https://login.example/r')).toEqual(['resend', 'copy-link', 'withdraw-invitation']);
    expect(offered('PendingAcceptance')).toEqual(['resend', 'withdraw-invitation']);
  });

  it('accepted: Reset redemption only', () => {
    expect(offered('Accepted', 'https://login.example/r')).toEqual(['reset-redemption']);
  });

  it('nothing for an invitation being sent, failed, removed or withdrawn', () => {
    for (const state of ['Sending', 'Failed', 'Removed', 'Withdrawn'] as const) expect(offered(state, 'https://login.example/r')).toEqual([]);
  });

  it('in no state are Reset redemption and the fixes for a pending guest offered together', () => {
    const states: InvitationState[] = ['Sending', 'PendingAcceptance', 'Accepted', 'Failed', 'Removed', 'Withdrawn'];
    for (const state of states) {
      for (const link of [undefined, 'https://login.example/r']) {
        const fixes: FixAction[] = offered(state, link);
        expect(fixes.includes('reset-redemption')).toBe(state === 'Accepted');
        if (fixes.includes('reset-redemption')) expect(fixes).toEqual(['reset-redemption']);
      }
    }
  });
});

describe('withdrawing a pending invitation', () => {
  it('the inviter withdraws: the guest user is deleted, the record says Withdrawn (link dropped), and it is audited', async () => {
    const outcome = await fixInvitation(deps, 't', 'jane@fabrikam.com', 'withdraw-invitation', DANA);
    expect(outcome).toMatchObject({ kind: 'done', action: 'withdraw-invitation' });
    expect(directory.deletions).toEqual(['guest-1']);
    const record = store.all()[0];
    expect(record).toMatchObject({ state: 'Withdrawn', withdrawn: { by: DANA } });
    expect(record?.inviteRedeemUrl).toBeUndefined();
    expect(audit).toEqual([expect.objectContaining({ actor: DANA, action: 'withdraw-invitation', subject: 'jane@fabrikam.com', outcome: 'done' })]);
  });

  it('a guest who accepted meanwhile is never deleted, even if the record still says pending', async () => {
    directory.users.set('jane@fabrikam.com', { id: 'guest-1', userType: 'Guest', externalUserState: 'Accepted' });
    expect(await fixInvitation(deps, 't', 'jane@fabrikam.com', 'withdraw-invitation', DANA)).toMatchObject({ kind: 'not-applicable', reason: { id: 'outcomes:fix.already-accepted-no-withdraw' } });
    expect(directory.deletions).toEqual([]);
    expect(store.all()[0]?.state).toBe('PendingAcceptance');
  });

  it('the guest cannot withdraw their own invitation; someone else neither; an administrator can', async () => {
    expect(await fixInvitation(deps, 't', 'jane@fabrikam.com', 'withdraw-invitation', { aadObjectId: 'guest-1' })).toMatchObject({ kind: 'not-allowed' });
    expect(await fixInvitation(deps, 't', 'jane@fabrikam.com', 'withdraw-invitation', MALLORY)).toMatchObject({ kind: 'not-allowed' });
    expect(directory.deletions).toEqual([]);
    deps = { ...deps, isAdministrator: async (actor) => actor.aadObjectId === 'mallory' };
    expect(await fixInvitation(deps, 't', 'jane@fabrikam.com', 'withdraw-invitation', MALLORY)).toMatchObject({ kind: 'done' });
    expect(directory.deletions).toEqual(['guest-1']);
  });

  it('a missing permission (Graph 403) is reported as a failure and the record is unchanged', async () => {
    directory.deleteUser = async () => {
      throw new ServiceError('graph.permission-denied', 'HTTP 403', 'Insufficient privileges to complete the operation.');
    };
    expect(await fixInvitation(deps, 't', 'jane@fabrikam.com', 'withdraw-invitation', DANA)).toMatchObject({ kind: 'failed', error: { code: 'graph.permission-denied' } });
    expect(store.all()[0]?.state).toBe('PendingAcceptance');
  });

  it('a guest no longer in the directory: nothing to withdraw', async () => {
    directory.users.delete('jane@fabrikam.com');
    expect(await fixInvitation(deps, 't', 'jane@fabrikam.com', 'withdraw-invitation', DANA)).toMatchObject({ kind: 'not-applicable' });
    expect(directory.deletions).toEqual([]);
  });
});
