/**
 * The lifecycle cards: the sponsor's card (cards/guest-review.json: Keep or Remove per guest, then the
 * answers it recorded), and what administrators are told (the admin-notice template, words in lifecycle-rules.json).
 */
import type { LifecycleRule, LifecycleStep } from '../domain/lifecycle/lifecycle-rules.js';
import type { LifecycleAnnouncement, SponsorQuestion } from '../domain/ports/lifecycle-notices.js';
import type { AnswerOutcome, LifecyclePreview } from '../domain/use-cases/guest-lifecycle.js';
import type { Translator } from '../i18n/translator.js';
import { adminNotice } from './admin-cards.js';
import { renderCard, type AdaptiveCard } from './render.js';

/** One input per guest on the sponsor's card; its id is this prefix and the guest's place in `guests`. */
export const CHOICE_INPUT = 'choice';

export interface ReviewTerms {
  readonly removalGraceDays: number;
  readonly unanswered: 'keep' | 'remove';
}

/** The card a sponsor gets: every guest they are asked about this round. */
export function sponsorReviewCard(words: Translator, questions: readonly SponsorQuestion[], terms: ReviewTerms): AdaptiveCard {
  const when = (at: string) => words.dateTime(new Date(at), { dateStyle: 'medium' });
  return renderCard(
    'guest-review',
    {
      answered: 'no',
      count: questions.length,
      graceDays: terms.removalGraceDays,
      unanswered: terms.unanswered,
      emails: questions.map((question) => question.email).join('\n'),
      guests: questions.map((question, index) => ({
        name: question.displayName ?? '',
        address: question.email,
        reason: words.t(`cards/guest-review:reason.${question.rule}`, {
          answerBy: when(question.answerBy),
          signedIn: question.lastSignInAt ? 'yes' : 'no',
          lastSignIn: question.lastSignInAt ? when(question.lastSignInAt) : '',
        }),
        inputId: `${CHOICE_INPUT}${index}`,
        choices: [
          { title: words.t('cards/guest-review:choice.keep'), value: 'keep' },
          { title: words.t(question.state === 'PendingAcceptance' ? 'cards/guest-review:choice.withdraw' : 'cards/guest-review:choice.remove'), value: 'remove' },
        ],
        result: '',
      })),
    },
    words,
  );
}

/** The sponsor's card once answered: what became of each guest on it. */
export function sponsorAnsweredCard(words: Translator, emails: readonly string[], outcome: AnswerOutcome): AdaptiveCard {
  const refusal = new Map(outcome.refused.map((refused) => [refused.email, refused.why]));
  const result = (email: string): string => {
    const why = refusal.get(email);
    if (why) return words.t(`cards/guest-review:result.${why}`);
    if (outcome.kept.includes(email)) return words.t('cards/guest-review:result.kept');
    if (outcome.withdrawn.includes(email)) return words.t('cards/guest-review:result.withdrawn');
    if (outcome.removed.includes(email)) return words.t('cards/guest-review:result.blocked', { deleteAt: outcome.deleteAt ? words.dateTime(new Date(outcome.deleteAt), { dateStyle: 'medium' }) : '' });
    return words.t('cards/guest-review:result.open');
  };
  return renderCard(
    'guest-review',
    {
      answered: 'yes',
      count: emails.length,
      graceDays: 0,
      unanswered: 'keep',
      emails: '',
      guests: emails.map((email) => ({ name: '', address: email, reason: '', inputId: '', choices: [], result: result(email) })),
    },
    words,
  );
}

/** Rows shown of a round in the admin channel; the rest are counted. */
const ROWS_SHOWN = 15;

