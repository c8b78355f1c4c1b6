/**
 * A batch left Sending with no work in flight (its work and the revert lost, or an instance gone before the
 * move to Done) is repaired by the next bot to start: the tracker's lease holder sweeps it, the card in the
 * chat shows the open addresses failed with a reason and Retry failed, and the repair is audited.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { TableClient } from '@azure/data-tables';
import { TableBatchStore } from '../../src/storage/table-batch-store.js';
import { startBotInProcess, type BotUnderTest } from '../support/bot-under-test.js';
import { actionData, cardText } from '../support/connector-recorder.js';
import { Conversation } from '../support/conversation.js';
import { startLocalServices, type LocalServices } from '../support/local-services.js';

let services: LocalServices;
let bot: BotUnderTest | undefined;
let chat: Conversation;

const table = (name: string) => TableClient.fromConnectionString(services.azurite.connectionString, name, { allowInsecureConnection: true });

beforeAll(async () => {
  services = await startLocalServices();
  chat = new Conversation(services.connector, services.simulator.tenantId);
});

afterAll(async () => {
  await bot?.close();
  await services?.close();
});

describe('a batch stuck in Sending', () => {
  it('is finished by the sweep of the next bot to start: open addresses failed with the reason, Retry failed offered, audited', async () => {
    bot = await startBotInProcess(services.env);
    const review = await chat.say(bot.messagesEndpoint, 'invite stuck.one@fabrikam.com, stuck.two@fabrikam.com');
    expect((await chat.press(bot.messagesEndpoint, 'review.send', actionData(review, 'review.send'), 'card-stuck')).status).toBe(200);
    await chat.waitForUpdate('card-stuck', /Invitations sent|2 invited|sent/i);
    await bot.close();
    bot = undefined;

    // What a lost Send leaves: the batch Sending for hours, nothing recorded for its addresses.
    const batches = new TableBatchStore(table('batches'));
    const [stored] = await batches.list(services.simulator.tenantId, { state: 'Done' });
    expect(stored).toBeDefined();
    const longAgo = new Date(Date.now() - 2 * 60 * 60_000).toISOString();
    await batches.replace({ ...stored!.value, state: 'Sending', updatedAt: longAgo }, stored!.etag);
    const outcomes = table('batchoutcomes');
    for await (const row of outcomes.listEntities()) await outcomes.deleteEntity(row.partitionKey!, row.rowKey!);
    const invitations = table('invitations');
    for await (const row of invitations.listEntities()) await invitations.deleteEntity(row.partitionKey!, row.rowKey!);
    services.connector.clear();

    bot = await startBotInProcess(services.env);
    const card = cardText(await chat.waitForUpdate('card-stuck', /Sending stopped before this address was finished/));
    expect(card).toMatch(/Retry failed/);
    expect((await batches.get(services.simulator.tenantId, stored!.value.batchId))?.value.state).toBe('Done');
    // Audited once the repair is done, just after the card shows it.
    await vi.waitFor(
      async () => {
        const repairs: { outcome?: string }[] = [];
        for await (const row of table('audit').listEntities<{ action?: string; outcome?: string }>()) if (row.action === 'batch-repaired') repairs.push(row);
        expect(repairs).toMatchObject([{ outcome: 'abandoned' }]);
      },
      { timeout: 10_000, interval: 100 },
    );
  });
});
