/**
 * What administrators do in chat (the notification channel, the audit trail, reading the tenant's
 * settings again) and the record of the policy in force, which the audit trail shows changing.
 */
import type { Inviter } from '../domain/invitations/invitation.js';
import type { InvitationReport } from '../domain/invitations/report.js';
import type { ApprovalRules } from '../domain/policy/approval-rules.js';
import type { DomainRules } from '../domain/policy/domain-rules.js';
import type { AuditEvent } from '../domain/ports/audit-log.js';
import type { NotificationChannel } from '../domain/ports/channel-store.js';
import type { PolicyStore, RecordedPolicy } from '../domain/ports/policy-store.js';
import type { TenantConfigurationGateway } from '../domain/ports/tenant-configuration.js';
import type { TenantSnapshot } from '../domain/redemption/tenant-snapshot.js';
import { isAdministrator } from '../domain/use-cases/authorize.js';
import {
  chooseNotificationChannel,
  exportAuditTrail,
  notePolicyChange,
  readAuditTrail,
  readReport,
  type AdministrationDependencies,
  type AdminOutcome,
  type AuditRequest,
} from '../domain/use-cases/administration.js';
import type { ServiceLog } from './service-log.js';

/** The bot's own settings that make up its policy, beside the tenant's rule on who may invite. */
export interface PolicySettings {
  readonly groups: AdministrationDependencies['groups'];
  readonly domainRules: Pick<DomainRules, 'allowed' | 'blocked'>;
  readonly approvals: ApprovalRules;
  readonly digest: boolean;
}

export interface AdministrationServiceDependencies extends AdministrationDependencies {
  readonly tenant: TenantConfigurationGateway;
  readonly policies: PolicyStore;
  readonly settings: PolicySettings;
  readonly log: ServiceLog;
}

export interface AdministrationService {
  isAdministrator(actor: Inviter): Promise<boolean>;
  chooseChannel(actor: Inviter, channel: Pick<NotificationChannel, 'conversation' | 'name' | 'teamId'> | undefined): Promise<AdminOutcome<NotificationChannel | undefined>>;
  auditTrail(actor: Inviter, request: AuditRequest): Promise<AdminOutcome<AuditEvent[]>>;
  /** The report over the last weeks, drawn from the audit trail. */
  report(actor: Inviter, weeks: number): Promise<AdminOutcome<InvitationReport>>;
  /** For the CSV export link an administrator was given; the export itself is audited. */
  exportTrail(actor: Inviter, request: AuditRequest): Promise<AdminOutcome<AuditEvent[]>>;
  refreshSignInSettings(actor: Inviter): Promise<TenantSnapshot>;
  /** Audits the policy in force when it differs from the one last recorded; a failure is logged, never thrown. */
  recordPolicy(actor: Inviter): Promise<void>;
}

/** The policy in force, setting by setting, as the audit trail records its changes (named as configured). */
export function policyInForce(snapshot: TenantSnapshot, settings: PolicySettings): RecordedPolicy {
  return {
    allowInvitesFrom: snapshot.allowInvitesFrom ?? 'unreadable',
    INVITER_GROUP_IDS: settings.groups.inviterGroupIds.join(','),
    ADMIN_GROUP_IDS: settings.groups.adminGroupIds.join(','),
    INVITE_ALLOWED_DOMAINS: settings.domainRules.allowed.join(','),
    INVITE_BLOCKED_DOMAINS: settings.domainRules.blocked.join(','),
    APPROVAL_BATCH_SIZE: String(settings.approvals.batchSizeAbove),
    APPROVAL_DAILY_PER_INVITER: String(settings.approvals.dailyPerRequesterAbove),
    APPROVAL_OUTSIDE_ALLOWED_DOMAINS: String(settings.approvals.outsideAllowedDomains === 'approve'),
    NOTIFY_DIGEST: settings.digest ? 'daily' : 'off',
  };
}

export function administrationService(deps: AdministrationServiceDependencies): AdministrationService {
  const recordPolicy = async (actor: Inviter) => {
    try {
      const record = await notePolicyChange(deps, actor, policyInForce(await deps.tenant.snapshot(), deps.settings));
      if (record.kind === 'baseline') deps.log.info({}, 'policy in force recorded in the audit trail');
      if (record.kind === 'changed') deps.log.info({ changes: record.changes }, 'policy change recorded in the audit trail');
    } catch (error) {
      deps.log.warn({ err: error }, 'could not record the policy in force; the next start or refresh tries again');
    }
  };
  return {
    isAdministrator: (actor) => isAdministrator(deps, actor),
    chooseChannel: (actor, channel) => chooseNotificationChannel(deps, actor, channel),
    auditTrail: (actor, request) => readAuditTrail(deps, actor, request),
    report: (actor, weeks) => readReport(deps, actor, weeks),
    exportTrail: (actor, request) => exportAuditTrail(deps, actor, request),
    refreshSignInSettings: async (actor) => {
      deps.tenant.refresh();
      const snapshot = await deps.tenant.snapshot();
      await recordPolicy(actor);
      return snapshot;
    },
    recordPolicy,
  };
}
