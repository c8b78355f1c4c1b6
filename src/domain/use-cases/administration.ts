/**
 * What administrators do in chat: choose the channel the bot reports to (`notify here`, `notify off`) and
 * read or export the audit trail. Each checks, on the server, that the person is an administrator; the
 * channel changes and exports are themselves audited.
 */
import type { Inviter } from '../invitations/invitation.js';
import { invitationReport, weekStartOf, type InvitationReport } from '../invitations/report.js';
import type { AuditEvent, AuditLog } from '../ports/audit-log.js';
import type { ChannelStore, NotificationChannel } from '../ports/channel-store.js';
import type { Clock } from '../ports/clock.js';
import type { PolicyStore, RecordedPolicy } from '../ports/policy-store.js';
import { StaleWriteError } from '../ports/versioned.js';
import { isAdministrator, type AuthorizeDependencies } from './authorize.js';

export interface AdministrationDependencies extends Pick<AuthorizeDependencies, 'people' | 'groups'> {
  readonly channels: ChannelStore;
  readonly audit: AuditLog;
  readonly clock: Clock;
  readonly tenantId: string;
}

export type AdminOutcome<T> = { readonly kind: 'done'; readonly value: T } | { readonly kind: 'not-allowed' };

export async function chooseNotificationChannel(
  deps: AdministrationDependencies,
  actor: Inviter,
  channel: Pick<NotificationChannel, 'conversation' | 'name' | 'teamId'> | undefined,
): Promise<AdminOutcome<NotificationChannel | undefined>> {
  const allowed = await isAdministrator(deps, actor);
  const at = deps.clock.now().toISOString();
  const subject = channel ? `channel ${channel.name ?? 'unnamed'}` : 'notification channel';
  const action = channel ? 'notify-here' : 'notify-off';
  if (!allowed) {
    await deps.audit.append(deps.tenantId, { at, actor, action, subject, outcome: 'not-allowed' });
    return { kind: 'not-allowed' };
  }
  const chosen = channel ? { ...channel, chosenBy: actor, chosenAt: at } : undefined;
  await deps.channels.put(deps.tenantId, chosen);
  await deps.audit.append(deps.tenantId, { at, actor, action, subject, outcome: 'done' });
  return { kind: 'done', value: chosen };
}

export interface AuditRequest {
  readonly days: number;
  readonly address?: string;
  readonly limit?: number;
}

export const MAX_AUDIT_DAYS = 365;

/** The export's file name, dated (UTC) the day it is made: the same for the link and the file in a personal chat. */
export function auditExportFileName(now: Date): string {
  return `guest-invites-audit-${now.toISOString().slice(0, 10)}.csv`;
}

/** The audit trail for administrators, newest first. Reading it in chat is not audited; exporting it is. */
export async function readAuditTrail(deps: AdministrationDependencies, actor: Inviter, request: AuditRequest): Promise<AdminOutcome<AuditEvent[]>> {
  if (!(await isAdministrator(deps, actor))) return { kind: 'not-allowed' };
  return { kind: 'done', value: await deps.audit.query(deps.tenantId, auditQuery(deps.clock.now(), request)) };
}

/** For the CSV export, whose link an administrator was given; the export is recorded after what it lists. */
export async function exportAuditTrail(deps: AdministrationDependencies, actor: Inviter, request: AuditRequest): Promise<AdminOutcome<AuditEvent[]>> {
  const now = deps.clock.now();
  const allowed = await isAdministrator(deps, actor);
  const { limit: _all, ...unlimited } = request;
  const events = allowed ? await deps.audit.query(deps.tenantId, auditQuery(now, unlimited)) : [];
  await deps.audit.append(deps.tenantId, {
    at: now.toISOString(),
    actor,
    action: 'audit-export',
    subject: request.address ?? 'all guests',
    outcome: allowed ? 'done' : 'not-allowed',
    detail: `last ${request.days} days, ${events.length} events`,
  });
  return allowed ? { kind: 'done', value: events } : { kind: 'not-allowed' };
}

