/**
 * One tracking round of this instance, and giving its lease up. The lease holder, and only it, also posts
 * the administrators' daily digest when one is due, repairs batches left Sending with no work in flight, and
 * runs the lifecycle round for the guests this bot invited.
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
  /** The lifecycle round for the guests this bot invited (guest-care.ts); it decides itself whether one is due. */
  readonly lifecycle?: () => Promise<unknown>;
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
      if (deps.lifecycle) {
        // Its own failure (Graph or storage down) must not cost tracking its round: the next round tries again.
        await deps.lifecycle().catch((error: unknown) => deps.log.warn({ err: error }, 'the guest lifecycle round failed; the next round tries again'));
      }
      return outcome;
    },
    release: () => releaseTracking(deps.tracking, deps.instanceId),
  };
}
