/**
 * The daily digest (NOTIFY_DIGEST=daily): once a day, at the configured hour in the administrators' time
 * zone (ADMIN_TIME_ZONE, daylight saving time included), one post to the
 * notification channel summing up what the audit trail recorded since the last one. Every instance may
 * ask; the ETag on the channel's row lets exactly one post it.
 */
import type { AuditEvent, AuditLog } from '../ports/audit-log.js';
import type { ChannelStore } from '../ports/channel-store.js';
import type { Clock } from '../ports/clock.js';
import { StaleWriteError } from '../ports/versioned.js';

export interface DigestDependencies {
  readonly channels: ChannelStore;
  readonly audit: AuditLog;
  readonly clock: Clock;
  readonly tenantId: string;
  /** The hour of the day the digest is due, in `timeZone`. */
  readonly hour: number;
  /** IANA time zone, e.g. "Europe/Berlin". */
  readonly timeZone: string;
  readonly publish: (events: readonly AuditEvent[], since: Date) => Promise<void>;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The most recent digest time at or before `now`: `hour`:00 on the wall clock of `timeZone`. */
export function latestDigestSlot(now: Date, hour: number, timeZone = 'UTC'): Date {
  const today = wallClock(now, timeZone);
  const slot = zonedTime(today.year, today.month, today.day, hour, timeZone);
  if (slot.getTime() <= now.getTime()) return slot;
  const yesterday = wallClock(new Date(now.getTime() - DAY_MS), timeZone);
  return zonedTime(yesterday.year, yesterday.month, yesterday.day, hour, timeZone);
}

interface WallClock {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
}

function wallClock(at: Date, timeZone: string): WallClock {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { year: part('year'), month: part('month'), day: part('day'), hour: part('hour'), minute: part('minute') };
}

/** The instant the wall clock of `timeZone` shows year-month-day hour:00 (the later one when a clock change skips it). */
function zonedTime(year: number, month: number, day: number, hour: number, timeZone: string): Date {
  const wanted = Date.UTC(year, month - 1, day, hour);
  let guess = wanted;
  // Two corrections settle it: the zone's offset at the guess, then at the corrected guess (a clock change between them).
  for (let i = 0; i < 2; i++) {
    const shown = wallClock(new Date(guess), timeZone);
    guess += wanted - Date.UTC(shown.year, shown.month - 1, shown.day, shown.hour, shown.minute);
  }
  return new Date(guess);
}

export async function postDigestIfDue(deps: DigestDependencies): Promise<boolean> {
  const stored = await deps.channels.get(deps.tenantId);
  if (!stored) return false;
  const now = deps.clock.now();
  const last = Date.parse(stored.value.digestPostedAt ?? stored.value.chosenAt);
  if (last >= latestDigestSlot(now, deps.hour, deps.timeZone).getTime()) return false;
  try {
    await deps.channels.put(deps.tenantId, { ...stored.value, digestPostedAt: now.toISOString() }, stored.etag);
  } catch (error) {
    if (error instanceof StaleWriteError) return false;
    throw error;
  }
  const since = new Date(Math.max(last, now.getTime() - 7 * DAY_MS));
  await deps.publish(await deps.audit.query(deps.tenantId, { since }), since);
  return true;
}
