/**
 * The review card's choices about life after the invitation, stored on the draft before Send: the
 * co-sponsors (looked up in the directory: members of the tenant only, at most four beside the inviter) and
 * whether the guests join the team or chat the list was started in (on unless the inviter turns it off;
 * never from a personal chat, which has nobody to join).
 */
import { coSponsorAddresses, MAX_SPONSORS, type CoSponsor, type CoSponsorProblem, type GuestCare } from '../lifecycle/guest-care.js';
import type { InviteBatch } from '../invitations/batch.js';
import type { DirectoryGateway } from '../ports/directory-gateway.js';
import { changeDraft, type BatchActionDependencies, type BatchActionOutcome, type BatchKey } from './batch-actions.js';

export interface GuestCareChoice {
  readonly coSponsors: string;
  /** Absent when the card had no such switch (an older card): the default, on in a team or group chat. */
  readonly addToSpace?: boolean;
}

/** `problems`: the choice was stored with what is wrong with it; the review shows it and nothing is sent. */
export type ChooseGuestCareOutcome = BatchActionOutcome | { readonly kind: 'problems'; readonly batch: InviteBatch };

export interface ChooseGuestCareDependencies extends BatchActionDependencies {
  readonly directory: Pick<DirectoryGateway, 'findUserByEmail'>;
}

export async function chooseGuestCare(
  deps: ChooseGuestCareDependencies,
  key: BatchKey,
  actorAadObjectId: string | undefined,
  choice: GuestCareChoice,
): Promise<ChooseGuestCareOutcome> {
  const { coSponsors, problems } = await lookUpCoSponsors(deps, actorAadObjectId, choice.coSponsors);
  const outcome = await changeDraft(deps, key, actorAadObjectId, (batch) => {
    const care: GuestCare = {
      typedCoSponsors: choice.coSponsors,
      coSponsors: problems.length ? [] : coSponsors,
      addToSpace: batch.conversationType !== 'personal' && (choice.addToSpace ?? true),
      ...(problems.length ? { problems } : {}),
    };
    return { ...batch, care };
  });
  return problems.length && outcome.kind === 'done' ? { kind: 'problems', batch: outcome.batch } : outcome;
}

async function lookUpCoSponsors(
  deps: ChooseGuestCareDependencies,
  actorAadObjectId: string | undefined,
  typed: string,
): Promise<{ coSponsors: CoSponsor[]; problems: CoSponsorProblem[] }> {
  const addresses = coSponsorAddresses(typed);
  const allowed = MAX_SPONSORS - 1;
  if (addresses.length > allowed) return { coSponsors: [], problems: [{ kind: 'too-many', allowed }] };
  const coSponsors: CoSponsor[] = [];
  const problems: CoSponsorProblem[] = [];
  for (const address of addresses) {
    const user = await deps.directory.findUserByEmail(address);
    if (!user) problems.push({ kind: 'not-found', address });
    else if (user.userType !== 'Member') problems.push({ kind: 'not-a-member', address });
    // The inviter is a sponsor already; naming themselves again changes nothing.
    else if (user.id !== actorAadObjectId) coSponsors.push({ id: user.id, address, ...(user.displayName ? { name: user.displayName } : {}) });
  }
  return { coSponsors, problems };
}
