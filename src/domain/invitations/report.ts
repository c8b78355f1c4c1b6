/**
 * The administrators' report, computed from the audit trail alone (no second store to drift from it):
 * invitations and acceptances per week, the acceptance rate, how long guests take to accept, the sign-in
 * paths they took, and why invitations did not go out. Pure: events in, numbers out; words are the cards'.
 */
import type { AuditEvent } from '../ports/audit-log.js';

interface WeekCount {
  /** Monday 00:00 UTC of the week, as an ISO date (YYYY-MM-DD). */
  readonly weekStart: string;
  readonly invited: number;
  readonly accepted: number;
}

export interface Tally {
  readonly key: string;
  readonly count: number;
}

export interface InvitationReport {
  readonly since: string;
  readonly until: string;
  readonly weeks: readonly WeekCount[];
  /** Invitations sent in the period (POST /invitations succeeded). */
  readonly invited: number;
  /** Of those, accepted by now. */
  readonly acceptedOfInvited: number;
  /** acceptedOfInvited / invited; undefined when nothing was sent. */
  readonly acceptanceRate: number | undefined;
  /** Acceptances seen in the period, whenever their invitation was sent. */
  readonly accepted: number;
  /** Hours from sending to acceptance, for acceptances whose sending time is known. */
  readonly hoursToAccept: { readonly median: number; readonly p90: number; readonly count: number } | undefined;
  /** The sign-in path guests actually took, most taken first. */
  readonly paths: readonly Tally[];
  /** Why addresses were not invited: a policy refusal, an approval rejected, or Graph's failure code; most frequent first. */
  readonly notInvited: readonly Tally[];
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** Monday 00:00 UTC of the week a moment falls in. */
export function weekStartOf(at: Date): Date {
  const day = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  return new Date(day.getTime() - sinceMonday * DAY_MS);
}

const isoDate = (at: Date) => at.toISOString().slice(0, 10);

function tallied(keys: readonly string[]): Tally[] {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return [...counts].map(([key, count]) => ({ key, count })).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

/** The value below which a share `q` of the sorted values lie (nearest rank). */
function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

const roundedHours = (hours: number) => Math.round(hours * 10) / 10;

/**
 * The report over `weeks` whole weeks up to `now` (the current week included). Events outside the period
 * are ignored, except that an acceptance's invitation may predate it (its sending time travels on the event).
 */
export function invitationReport(events: readonly AuditEvent[], now: Date, weeks: number): InvitationReport {
  const firstWeek = new Date(weekStartOf(now).getTime() - (weeks - 1) * 7 * DAY_MS);
  const inPeriod = events.filter((event) => {
    const at = Date.parse(event.at);
    return at >= firstWeek.getTime() && at <= now.getTime();
  });
  const sent = inPeriod.filter((event) => event.action === 'invite' && event.outcome === 'invited');
  const acceptances = inPeriod.filter((event) => event.action === 'accepted');
  const acceptedSubjects = new Set(events.filter((event) => event.action === 'accepted').map((event) => event.subject));

  const weekCounts = Array.from({ length: weeks }, (_, index) => {
    const start = new Date(firstWeek.getTime() + index * 7 * DAY_MS);
    const end = start.getTime() + 7 * DAY_MS;
    const within = (event: AuditEvent) => Date.parse(event.at) >= start.getTime() && Date.parse(event.at) < end;
    return { weekStart: isoDate(start), invited: sent.filter(within).length, accepted: acceptances.filter(within).length };
  });

  const hours = acceptances
    .map((event) => (event.detail ? (Date.parse(event.at) - Date.parse(event.detail)) / HOUR_MS : Number.NaN))
    .filter((value) => Number.isFinite(value) && value >= 0)
    .sort((a, b) => a - b);
  const acceptedOfInvited = new Set(sent.filter((event) => acceptedSubjects.has(event.subject)).map((event) => event.subject)).size;
  const invited = new Set(sent.map((event) => event.subject)).size;

  const notInvited = inPeriod.flatMap((event) => {
    const count = Math.max(1, event.addresses?.length ?? 1);
    if (event.action === 'refuse') return Array<string>(count).fill(`policy.${event.outcome}`);
    if (event.action === 'reject') return Array<string>(count).fill('approval.rejected');
    if (event.action === 'invite' && event.outcome === 'failed') return [event.detail ?? 'unknown'];
    return [];
  });

  return {
    since: firstWeek.toISOString(),
    until: now.toISOString(),
    weeks: weekCounts,
    invited,
    acceptedOfInvited,
    acceptanceRate: invited > 0 ? acceptedOfInvited / invited : undefined,
    accepted: acceptances.length,
    hoursToAccept: hours.length > 0 ? { median: roundedHours(quantile(hours, 0.5)), p90: roundedHours(quantile(hours, 0.9)), count: hours.length } : undefined,
    paths: tallied(acceptances.map((event) => event.outcome)),
    notInvited: tallied(notInvited),
  };
}
