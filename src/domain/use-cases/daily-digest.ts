/**
 * The daily digest (NOTIFY_DIGEST=daily): once a day, at the configured hour (UTC), one post to the
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
  readonly hourUtc: number;
  readonly publish: (events: readonly AuditEvent[], since: Date) => Promise<void>;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The most recent digest time at or before `now`. */
export function latestDigestSlot(now: Date, hourUtc: number): Date {
  const slot = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), hourUtc));
  return slot.getTime() <= now.getTime() ? slot : new Date(slot.getTime() - DAY_MS);
}

export async function postDigestIfDue(deps: DigestDependencies): Promise<boolean> {
  const stored = await deps.channels.get(deps.tenantId);
  if (!stored) return false;
  const now = deps.clock.now();
  const last = Date.parse(stored.value.digestPostedAt ?? stored.value.chosenAt);
  if (last >= latestDigestSlot(now, deps.hourUtc).getTime()) return false;
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