/** What administrators are told in their channel. */
export function lifecycleNotice(words: Translator, announcement: LifecycleAnnouncement): AdaptiveCard {
  switch (announcement.kind) {
    case 'round': {
      const { steps } = announcement.plan;
      const lines = steps.slice(0, ROWS_SHOWN).map((step) => ({ text: stepText(words, step), code: step.guest.email }));
      const more = steps.length > ROWS_SHOWN ? [{ text: words.t('lifecycle-rules:round.more', { count: steps.length - ROWS_SHOWN }) }] : [];
      return adminNotice(words, announcement.dryRun ? 'accent' : 'default', words.t('lifecycle-rules:round.title', { dryRun: announcement.dryRun ? 'yes' : 'no' }), [...lines, ...more]);
    }
    case 'answered':
      return adminNotice(words, 'default', words.t('lifecycle-rules:answered.title'), [
        { lead: announcement.sponsor.name ?? '', text: '' },
        ...announcement.kept.map((email) => ({ text: words.t('lifecycle-rules:answered.kept'), code: email })),
        ...announcement.removed.map((email) => ({ text: words.t('lifecycle-rules:answered.removed'), code: email })),
      ]);
    case 'unlicensed':
      return adminNotice(words, 'warning', words.t('lifecycle-rules:unlicensed.title'), [{ text: words.t('lifecycle-rules:unlicensed.text') }]);
    case 'entra-policies':
      return adminNotice(
        words,
        'accent',
        words.t('lifecycle-rules:policies.title'),
        announcement.policies.flatMap((policy) =>
          policy.covers.length === 0
            ? [{ lead: `${policy.displayName}: `, text: words.t('lifecycle-rules:policies.none') }]
            : policy.covers.map((rule) => ({ lead: `${policy.displayName}: `, text: words.t('lifecycle-rules:policies.covers', { rule: selector(rule) }) })),
        ),
      );
  }
}

/** The administrators' preview (the lifecycle command): each rule's state, then what the next round would do. */
export function lifecyclePreviewCard(words: Translator, preview: LifecyclePreview): AdaptiveCard {
  const skipped = new Map(preview.plan.skipped.map((skip) => [skip.rule, skip.because]));
  const state = (rule: LifecycleRule) => (preview.rules.includes(rule) ? (skipped.get(rule) ?? 'on') : 'off');
  const rules: LifecycleRule[] = ['redemption-deadline', 'access-review', 'inactivity'];
  const facts = rules.map((rule) => ({ label: words.t(`lifecycle-rules:rule.${rule}`), value: words.t('lifecycle-rules:preview.state', { state: selector(state(rule)) }) }));
  const { steps } = preview.plan;
  const lines = [
    ...(preview.dryRun ? [{ text: words.t('lifecycle-rules:preview.dryRun') }] : []),
    ...(preview.entra.kind === 'policies'
      ? preview.entra.policies.flatMap((policy) => policy.covers.map((rule) => ({ lead: `${policy.displayName}: `, text: words.t('lifecycle-rules:policies.covers', { rule: selector(rule) }) })))
      : []),
    ...(steps.length === 0 ? [{ text: words.t('lifecycle-rules:preview.nothing') }] : steps.slice(0, ROWS_SHOWN).map((step) => ({ text: stepText(words, step), code: step.guest.email }))),
    ...(steps.length > ROWS_SHOWN ? [{ text: words.t('lifecycle-rules:round.more', { count: steps.length - ROWS_SHOWN }) }] : []),
    ...(preview.unaskable.length > 0 ? [{ text: words.t('lifecycle-rules:preview.unaskable', { count: preview.unaskable.length }) }] : []),
    ...preview.unaskable.slice(0, ROWS_SHOWN).map((email) => ({ text: words.t('lifecycle-rules:preview.unaskableGuest'), code: email })),
    ...(preview.unaskable.length > ROWS_SHOWN ? [{ text: words.t('lifecycle-rules:round.more', { count: preview.unaskable.length - ROWS_SHOWN }) }] : []),
  ];
  return adminNotice(words, 'accent', words.t('lifecycle-rules:preview.title'), lines, facts);
}

/** ICU select keys cannot hold a hyphen: `redemption-deadline` is selected as `redemptionDeadline`. */
function selector(code: string): string {
  return code.replace(/-(\w)/g, (_match, letter: string) => letter.toUpperCase());
}

function stepText(words: Translator, step: LifecycleStep): string {
  const date = (at: string) => words.dateTime(new Date(at), { dateStyle: 'medium' });
  switch (step.kind) {
    case 'ask':
      return words.t('lifecycle-rules:round.ask', { rule: selector(step.rule), sponsor: step.guest.sponsor.name ?? '' });
    case 'keep':
      return words.t('lifecycle-rules:round.keep', { because: selector(step.because) });
    case 'block':
      return words.t('lifecycle-rules:round.block', { deleteAt: date(step.deleteAt) });
    case 'withdraw':
      return words.t('lifecycle-rules:round.withdraw');
    case 'delete':
      return words.t('lifecycle-rules:round.delete');
  }
}
