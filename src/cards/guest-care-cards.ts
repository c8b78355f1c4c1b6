/**
 * The review card's "After the invitation" section: who answers for the guests (the inviter, and the
 * co-sponsors typed here) and whether they join the team or group chat the list was started in. Its words
 * come from the `lifecycle` namespace, formatted here and handed to the template as data; the co-sponsor
 * problems name typed addresses, so the template shows them in TextRuns.
 */
import type { InviteBatch } from '../domain/invitations/batch.js';
import { MAX_SPONSORS, type CoSponsorProblem } from '../domain/lifecycle/guest-care.js';
import { translatorFor, type Translator } from '../i18n/translator.js';

export function guestCareSection(batch: InviteBatch, words: Translator = translatorFor()) {
  const allowed = MAX_SPONSORS - 1;
  const spaceOffered = batch.conversationType !== 'personal';
  return {
    heading: words.t('lifecycle:care.heading'),
    youAreSponsor: words.t('lifecycle:care.youAreSponsor'),
    coSponsorsLabel: words.t('lifecycle:care.coSponsorsLabel', { allowed }),
    coSponsorsPlaceholder: words.t('lifecycle:care.coSponsorsPlaceholder'),
    typedCoSponsors: batch.care?.typedCoSponsors ?? '',
    spaceOffered,
    addToSpaceTitle: words.t('lifecycle:care.addToSpace', { space: batch.conversationType === 'channel' ? 'team' : 'chat' }),
    addToSpace: String(spaceOffered && (batch.care?.addToSpace ?? true)),
    addToSpaceWhen: words.t('lifecycle:care.addToSpaceWhen'),
    problems: (batch.care?.problems ?? []).map((problem) => ({ text: problemText(problem, words) })),
  };
}

function problemText(problem: CoSponsorProblem, words: Translator): string {
  switch (problem.kind) {
    case 'not-found':
      return words.t('lifecycle:care.problem.notFound', { address: problem.address });
    case 'not-a-member':
      return words.t('lifecycle:care.problem.notMember', { address: problem.address });
    case 'too-many':
      return words.t('lifecycle:care.problem.tooMany', { allowed: problem.allowed });
  }
}
