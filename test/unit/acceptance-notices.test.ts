/**
 * The notices tracking posts in the chat an invitation was sent from: worded for who reads them there. In a
 * personal chat only the inviter does ("your invitation"); in a group chat or channel everyone does, so the
 * notice names the inviter.
 */
import { translatorFor } from '../../src/i18n/translator.js';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/app/logger.js';
import { acceptedNotice, removedNotice, stillPendingNotice } from '../../src/cards/notice-cards.js';
import type { InviteBatch } from '../../src/domain/invitations/batch.js';
import type { InvitationRecord } from '../../src/domain/invitations/invitation.js';
import { AcceptanceNotifier } from '../../src/notify/acceptance-notifier.js';
import { cardText } from '../support/connector-recorder.js';
import { MemoryBatchStore, MemoryOutcomeStore } from '../support/in-memory-ports.js';

const NOW = new Date('2026-12-10T00:00:00Z');

const record: InvitationRecord = {
  tenantId: 't', email: 'jane@fabrikam.com', displayName: 'Jane Doe', state: 'Accepted', actualPath: 'email-otp', inviter: { aadObjectId: 'dana', name: 'Dana Scully' },
  batchId: 'b1', attempts: 1, createdAt: '2026-12-01T00:00:00Z', sentAt: '2026-12-01T00:00:00Z', updatedAt: '2026-12-01T00:00:00Z',
};

function batch(conversationType: InviteBatch['conversationType']): InviteBatch {
  const options = { personalMessage: '', redirectUrl: 'https://myapps.microsoft.com/?tenantid=t', messageLanguage: 'en-US' };
  return {
    tenantId: 't', batchId: 'b1', state: 'Done', starter: { aadObjectId: 'dana', name: 'Dana Scully' }, conversationId: 'c', conversationType,
    typed: { addresses: record.email, ...options }, options, entries: [{ address: record.email, occurrences: 1 }], round: 1,
    createdAt: record.createdAt, updatedAt: record.createdAt, statusCard: { conversation: { id: 'c' }, activityId: 'card-1' },
  };
}

/** What the notifier posts for `record` when the batch was sent from a `conversationType` chat. */
async function noticesIn(conversationType: InviteBatch['conversationType']): Promise<{ accepted: string; pending: string }> {
  const batches = new MemoryBatchStore();
  await batches.create(batch(conversationType));
  const posted: string[] = [];
  const notifier = new AcceptanceNotifier({
    batches,
    outcomes: new MemoryOutcomeStore(),
    cards: { stateChanged: async () => {} },
    post: async (_location, card) => void posted.push(cardText(card).replace(/\n/g, '')),
    notices: {
      accepted: (accepted, where) => acceptedNotice(translatorFor(accepted.inviter), accepted, where),
      removed: (removed) => removedNotice(translatorFor(removed.inviter), removed),
      stillPending: (pending, where) => stillPendingNotice(translatorFor(pending.inviter), pending, where, NOW),
    },
    log: createLogger('silent'),
  });
  await notifier.accepted(record);
  await notifier.stillPending({ ...record, state: 'PendingAcceptance' });
  expect(posted).toHaveLength(2);
  return { accepted: posted[0]!, pending: posted[1]! };
}

describe('acceptance and reminder notices', () => {
  it('in the inviter’s personal chat: "your invitation"', async () => {
    const { accepted, pending } = await noticesIn('personal');
    expect(accepted).toContain('Jane Doe (jane@fabrikam.com) accepted your invitation');
    expect(pending).toContain('has not accepted your invitation in 9 days');
  });

  it.each(['groupChat', 'channel'] as const)('in a %s, read by everyone: the inviter is named', async (where) => {
    const { accepted, pending } = await noticesIn(where);
    expect(accepted).toContain('Jane Doe (jane@fabrikam.com) accepted the invitation Dana Scully sent');
    expect(pending).toContain('jane@fabrikam.com) has not accepted the invitation Dana Scully sent 9 days ago. Dana Scully can resend it');
    for (const notice of [accepted, pending]) expect(notice).not.toMatch(/\byour invitation\b/);
  });
});
