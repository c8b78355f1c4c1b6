/**
 * One tracking round of this instance, and giving its lease up. The lease holder, and only it, also posts
 * the administrators' daily digest when one is due and repairs batches left Sending with no work in flight.
 */
import { postDigestIfDue, type DigestDependencies } from '../domain/use-cases/daily-digest.js';
import { releaseTracking, trackRound, type RoundOutcome, type TrackDependencies } from '../domain/use-cases/track-guests.js';
import type { ServiceLog } from './service-log.js';

export interface TrackingService {
  round(): Promise<RoundOutcome>;
  release(): Promise<void>;
}

export interface TrackingServiceDependencies {
  readonly tracking: TrackDependencies;
  /** Absent: administrators get single notices, no digest. */
  readonly digest?: DigestDependencies;
  /** Finishes batches stuck in Sending; answers how many it finished. */
  readonly repair: () => Promise<number>;
  readonly instanceId: string;
  readonly log: ServiceLog;
}

export function trackingService(deps: TrackingServiceDependencies): TrackingService {
  return {
    round: async () => {
      const outcome = await trackRound(deps.tracking, deps.instanceId);
      if (outcome.kind !== 'tracked') return outcome;
      if (deps.digest) await postDigestIfDue(deps.digest);
      const repaired = await deps.repair();
      if (repaired > 0) deps.log.warn({ repaired }, 'batches left Sending with no work in flight were finished');
      return outcome;
    },
    release: () => releaseTracking(deps.tracking, deps.instanceId),
  };
}
