/**
 * The review card's "After the invitation" section: who answers for the guests (the inviter, and the
 * co-sponsors typed here) and whether they join the team or group chat the list was started in. The
 * section's words are in `cards/review` (care.*), formatted with these fields; the co-sponsor problems name
 * typed addresses, so they are formatted here and the template shows them in TextRuns.
 */
import type { InviteBatch } from '../domain/invitations/batch.js';
import { MAX_SPONSORS, type CoSponsorProblem } from '../domain/lifecycle/guest-care.js';
import type { Translator } from '../i18n/translator.js';

export function guestCareSection(words: Translator, batch: InviteBatch) {
  const spaceOffered = batch.conversationType !== 'personal';
  return {
    coSponsorsAllowed: MAX_SPONSORS - 1,
    space: batch.conversationType === 'channel' ? 'team' : 'chat',
    typedCoSponsors: batch.care?.typedCoSponsors ?? '',
    spaceOffered,
    addToSpace: String(spaceOffered && (batch.care?.addToSpace ?? true)),
    coSponsorProblems: (batch.care?.problems ?? []).map((problem) => ({ text: problemText(words, problem) })),
  };
}

function problemText(words: Translator, problem: CoSponsorProblem): string {
  switch (problem.kind) {
    case 'not-found':
      return words.t('cards/review:care.problem.notFound', { address: problem.address });
    case 'not-a-member':
      return words.t('cards/review:care.problem.notMember', { address: problem.address });
    case 'too-many':
      return words.t('cards/review:care.problem.tooMany', { allowed: problem.allowed });
  }
}
