/**
 * The audit trail, end to end: what people did in chat is what an administrator's CSV export lists,
 * exactly and newest first, through a signed link that only works as given and only for an administrator.
 * Its own storage, so no other test's events are in it.
 */
import { TableClient } from '@azure/data-tables';
import { parse } from 'csv-parse/sync';
import { expect, it } from 'vitest';
import { DANA, FOX, type Scope } from '../support/activities.js';
import { useBotStack } from '../support/bot-stack.js';
import { type Person } from '../support/bot-chat.js';
import { actionData, cardOf, cardText } from '../support/connector-recorder.js';

const stack = useBotStack({ EXPORT_LINK_SECRET: 'an-export-link-secret-of-32-chars!' });

const { chat } = stack;
const say = (text: string, from: Person, scope: Scope = 'personal') => chat().say(text, from, scope);
const press = (verb: string, data: Record<string, unknown>, from: Person, replyToId: string, scope: Scope = 'personal') =>
  chat().press(verb, data, from, replyToId, scope);

function exportUrl(card: Record<string, unknown>): string {
  const action = (card.actions as { type: string; url?: string }[] | undefined)?.find((a) => a.type === 'Action.OpenUrl');
  if (!action?.url) throw new Error('the audit card has no export link');
  return action.url;
}

it('the CSV export lists exactly the events of this test, newest first; a tampered link is refused', async () => {
  await say('notify here', DANA, 'channel');
  await say('notify off', FOX);
  const review = await say('invite Ola Nordmann <ola@fabrikam.com>', DANA);
  stack.connector.clear();
  await press('review.send', actionData(review, 'review.send'), DANA, 'dana-review');
  await stack.connector.waitFor((call) => call.method === 'PUT' && call.path.endsWith('/activities/dana-review') && cardText(cardOf(call)).includes('Invitation sent'));
  expect(await stack.sim.invitationCounts()).toEqual({ 'ola@fabrikam.com': 1 });
  const refused = await press('fix.run', { address: 'ola@fabrikam.com', action: 'resend' }, FOX, 'fox-help');
  expect(refused).toMatchObject({ statusCode: 403 });

  // Outside a personal chat the export is a signed link (in a personal chat it is a file: file-export.test.ts).
  const auditCard = await say('audit', DANA, 'channel');
  const url = exportUrl(auditCard);
  const response = await fetch(url);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/csv');
  expect(response.headers.get('content-disposition')).toMatch(/attachment; filename="guest-invites-audit-\d{4}-\d{2}-\d{2}\.csv"/);
  const rows = parse<Record<string, string>>(await response.text(), { columns: true });
  expect(rows.map((row) => [row.action, row.subject, row.outcome, row.actor_name, row.actor_id])).toEqual([
    ['resend', 'ola@fabrikam.com', 'not-allowed', 'Fox Mulder', FOX.aadObjectId],
    ['invite', 'ola@fabrikam.com', 'invited', 'Dana Scully', DANA.aadObjectId],
    ['notify-off', 'notification channel', 'not-allowed', 'Fox Mulder', FOX.aadObjectId],
    ['notify-here', 'channel unnamed', 'done', 'Dana Scully', DANA.aadObjectId],
    ['policy-change', 'policy', 'recorded', 'Guest Invites (its configuration at start)', ''],
  ]);
  expect(rows.at(-1)?.detail).toContain('allowInvitesFrom: everyone');

  const forFox = cardText(await say('audit ola@fabrikam.com', DANA, 'channel'));
  expect(forFox).toContain('2 events in the last 7 days');

  const tampered = url.replace(/token=([^.]+)\./, (_match, payload: string) => `token=${payload.slice(0, -2)}xx.`);
  expect((await fetch(tampered)).status).toBe(403);
  expect((await fetch(url.replace(/token=.*/, 'token=nonsense'))).status).toBe(403);

  // The export itself is on the record, after what it listed.
  const after = parse<Record<string, string>>(await (await fetch(exportUrl(await say('audit 1', DANA, 'channel')))).text(), { columns: true });
  expect(after.slice(0, 1).map((row) => [row.action, row.outcome, row.detail])).toEqual([['audit-export', 'done', 'last 7 days, 5 events']]);
});

it('with NOTIFY_DIGEST=daily, the instance tracking guests posts one digest to the channel once its hour has come', async () => {
  const settings = TableClient.fromConnectionString(stack.azurite.connectionString, 'settings', { allowInsecureConnection: true });
  const yesterday = new Date(Date.now() - 26 * 60 * 60 * 1000).toISOString();
  const channel = {
    conversation: { channelId: 'msteams', serviceUrl: stack.connector.serviceUrl, conversation: { id: '19:digest@thread.tacv2', conversationType: 'channel', isGroup: true }, bot: { id: '28:bot' } },
    name: 'IT › Digest',
    chosenBy: { name: 'Dana Scully' },
    chosenAt: yesterday,
  };
  await settings.upsertEntity({ partitionKey: stack.simulator.tenantId, rowKey: 'notification-channel', value: JSON.stringify(channel) }, 'Replace');
  const hour = new Date().getUTCHours();
  // The first bot holds the tracking lease (and posts no digest): it makes way, releasing the lease.
  const digestBot = await stack.restartBot({ NOTIFY_DIGEST: 'daily', NOTIFY_DIGEST_HOUR: String(hour), TRACKING_POLL_SECONDS: '1' });
  const [digest] = await stack.connector.waitFor((call) => call.method === 'POST' && call.conversationId === '19:digest@thread.tacv2');
  expect(cardText(cardOf(digest!))).toContain('Guest Invites: the day since');
  expect(cardText(cardOf(digest!))).toMatch(/Invited\s+1/);
  const stored = await settings.getEntity<{ value: string }>(stack.simulator.tenantId, 'notification-channel');
  expect(Date.parse((JSON.parse(stored.value) as { digestPostedAt: string }).digestPostedAt)).toBeGreaterThan(Date.parse(yesterday));
  // Later rounds find today's digest posted and post nothing more.
  await expect.poll(() => digestBot.logs.filter((line) => line.includes('tracking round')).length, { timeout: 10_000 }).toBeGreaterThan(2);
  expect(stack.connector.calls.filter((call) => call.conversationId === '19:digest@thread.tacv2')).toHaveLength(1);
});
