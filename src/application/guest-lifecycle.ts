/**
 * The lifecycle of the guests this bot invited as a service: the round the tracker's lease holder runs, the
 * sponsor's answers from their card, and the administrators' preview of the next round.
 */
import type { Inviter } from '../domain/invitations/invitation.js';
import type { AdminOutcome } from '../domain/use-cases/administration.js';
import {
  answerQuestions,
  lifecycleRound,
  previewLifecycle,
  type AnswerOutcome,
  type AnswerSource,
  type LifecycleDependencies,
  type LifecyclePreview,
  type LifecycleRoundOutcome,
  type SponsorAnswer,
} from '../domain/use-cases/guest-lifecycle.js';
import type { ServiceLog } from './service-log.js';

export interface GuestLifecycleService {
  round(): Promise<LifecycleRoundOutcome>;
  /** The sponsor's Keep / Remove, from the review card or from My guests. */
  answerGuestReview(actor: Inviter, answers: readonly SponsorAnswer[], source: AnswerSource): Promise<AnswerOutcome>;
  /** What the next round would do now, for an administrator; changes nothing. */
  previewLifecycle(actor: Inviter): Promise<AdminOutcome<LifecyclePreview>>;
}

export interface GuestLifecycleServiceDependencies {
  readonly lifecycle: LifecycleDependencies;
  readonly isAdministrator: (actor: Inviter) => Promise<boolean>;
  readonly log: ServiceLog;
}

export function guestLifecycleService(deps: GuestLifecycleServiceDependencies): GuestLifecycleService {
  return {
    round: async () => {
      const outcome = await lifecycleRound(deps.lifecycle);
      if (outcome.kind === 'ran') {
        for (const failure of outcome.failed) deps.log.warn({ err: failure.error, step: failure.step }, 'a lifecycle step failed; the next round tries again');
      }
      return outcome;
    },
    answerGuestReview: (actor, answers, source) => answerQuestions(deps.lifecycle, actor, answers, source),
    previewLifecycle: async (actor) => ((await deps.isAdministrator(actor)) ? { kind: 'done', value: await previewLifecycle(deps.lifecycle) } : { kind: 'not-allowed' }),
  };
}
