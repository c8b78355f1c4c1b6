/**
 * Guests whose sponsors have all left, and handing them to someone: the use cases bound to the directory,
 * the records and the audit trail. After a hand-over the administrators' channel and the new sponsor are
 * told (`handedOver`); a failure to tell them is the teller's to log, the hand-over itself stands.
 */
import type { Inviter } from '../domain/invitations/invitation.js';
import { handOverGuests, sponsorlessGuests, type HandOverDependencies, type HandOverOutcome, type SponsorlessOutcome } from '../domain/use-cases/hand-over-guests.js';

/** Where the person who pressed is reached in Teams: the new sponsor is written to through the same service. */
interface TeamsReach {
  readonly serviceUrl: string;
}

type HandedOver = Extract<HandOverOutcome, { kind: 'done' }>;

export interface SponsorsDependencies extends HandOverDependencies {
  readonly handedOver: (outcome: HandedOver, actor: Inviter, reach: TeamsReach) => Promise<void>;
}

export interface SponsorsService {
  sponsorlessGuests(actor: Inviter): Promise<SponsorlessOutcome>;
  /** One guest (by address) or, without one, every sponsorless guest, to the person at `sponsorAddress`. */
  handOverGuests(actor: Inviter, request: { readonly guest?: string; readonly sponsorAddress: string }, reach: TeamsReach): Promise<HandOverOutcome>;
}

export function sponsorsService(deps: SponsorsDependencies): SponsorsService {
  return {
    sponsorlessGuests: (actor) => sponsorlessGuests(deps, actor),
    handOverGuests: async (actor, request, reach) => {
      const outcome = await handOverGuests(deps, actor, request);
      if (outcome.kind === 'done' && outcome.handedOver.length > 0) await deps.handedOver(outcome, actor, reach);
      return outcome;
    },
  };
}
