/**
 * The LIFECYCLE_* settings: every rule off by default, each switched on by its days, bad values refused with
 * a clear message; the doctor's lifecycle permissions, checked only when a rule is on; the admin command in en/de/fr.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/app/config.js';
import { checkPermissions } from '../../src/app/doctor/permissions.js';
import { parseCommand } from '../../src/bot/commands.js';
import { REQUIRED } from '../support/required-settings.js';


/** An unsigned JWT with these roles, as the doctor reads them. */
function tokenWith(roles: string[]): string {
  return `e30.${Buffer.from(JSON.stringify({ roles })).toString('base64url')}.sig`;
}

const BASE_ROLES = ['User.Invite.All', 'User.Read.All', 'Organization.Read.All', 'Policy.Read.All', 'RoleManagement.Read.Directory', 'IdentityProvider.Read.All', 'CrossTenantInformation.ReadBasic.All'];

describe('lifecycle settings', () => {
  it('are all off by default: keep unanswered guests, no dry run, a round at most hourly', () => {
    expect(loadConfig(REQUIRED).lifecycle).toEqual({ answerDays: 14, removalGraceDays: 7, unanswered: 'keep', dryRun: false, roundMinutes: 60 });
  });

  it('switch each rule on by its days', () => {
    const config = loadConfig({
      ...REQUIRED,
      LIFECYCLE_REDEMPTION_DAYS: '30',
      LIFECYCLE_REDEMPTION_GRACE_DAYS: '5',
      LIFECYCLE_REVIEW_DAYS: '90',
      LIFECYCLE_INACTIVE_DAYS: '120',
      LIFECYCLE_UNANSWERED: 'remove',
      LIFECYCLE_DRY_RUN: 'true',
    });
    expect(config.lifecycle).toMatchObject({
      redemption: { afterDays: 30, graceDays: 5 },
      review: { everyDays: 90 },
      inactivity: { afterDays: 120 },
      unanswered: 'remove',
      dryRun: true,
    });
  });

  it('refuse what they cannot mean, naming the setting', () => {
    try {
      loadConfig({ ...REQUIRED, LIFECYCLE_UNANSWERED: 'delete', LIFECYCLE_REVIEW_DAYS: '-1', LIFECYCLE_DRY_RUN: 'yes' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toContain('LIFECYCLE_UNANSWERED');
      expect(problems).toContain('must be keep or remove');
      expect(problems).toContain('LIFECYCLE_REVIEW_DAYS');
      expect(problems).toContain('LIFECYCLE_DRY_RUN');
    }
  });
});

describe('the doctor and the lifecycle permissions', () => {
  const lifecycleLine = (env: Record<string, string>, roles: string[]) => checkPermissions(tokenWith(roles), loadConfig({ ...REQUIRED, ...env })).find((result) => result.name === 'Permissions: lifecycle');

  it('checks nothing while every rule is off', () => {
    expect(lifecycleLine({}, BASE_ROLES)).toBeUndefined();
  });

  it('with a rule on, names each missing permission; AuditLog.Read.All only for the inactivity rule', () => {
    const review = lifecycleLine({ LIFECYCLE_REVIEW_DAYS: '90' }, BASE_ROLES);
    expect(review?.status).toBe('warn');
    expect(review?.message).toContain('User.ReadWrite.All');
    expect(review?.message).toContain('LifecyclePolicies-Guests.Read.All');
    expect(review?.message).not.toContain('AuditLog.Read.All');
    expect(lifecycleLine({ LIFECYCLE_INACTIVE_DAYS: '90' }, BASE_ROLES)?.message).toContain('AuditLog.Read.All');
    expect(lifecycleLine({ LIFECYCLE_INACTIVE_DAYS: '90' }, [...BASE_ROLES, 'User.ReadWrite.All', 'AuditLog.Read.All', 'LifecyclePolicies-Guests.ReadWrite.All'])?.status).toBe('pass');
  });
});

describe('the lifecycle command', () => {
  it.each(['lifecycle', 'Lebenszyklus', 'cycle de vie', 'lifecycle preview'])('%s asks for the preview', (text) => {
    expect(parseCommand(text)).toEqual({ kind: 'lifecycle' });
  });
});
