/** The verbs of cards/review.json. */
import { z } from 'zod';
import { inviteFormCard, reviewCard } from '../../cards/batch-cards.js';
import { problemCard } from '../../cards/conversation-cards.js';
import { describeApprovalReason } from '../../domain/policy/approval-rules.js';
import { cancel, removeFlagged } from '../../domain/use-cases/batch-actions.js';
import type { IntakeSettings } from '../intake.js';
import { afterChange, batchCard, sendingRoute } from './batch-answers.js';
import { batchData, cardResponse, cardRoute } from './route.js';

const pageData = batchData.extend({ page: z.coerce.number().int().min(0) });

export const reviewRoutes = [
  cardRoute('review.page', pageData, async ({ services, settings }, { batchId, page }) => {
    const batch = await services.getBatch(batchId);
    if (!batch) return cardResponse(problemCard('This list is gone', 'I cannot find this list any more. Start again with invite.'));
    return cardResponse(batch.state === 'Draft' ? reviewCard(batch, settings, page) : await batchCard(services, settings, batch, page));
  }),

  cardRoute('review.edit', batchData, async ({ turn, services, settings }, { batchId }) => {
    const outcome = await services.changeDraft(batchId, turn.activity.from.aadObjectId, cancel);
    return afterChange(outcome, services, settings, (batch) =>
      inviteFormCard(settings, {
        addresses: batch.typed.addresses,
        personalMessage: batch.typed.personalMessage,
        ...redirectFields(batch.typed.redirectUrl, settings),
        cc: batch.typed.ccAddress ?? '',
        language: batch.typed.messageLanguage,
      }),
    );
  }),

  cardRoute('review.removeFlagged', batchData, async ({ turn, services, settings }, { batchId }) => {
    const outcome = await services.changeDraft(batchId, turn.activity.from.aadObjectId, removeFlagged);
    return afterChange(outcome, services, settings, (batch) => reviewCard(batch, settings, 0, 'Flagged addresses removed.'));
  }),

  cardRoute('review.cancel', batchData, async ({ turn, services, settings }, { batchId }) => {
    const outcome = await services.changeDraft(batchId, turn.activity.from.aadObjectId, cancel);
    return afterChange(outcome, services, settings, (batch) => batchCard(services, settings, batch));
  }),

  sendingRoute('review.send', async (services, batchId, actor, card, settings) => {
    const outcome = await services.send(batchId, actor, card);
    switch (outcome.kind) {
      case 'refused':
        return reviewCard(outcome.batch, settings, 0, `Nothing was sent. ${outcome.check.why} ${outcome.check.ask}`);
      case 'no-approver':
        return reviewCard(
          outcome.batch,
          settings,
          0,
          `This needs an administrator's approval (${(outcome.batch.approval?.reasons ?? []).map(describeApprovalReason).join(' ')}), but no administrator has chosen a channel for approvals yet. Ask one to say notify here in a team channel, then press Send again: your list is kept.`,
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
