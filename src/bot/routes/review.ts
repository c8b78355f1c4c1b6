/** The verbs of cards/review.json. */
import { z } from 'zod';
import { inviteFormCard, reviewCard } from '../../cards/batch-cards.js';
import { say } from '../../cards/say.js';
import { describeApprovalReason } from '../../domain/policy/approval-rules.js';
import { cancel, removeFlagged } from '../../domain/use-cases/batch-actions.js';
import type { IntakeSettings } from '../intake.js';
import { afterChange, batchCard, listGoneCard, sendingRoute } from './batch-answers.js';
import { batchData, cardResponse, cardRoute } from './route.js';

const pageData = batchData.extend({ page: z.coerce.number().int().min(0) });

export const reviewRoutes = [
  cardRoute('review.page', pageData, async ({ services, settings, words }, { batchId, page }) => {
    const batch = await services.getBatch(batchId);
    if (!batch) return cardResponse(listGoneCard(words));
    return cardResponse(batch.state === 'Draft' ? reviewCard(words, batch, settings, page) : await batchCard(words, services, settings, batch, page));
  }),

  cardRoute('review.edit', batchData, async ({ turn, services, settings, words }, { batchId }) => {
    const outcome = await services.changeDraft(batchId, turn.activity.from.aadObjectId, cancel);
    return afterChange(words, outcome, services, settings, (batch) =>
      inviteFormCard(words, settings, {
        addresses: batch.typed.addresses,
        personalMessage: batch.typed.personalMessage,
        ...redirectFields(batch.typed.redirectUrl, settings),
        cc: batch.typed.ccAddress ?? '',
        language: batch.typed.messageLanguage,
      }),
    );
  }),

  cardRoute('review.removeFlagged', batchData, async ({ turn, services, settings, words }, { batchId }) => {
    const outcome = await services.changeDraft(batchId, turn.activity.from.aadObjectId, removeFlagged);
    return afterChange(words, outcome, services, settings, (batch) => reviewCard(words, batch, settings, 0, words.t('replies:flaggedRemoved')));
  }),

  cardRoute('review.cancel', batchData, async ({ turn, services, settings, words }, { batchId }) => {
    const outcome = await services.changeDraft(batchId, turn.activity.from.aadObjectId, cancel);
    return afterChange(words, outcome, services, settings, (batch) => batchCard(words, services, settings, batch));
  }),

  sendingRoute('review.send', async (services, batchId, actor, card, settings, words, { messageLanguage, coSponsors, addToSpace }) => {
    // The language chosen on the review goes with the list before it is sent.
    if (messageLanguage) {
      const changed = await services.changeDraft(batchId, actor.aadObjectId, (batch) => ({ ...batch, options: { ...batch.options, messageLanguage } }));
      if (changed.kind !== 'done') return changed;
    }
    // Co-sponsors are looked up and stored on the draft first; a problem with them brings the review back with
    // the problem named, and nothing is sent.
    const cared = await services.chooseCare(batchId, actor.aadObjectId, { coSponsors, ...(addToSpace === undefined ? {} : { addToSpace: addToSpace === 'true' }) });
    if (cared.kind === 'problems') return reviewCard(words, cared.batch, settings);
    if (cared.kind !== 'done') return cared;
    const outcome = await services.send(batchId, actor, card);
    switch (outcome.kind) {
      case 'refused':
        return reviewCard(words, outcome.batch, settings, 0, words.t('replies:refusedOnSend', { why: say(words, outcome.check.why), ask: say(words, outcome.check.ask) }));
      case 'no-approver':
        return reviewCard(
          words,
          outcome.batch,
          settings,
          0,
          words.t('replies:noApprover', { reasons: (outcome.batch.approval?.reasons ?? []).map((reason) => say(words, describeApprovalReason(reason))).join(' ') }),
        );
      case 'awaiting-approval':
        return { kind: 'done', batch: outcome.batch };
      default:
        return outcome;
    }
  }),
];

function redirectFields(url: string, settings: IntakeSettings) {
  return settings.redirectChoices.some((choice) => choice.url === url)
    ? { redirectChoice: url, redirectOther: '' }
    : { redirectChoice: 'other', redirectOther: url };
}
