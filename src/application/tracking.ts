/**
 * One tracking round of this instance, and giving its lease up. The lease holder, and only it, also posts
 * the administrators' daily digest when one is due.
 */
import { postDigestIfDue, type DigestDependencies } from '../domain/use-cases/daily-digest.js';
import { releaseTracking, trackRound, type RoundOutcome, type TrackDependencies } from '../domain/use-cases/track-guests.js';

export interface TrackingService {
  round(): Promise<RoundOutcome>;
  release(): Promise<void>;
}

/** `digest` absent: administrators get single notices, no digest. */
export function trackingService(deps: { readonly tracking: TrackDependencies; readonly digest?: DigestDependencies; readonly instanceId: string }): TrackingService {
  return {
    round: async () => {
      const outcome = await trackRound(deps.tracking, deps.instanceId);
      if (outcome.kind === 'tracked' && deps.digest) await postDigestIfDue(deps.digest);
      return outcome;
    },
    release: () => releaseTracking(deps.tracking, deps.instanceId),
  };
}