/** Weeks a report may cover: a quarter by default, a year at most (the audit trail's reach in chat). */
export const REPORT_WEEKS = { default: 12, max: 52 } as const;

/**
 * The administrators' report over the last `weeks` weeks (this one included), drawn from the audit trail: an
 * invitation sent in the period counts as accepted once its acceptance is recorded, whenever that was.
 */
export async function readReport(deps: AdministrationDependencies, actor: Inviter, weeks: number): Promise<AdminOutcome<InvitationReport>> {
  if (!(await isAdministrator(deps, actor))) return { kind: 'not-allowed' };
  const now = deps.clock.now();
  const span = Math.min(Math.max(1, Math.floor(weeks)), REPORT_WEEKS.max);
  const since = new Date(weekStartOf(now).getTime() - (span - 1) * 7 * 24 * 60 * 60 * 1000);
  const events = await deps.audit.query(deps.tenantId, { since });
  return { kind: 'done', value: invitationReport(events, now, span) };
}

function auditQuery(now: Date, request: AuditRequest) {
  const days = Math.min(Math.max(1, Math.floor(request.days)), MAX_AUDIT_DAYS);
  return {
    since: new Date(now.getTime() - days * 24 * 60 * 60 * 1000),
    ...(request.address ? { address: request.address.toLowerCase() } : {}),
    ...(request.limit ? { limit: request.limit } : {}),
  };
}

export interface PolicyRecordDependencies {
  readonly policies: PolicyStore;
  readonly audit: AuditLog;
  readonly clock: Clock;
  readonly tenantId: string;
}

/** What recording the policy in force did: nothing to compare with (the first record), changes, or nothing. */
export type PolicyRecord =
  | { readonly kind: 'baseline'; readonly settings: readonly string[] }
  | { readonly kind: 'changed'; readonly changes: readonly string[] }
  | { readonly kind: 'unchanged' };

/**
 * Compares the policy in force (the tenant's setting as last read, the bot's configuration) with the one
 * last recorded, and audits what changed: at start-up (a new configuration) and when an administrator
 * has the tenant's settings read again. Each change reads "setting: before → after". The first record has
 * nothing to compare with: it is audited once as the baseline, each setting that holds something as
 * "setting: value".
 */
export async function notePolicyChange(deps: PolicyRecordDependencies, actor: Inviter, current: RecordedPolicy): Promise<PolicyRecord> {
  const stored = await deps.policies.get(deps.tenantId);
  // An empty setting and one never recorded read the same: none.
  const shown = (value: string | undefined) => (value === undefined || value === '' ? '(none)' : value);
  let record: PolicyRecord;
  if (stored === undefined) {
    record = { kind: 'baseline', settings: Object.keys(current).sort().filter((setting) => current[setting]).map((setting) => `${setting}: ${current[setting]}`) };
  } else {
    const previous = stored.value;
    const changes = [...new Set([...Object.keys(previous), ...Object.keys(current)])]
      .sort()
      .filter((setting) => shown(previous[setting]) !== shown(current[setting]))
      .map((setting) => `${setting}: ${shown(previous[setting])} → ${shown(current[setting])}`);
    if (changes.length === 0) return { kind: 'unchanged' };
    record = { kind: 'changed', changes };
  }
  try {
    await deps.policies.put(deps.tenantId, current, stored?.etag);
  } catch (error) {
    // Another instance recorded the same policy a moment ago.
    if (error instanceof StaleWriteError) return { kind: 'unchanged' };
    throw error;
  }
  const [outcome, detail] = record.kind === 'baseline' ? ['recorded', record.settings] : ['changed', record.changes];
  await deps.audit.append(deps.tenantId, { at: deps.clock.now().toISOString(), actor, action: 'policy-change', subject: 'policy', outcome, detail: detail.join('; ') });
  return record;
}
