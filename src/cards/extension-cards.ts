/** The message extension's dialog: the addresses read out of a message, to untick before sending. */
import { flaggedEntries, readyEntries, type InviteBatch } from '../domain/invitations/batch.js';
import type { Translator } from '../i18n/translator.js';
import { renderCard, type AdaptiveCard } from './render.js';

/** Addresses (ticked or flagged) one dialog shows: keeps the card well under Teams' 28 KB; longer lists go through the chat's review. */
export const MAX_DIALOG_ADDRESSES = 50;

/** The prefix of each toggle's input id: the submit carries `invite.<n>` = "true" or "false" for the n-th ready address of the batch. */
export const ADDRESS_INPUT_PREFIX = 'invite.';

export function extensionReviewCard(batch: InviteBatch, author: string, words: Translator): AdaptiveCard {
  const ready = readyEntries(batch);
  const flagged = flaggedEntries(batch);
  return renderCard(
    'extension-review',
    {
      batchId: batch.batchId,
      author,
      count: ready.length,
      flaggedCount: flagged.length,
      ready: ready.map((entry, index) => ({
        inputId: `${ADDRESS_INPUT_PREFIX}${index}`,
        address: entry.address,
        note: entry.outsideAllowedDomains ? words.t('extension:needsApproval') : '',
      })),
      flagged: flagged.map((entry) => ({ address: entry.address, reason: words.t(`extension:attention.${entry.attention ?? 'invalid-address'}`) })),
    },
    words,
  );
}
