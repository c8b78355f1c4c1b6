/**
 * The bot through its real HTTP surface: activities POSTed to /api/messages, replies captured from the
 * connector calls botbuilder makes, Graph served by the tenant simulator, invitations stored in Azurite.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TableClient } from '@azure/data-tables';
import { startAzurite, type RunningAzurite } from '../../local/azurite.js';
import { localIdentities } from '../../local/local-identities.js';
import { startSimulator, type RunningSimulator } from '../../local/simulator/index.js';
import { botInstalled, message, postActivity, type Scope } from '../support/activities.js';
import { startBotInProcess, type BotUnderTest } from '../support/bot-under-test.js';
import { cardOf, cardText, startConnectorRecorder, type ConnectorRecorder, type RecordedCall } from '../support/connector-recorder.js';
import { SimulatorControl } from '../support/simulator-control.js';
import { validateCard } from '../support/schemas.js';

let azurite: RunningAzurite;
let simulator: RunningSimulator;
let sim: SimulatorControl;
let connector: ConnectorRecorder;
let bot: BotUnderTest;
let env: Record<string, string>;

beforeAll(async () => {
  [azurite, simulator, connector] = await Promise.all([startAzurite(), startSimulator(), startConnectorRecorder()]);
  sim = new SimulatorControl(simulator.url);
  const { app } = localIdentities();
  env = {
    GRAPH_BASE_URL: simulator.url,
    ENTRA_AUTHORITY_HOST: simulator.url,
    GRAPH_TENANT_ID: simulator.tenantId,
    GRAPH_CLIENT_ID: app.clientId,
    GRAPH_CLIENT_SECRET: app.clientSecret,
    AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString,
  };
  bot = await startBotInProcess(env);
});

afterAll(async () => {
  await bot?.close();
  await Promise.all([azurite?.close(), simulator?.close(), connector?.close()]);
});

beforeEach(() => connector.clear());

async function say(text: string, scope: Scope = 'personal', target: BotUnderTest = bot): Promise<RecordedCall> {
  connector.clear();
  const response = await postActivity(target.messagesEndpoint, message(text, { serviceUrl: connector.serviceUrl, tenantId: simulator.tenantId, scope }));
  expect(response.status).toBe(200);
  const [reply] = await connector.waitFor((call) => call.activity.type === 'message');
  return reply!;
}

function replyCard(reply: RecordedCall): Record<string, unknown> {
  const card = cardOf(reply);
  expect(card, 'the reply carries an Adaptive Card').toBeDefined();
  expect(validateCard(card)).toEqual([]);
  return card!;
}

describe('invite <address>', () => {
  it('invites through Graph, records the invitation in Table Storage and answers with a result card', async () => {
    const reply = await say('invite Jane Doe <jane.doe@fabrikam.com>');
    const text = cardText(replyCard(reply));
    expect(text).toContain('Invitation sent');
    expect(text).toContain('jane.doe@fabrikam.com');
    expect(text).toContain('Jane Doe');

    const calls = await sim.invitationCallsFor('jane.doe@fabrikam.com');
    expect(calls).toHaveLength(1);
    expect(calls[0]?.body).toMatchObject({
      invitedUserDisplayName: 'Jane Doe',
      sendInvitationMessage: true,
      inviteRedirectUrl: `https://myapps.microsoft.com/?tenantid=${simulator.tenantId}`,
      invitedUserSponsors: [{ id: '0b7f2a1e-6c3d-4e5f-8a9b-1c2d3e4f5a6b' }],
    });

    const table = TableClient.fromConnectionString(azurite.connectionString, 'invitations', { allowInsecureConnection: true });
    const row = await table.getEntity<Record<string, unknown>>(simulator.tenantId, encodeURIComponent('jane.doe@fabrikam.com'));
    const guest = (await sim.users()).find((user) => user.mail === 'jane.doe@fabrikam.com');
    expect(row).toMatchObject({ state: 'PendingAcceptance', invitedUserId: guest?.id, inviterName: 'Dana Scully', attempts: 1 });
    expect(String(row.inviteRedeemUrl)).toMatch(/^https:\/\/login\.microsoftonline\.com\/redeem\?/);
    expect(row.invitationId).toBeTruthy();
  });

  it('never invites the same address twice, whatever its case', async () => {
    await say('invite sam@northwind.com');
    const again = await say('invite SAM@Northwind.com');
    expect(cardText(replyCard(again))).toContain('Already invited');
    expect(await sim.invitationCallsFor('sam@northwind.com')).toHaveLength(1);
  });

  it('finds guests the directory already has (by mail or otherMails) and invites no one', async () => {
    const guest = (await sim.users()).find((user) => user.userType === 'Guest' && user.externalUserState === 'Accepted');
    const reply = await say(`invite ${String(guest?.mail)}`);
    expect(cardText(replyCard(reply))).toContain('Already a guest');
    expect(await sim.invitationCallsFor(String(guest?.mail))).toHaveLength(0);
  });

  it.each([
    ['fox@contoso.com', 'Already in your organisation'],
    ['jane+news@fabrikam.com', 'plus-addresses'],
    ['jane@fabrikam', 'no real top-level domain'],
  ])('explains why %s cannot be invited, without calling Graph', async (address, expected) => {
    const reply = await say(`invite ${address}`);
    expect(cardText(replyCard(reply))).toContain(expected);
    expect(await sim.invitationCallsFor(address)).toHaveLength(0);
  });

  it('works in a group chat and in a channel, where the bot is @mentioned', async () => {
    for (const [scope, address] of [['groupChat', 'g.chat@fabrikam.com'], ['channel', 'c.post@fabrikam.com']] as const) {
      const reply = await say(`invite ${address}`, scope);
      expect(cardText(replyCard(reply))).toContain('Invitation sent');
      expect(reply.conversationId).toContain(scope === 'channel' ? '19:general@thread.tacv2' : '19:group-1');
      expect(await sim.invitationCallsFor(address)).toHaveLength(1);
    }
  });

  it('shows Graph’s refusal in words, and records the failure', async () => {
    await sim.fault({ method: 'POST', path: '/v1.0/invitations', status: 403, count: 1, code: 'Forbidden', message: 'Guest invitations not allowed for your company.' });
    const reply = await say('invite refused@fabrikam.com');
    const text = cardText(replyCard(reply));
    expect(text).toContain('does not allow guest invitations');
    const table = TableClient.fromConnectionString(azurite.connectionString, 'invitations', { allowInsecureConnection: true });
    expect(await table.getEntity(simulator.tenantId, encodeURIComponent('refused@fabrikam.com'))).toMatchObject({ state: 'Failed', lastErrorCode: 'graph.invitations-not-allowed' });
  });

  it('keeps addresses out of its logs', () => {
    const joined = bot.logs.join('\n');
    expect(joined).toContain('j***@fabrikam.com');
    expect(joined).not.toMatch(/jane\.doe@fabrikam\.com/);
    expect(joined).not.toContain(env.GRAPH_CLIENT_SECRET);
  });
});

describe('conversation basics', () => {
  it.each(['personal', 'groupChat', 'channel'] as const)('greets when installed in a %s conversation', async (scope) => {
    const response = await postActivity(bot.messagesEndpoint, botInstalled({ serviceUrl: connector.serviceUrl, tenantId: simulator.tenantId, scope }));
    expect(response.status).toBe(200);
    const [reply] = await connector.waitFor((call) => call.activity.type === 'message');
    const text = cardText(replyCard(reply!));
    expect(text).toContain('Guest Invites');
    expect(text.includes('@mention me')).toBe(scope !== 'personal');
  });

  it('answers help with the help card', async () => {
    expect(cardText(replyCard(await say('help', 'channel')))).toContain('Guest Invites: help');
  });

  it('answers anything else with the usage card, showing what was said as plain text', async () => {
    const card = replyCard(await say('please [click](https://evil.example) ${x}'));
    const runs = JSON.stringify(card);
    expect(runs).toContain('"type":"TextRun","text":"please [click](https://evil.example) ${x}"');
  });

  it('asks for the address when invite has none', async () => {
    expect(cardText(replyCard(await say('invite')))).toContain('Who should I invite?');
  });
});

describe('when something outside the bot fails', () => {
  it('a wrong client secret gives a specific message and sends nothing', async () => {
    const broken = await startBotInProcess({ ...env, GRAPH_CLIENT_SECRET: 'wrong-secret' });
    try {
      const reply = await say('invite secret.case@fabrikam.com', 'personal', broken);
      expect(cardText(replyCard(reply))).toContain('client secret was refused');
      expect(await sim.invitationCallsFor('secret.case@fabrikam.com')).toHaveLength(0);
      expect(broken.logs.join('\n')).toContain('AADSTS7000215');
      expect(broken.logs.join('\n')).not.toContain('wrong-secret');
    } finally {
      await broken.close();
    }
  });

  it('an unreachable Graph gives a specific message', async () => {
    const down = await startBotInProcess({ ...env, GRAPH_BASE_URL: 'https://127.0.0.1:9', ENTRA_AUTHORITY_HOST: 'https://127.0.0.1:9' });
    try {
      const reply = await say('invite nobody.home@fabrikam.com', 'personal', down);
      expect(cardText(replyCard(reply))).toContain('could not be reached');
    } finally {
      await down.close();
    }
  });

  it('unreachable storage gives a specific message and nothing reaches Graph', async () => {
    const noStorage = await startBotInProcess({
      ...env,
      AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString.replace(/TableEndpoint=http:\/\/127\.0\.0\.1:\d+/, 'TableEndpoint=http://127.0.0.1:9'),
    });
    try {
      const reply = await say('invite storage.down@fabrikam.com', 'personal', noStorage);
      expect(cardText(replyCard(reply))).toContain('cannot reach its storage');
      expect(await sim.invitationCallsFor('storage.down@fabrikam.com')).toHaveLength(0);
    } finally {
      await noStorage.close();
    }
  });

  it('refuses a request without a Bot Framework token once MicrosoftAppId is set', async () => {
    const secured = await startBotInProcess({ ...env, MicrosoftAppId: '5b1f3c2d-0e4a-4b6c-8d7e-9f0a1b2c3d4e', MicrosoftAppPassword: 'bot-secret' });
    try {
      const response = await postActivity(secured.messagesEndpoint, message('help', { serviceUrl: connector.serviceUrl, tenantId: simulator.tenantId }));
      expect(response.status).toBe(401);
      const forged = await postActivity(secured.messagesEndpoint, message('help', { serviceUrl: connector.serviceUrl, tenantId: simulator.tenantId }), {
        authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJhdWQiOiJ4In0.',
      });
      expect(forged.status).toBe(401);
      expect(connector.calls).toHaveLength(0);
    } finally {
      await secured.close();
    }
  });
});
