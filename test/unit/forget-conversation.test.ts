import { beforeEach, describe, expect, it } from 'vitest';
import type { InviteBatch } from '../../src/domain/invitations/batch.js';
import { forgetConversation, type ForgetConversationDependencies } from '../../src/domain/use-cases/forget-conversation.js';
import { FakeClock, MemoryAuditLog, MemoryBatchStore, MemoryChannelStore } from '../support/in-memory-ports.js';

const reference = (id: string) => ({ conversation: { id }, serviceUrl: 'https://smba.trafficmanager.net/emea/' });
const ALERTS = '19:alerts@thread.tacv2';
const DANA = { aadObjectId: 'dana', name: 'Dana Scully' };
const options = { personalMessage: '', redirectUrl: 'https://myapps.microsoft.com/', messageLanguage: 'en-US' };

function batch(batchId: string, cardConversation: string | undefined): InviteBatch {
  return {
    tenantId: 't',
    batchId,
    state: 'Done',
    starter: DANA,
    conversationId: cardConversation ?? 'a:personal-dana',
    conversationType: 'personal',
    typed: { addresses: 'a@fabrikam.com', ...options },
    options,
    entries: [{ address: 'a@fabrikam.com', occurrences: 1 }],
    round: 1,
    ...(cardConversation ? { statusCard: { conversation: reference(cardConversation), activityId: `card-${batchId}` } } : {}),
    createdAt: '2026-11-25T10:00:00Z',
    updatedAt: '2026-11-25T10:00:00Z',
  };
}

describe('forgetConversation', () => {
  let deps: ForgetConversationDependencies;
  let channels: MemoryChannelStore;
  let batches: MemoryBatchStore;
  let audit: MemoryAuditLog;

  beforeEach(async () => {
    channels = new MemoryChannelStore();
    batches = new MemoryBatchStore();
    audit = new MemoryAuditLog();
    deps = { channels, batches, audit, clock: new FakeClock(), tenantId: 't' };
    await channels.put('t', { conversation: reference(ALERTS), name: 'Ops › Alerts', teamId: '19:general@thread.tacv2', chosenBy: DANA, chosenAt: '2026-11-20T10:00:00Z' });
  });

  it('the bot removed from the admin channel: the channel is forgotten, and that is audited', async () => {
    await forgetConversation(deps, { conversationId: `${ALERTS};messageid=1700000000000` }, 'the bot was removed from this conversation');
    expect(await channels.get()).toBeUndefined();
    expect(audit.events).toEqual([expect.objectContaining({ action: 'notify-off', subject: 'Ops › Alerts', outcome: 'channel-gone', detail: 'the bot was removed from this conversation' })]);
  });

  it('the bot removed from the channel’s team: the channel goes too', async () => {
    await forgetConversation(deps, { conversationId: '19:general@thread.tacv2', teamId: '19:general@thread.tacv2' }, 'the bot was removed from this conversation');
    expect(await channels.get()).toBeUndefined();
  });

  it('another conversation leaves the channel alone', async () => {
    await forgetConversation(deps, { conversationId: 'a:personal-dana' }, 'the app was uninstalled');
    expect((await channels.get())?.value.name).toBe('Ops › Alerts');
    expect(audit.events).toEqual([]);
  });

  it('batch cards in the conversation are no longer followed; others are', async () => {
    await batches.create(batch('here', 'a:personal-dana'));
    await batches.create(batch('thread', `${ALERTS};messageid=42`));
    await batches.create(batch('elsewhere', '19:group-1@thread.v2'));
    await forgetConversation(deps, { conversationId: 'a:personal-dana' }, 'the app was uninstalled');
    await forgetConversation(deps, { conversationId: ALERTS }, 'the channel was deleted');
    expect((await batches.get('t', 'here'))?.value.statusCard).toBeUndefined();
    expect((await batches.get('t', 'thread'))?.value.statusCard).toBeUndefined();
    expect((await batches.get('t', 'elsewhere'))?.value.statusCard?.activityId).toBe('card-elsewhere');
  });
});
