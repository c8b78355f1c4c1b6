/** Administration in chat and the record of the policy in force. */
import { beforeEach, describe, expect, it } from 'vitest';
import { administrationService, policyInForce, type PolicySettings } from '../../../src/application/administration.js';
import type { AllowInvitesFrom } from '../../../src/domain/policy/who-may-invite.js';
import { DIRECTORY_ROLE_TEMPLATES as ROLES } from '../../../src/domain/policy/who-may-invite.js';
import type { PolicyStore } from '../../../src/domain/ports/policy-store.js';
import type { TenantConfigurationGateway } from '../../../src/domain/ports/tenant-configuration.js';
import { FakeClock, MemoryAuditLog, MemoryChannelStore, MemoryPeople, MemoryPolicyStore } from '../../support/in-memory-ports.js';

const SETTINGS: PolicySettings = {
  groups: { inviterGroupIds: ['inviters'], adminGroupIds: [] },
  domainRules: { allowed: ['fabrikam.com'], blocked: [] },
  approvals: { batchSizeAbove: 50, dailyPerRequesterAbove: 0, outsideAllowedDomains: 'approve' },
  digest: true,
};
const WALTER = { aadObjectId: 'walter', name: 'Walter Skinner' };
const FOX = { aadObjectId: 'fox', name: 'Fox Mulder' };

let allowInvitesFrom: AllowInvitesFrom;
let refreshes: number;
let audit: MemoryAuditLog;
let logged: string[];

const tenant = (): TenantConfigurationGateway => ({
  snapshot: async () => ({ allowInvitesFrom, unreadable: [], readAt: '2026-12-01T00:00:00Z' }),
  domainFacts: async () => ({ kind: 'no-tenant' }),
  refresh: () => {
    refreshes++;
  },
});

const serviceWith = (policies: PolicyStore) =>
  administrationService({
    people: new MemoryPeople()
      .add({ id: 'walter', userType: 'Member', roleTemplateIds: [ROLES.globalAdministrator], groupIds: [] })
      .add({ id: 'fox', userType: 'Member', roleTemplateIds: [], groupIds: [] }),
    groups: SETTINGS.groups,
    channels: new MemoryChannelStore(),
    audit,
    clock: new FakeClock(),
    tenantId: 't',
    tenant: tenant(),
    policies,
    settings: SETTINGS,
    log: { info: (_details, message) => logged.push(`info: ${message}`), warn: (_details, message) => logged.push(`warn: ${message}`) },
  });

beforeEach(() => {
  allowInvitesFrom = 'everyone';
  refreshes = 0;
  audit = new MemoryAuditLog();
  logged = [];
});

describe('administration service', () => {
  it('names the policy in force setting by setting, as configured', () => {
    expect(policyInForce({ allowInvitesFrom: 'everyone', unreadable: [], readAt: '' }, SETTINGS)).toEqual({
      allowInvitesFrom: 'everyone',
      INVITER_GROUP_IDS: 'inviters',
      ADMIN_GROUP_IDS: '',
      INVITE_ALLOWED_DOMAINS: 'fabrikam.com',
      INVITE_BLOCKED_DOMAINS: '',
      APPROVAL_BATCH_SIZE: '50',
      APPROVAL_DAILY_PER_INVITER: '0',
      APPROVAL_OUTSIDE_ALLOWED_DOMAINS: 'true',
      NOTIFY_DIGEST: 'daily',
    });
    expect(policyInForce({ unreadable: [{ part: 'authorizationPolicy', permission: 'Policy.Read.All' }], readAt: '' }, { ...SETTINGS, digest: false })).toMatchObject({ allowInvitesFrom: 'unreadable', NOTIFY_DIGEST: 'off' });
  });

  it('records the baseline once, then only what changed when an administrator has the tenant read again', async () => {
    const service = serviceWith(new MemoryPolicyStore());
    await service.recordPolicy({ name: 'Guest Invites (its configuration at start)' });
    await service.recordPolicy({ name: 'Guest Invites (its configuration at start)' });
    allowInvitesFrom = 'adminsAndGuestInviters';
    expect(await service.refreshSignInSettings(WALTER)).toMatchObject({ allowInvitesFrom: 'adminsAndGuestInviters' });
    expect(refreshes).toBe(1);
    expect(audit.events.map((event) => [event.action, event.outcome, event.actor.name])).toEqual([
      ['policy-change', 'recorded', 'Guest Invites (its configuration at start)'],
      ['policy-change', 'changed', 'Walter Skinner'],
    ]);
    expect(logged).toEqual(['info: policy in force recorded in the audit trail', 'info: policy change recorded in the audit trail']);
  });

  it('a policy that cannot be recorded is logged, not thrown: starting up and refreshing go on', async () => {
    const broken: PolicyStore = {
      get: async () => {
        throw new Error('storage down');
      },
      put: async () => undefined,
    };
    await expect(serviceWith(broken).recordPolicy(WALTER)).resolves.toBeUndefined();
    expect(logged).toEqual(['warn: could not record the policy in force; the next start or refresh tries again']);
  });

  it('channel, audit trail and its export are for administrators only', async () => {
    const service = serviceWith(new MemoryPolicyStore());
    expect(await service.isAdministrator(WALTER)).toBe(true);
    expect(await service.isAdministrator(FOX)).toBe(false);
    expect(await service.chooseChannel(FOX, { conversation: { conversation: { id: 'c' } }, name: 'General' })).toEqual({ kind: 'not-allowed' });
    expect(await service.chooseChannel(WALTER, { conversation: { conversation: { id: 'c' } }, name: 'General' })).toMatchObject({ kind: 'done' });
    expect(await service.auditTrail(FOX, { days: 7 })).toEqual({ kind: 'not-allowed' });
    expect(await service.auditTrail(WALTER, { days: 7 })).toMatchObject({ kind: 'done', value: [{ actor: WALTER, outcome: 'done' }, { actor: FOX, outcome: 'not-allowed' }] });
    expect(await service.exportTrail(FOX, { days: 7 })).toEqual({ kind: 'not-allowed' });
    expect(await service.exportTrail(WALTER, { days: 7 })).toMatchObject({ kind: 'done' });
    expect(audit.events.at(-1)).toMatchObject({ action: 'audit-export', actor: WALTER });
  });
});
