/** A conversation that refuses the bot is forgotten, and forgetting never hides the failure being reported. */
import { beforeEach, describe, expect, it } from 'vitest';
import { conversationsService } from '../../../src/application/conversations.js';
import type { ChannelStore } from '../../../src/domain/ports/channel-store.js';
import { FakeClock, MemoryAuditLog, MemoryBatchStore, MemoryChannelStore } from '../../support/in-memory-ports.js';

const ADMINS = { conversation: { id: '19:admins@thread.tacv2' } };

let channels: MemoryChannelStore;
let audit: MemoryAuditLog;
let logged: string[];

const serviceWith = (store: ChannelStore) =>
  conversationsService({
    channels: store,
    batches: new MemoryBatchStore(),
    audit,
    clock: new FakeClock(),
    tenantId: 't',
    log: { info: (_details, message) => logged.push(`info: ${message}`), warn: (_details, message) => logged.push(`warn: ${message}`) },
  });

beforeEach(async () => {
  channels = new MemoryChannelStore();
  await channels.put('t', { conversation: ADMINS, name: 'Admins', chosenBy: { name: 'Walter' }, chosenAt: '2026-11-01T00:00:00Z' });
  audit = new MemoryAuditLog();
  logged = [];
});

describe('conversations service', () => {
  it('a refused conversation (a thread of the channel) is forgotten by its id, audited and logged', async () => {
    await serviceWith(channels).conversationRefused({ conversation: { id: '19:admins@thread.tacv2;messageid=42' } }, 'bot removed');
    expect(await channels.get()).toBeUndefined();
    expect(audit.events.map((event) => [event.action, event.outcome, event.detail])).toEqual([['notify-off', 'channel-gone', 'bot removed']]);
    expect(logged).toEqual(['info: conversation forgotten: nothing more is posted there']);
  });

  it('a reference without a conversation id forgets nothing', async () => {
    await serviceWith(channels).conversationRefused({ serviceUrl: 'https://smba.example' }, 'bot removed');
    expect(await channels.get()).toMatchObject({ value: { name: 'Admins' } });
    expect(logged).toEqual([]);
  });

  it('when forgetting fails, the failure is logged and not thrown', async () => {
    const broken: ChannelStore = {
      get: async () => {
        throw new Error('storage down');
      },
      put: async () => undefined,
    };
    await expect(serviceWith(broken).conversationRefused({ conversation: ADMINS.conversation }, 'bot removed')).resolves.toBeUndefined();
    expect(logged).toEqual(['warn: could not forget a conversation']);
    await expect(serviceWith(broken).conversationEnded({ conversationId: '19:admins@thread.tacv2' }, 'bot removed')).rejects.toThrow('storage down');
  });
});
