/**
 * The bot through its real HTTP surface: activities POSTed to /api/messages (messages and card actions),
 * replies captured from the connector calls botbuilder makes, Graph served by the tenant simulator,
 * batches and invitations stored in Azurite.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { TableClient } from '@azure/data-tables';
import { botInstalled, cardAction, cardSubmit, DANA, FOX, message, postActivity, type Scope } from '../support/activities.js';
import { useBotStack } from '../support/bot-stack.js';
import { startBotInProcess, type BotUnderTest } from '../support/bot-under-test.js';
import { actionData, cardOf, cardText } from '../support/connector-recorder.js';
import { validCard } from '../support/conversation.js';
import { validateCard } from '../support/schemas.js';

const stack = useBotStack({ INVITE_BLOCKED_DOMAINS: '*.blocked.example' });

beforeEach(() => stack.connector.clear());

const activityOptions = (scope: Scope = 'personal', from = DANA) => ({ serviceUrl: stack.connector.serviceUrl, tenantId: stack.simulator.tenantId, scope, from });

async function say(text: string, scope: Scope = 'personal', target: BotUnderTest = stack.bot): Promise<Record<string, unknown>> {
  return answerTo(message(text, activityOptions(scope)), target);
}

/** Presses an Action.Submit button (welcome, help, greeting) whose data names a command. */
async function submit(command: string, scope: Scope = 'personal'): Promise<Record<string, unknown>> {
  return answerTo(cardSubmit({ command }, { ...activityOptions(scope), replyToId: 'welcome-card' }));
}

async function answerTo(activity: object, target: BotUnderTest = stack.bot): Promise<Record<string, unknown>> {
  stack.connector.clear();
  const response = await postActivity(target.messagesEndpoint, activity);
  expect(response.status).toBe(200);
  const [reply] = await stack.connector.waitFor((call) => call.activity.type === 'message');
  return validCard(reply!);
}


interface InvokeAnswer {
  status: number;
  body: { statusCode: number; type: string; value: Record<string, unknown> };
}

async function press(verb: string, data: Record<string, unknown>, from = DANA, scope: Scope = 'personal', replyToId = 'card-1'): Promise<InvokeAnswer> {
  const response = await postActivity(stack.bot.messagesEndpoint, cardAction(verb, data, { ...activityOptions(scope, from), replyToId }));
  const body = (await response.json()) as InvokeAnswer['body'];
  if (body.type === 'application/vnd.microsoft.card.adaptive') expect(validateCard(body.value)).toEqual([]);
  return { status: response.status, body };
}

/** Waits for the in-place update of the card `replyToId` (the batch's final status). */
async function updatedCard(replyToId: string): Promise<Record<string, unknown>> {
  const [update] = await stack.connector.waitFor((call) => call.method === 'PUT' && call.path.endsWith(`/activities/${replyToId}`));
  return validCard(update!);
}

const invitationsTable = () => TableClient.fromConnectionString(stack.azurite.connectionString, 'invitations', { allowInsecureConnection: true });

describe('invite, review, send', () => {
  it('reviews before sending; Send invites through Graph, records it and updates the card in place', async () => {
    const review = await say('invite Jane Doe <jane.doe@fabrikam.com>');
    expect(cardText(review)).toContain('Review before sending');
    expect(cardText(review)).toContain('Jane Doe');
    expect(await stack.sim.invitationCallsFor('jane.doe@fabrikam.com')).toHaveLength(0);

    const sent = await press('review.send', actionData(review, 'review.send'), DANA, 'personal', 'review-jane');
    expect(sent.status).toBe(200);
    expect(cardText(sent.body.value)).toContain('Sending 1 invitation');
    expect(cardText(await updatedCard('review-jane'))).toContain('Invitation sent');

    const calls = await stack.sim.invitationCallsFor('jane.doe@fabrikam.com');
    expect(calls).toHaveLength(1);
    expect(calls[0]?.body).toMatchObject({
      invitedUserDisplayName: 'Jane Doe',
      sendInvitationMessage: true,
      inviteRedirectUrl: `https://myapps.microsoft.com/?tenantid=${stack.simulator.tenantId}`,
      invitedUserSponsors: [{ id: DANA.aadObjectId }],
      invitedUserMessageInfo: { messageLanguage: 'en-US' },
    });
    const row = await invitationsTable().getEntity<Record<string, unknown>>(stack.simulator.tenantId, encodeURIComponent('jane.doe@fabrikam.com'));
    const guest = (await stack.sim.users()).find((user) => user.mail === 'jane.doe@fabrikam.com');
    expect(row).toMatchObject({ state: 'PendingAcceptance', invitedUserId: guest?.id, inviterName: 'Dana Scully', attempts: 1 });
    expect(String(row.inviteRedeemUrl)).toMatch(/^https:\/\/login\.microsoftonline\.com\/redeem\?/);

    const again = await press('review.send', actionData(review, 'review.send'));
    expect(cardText(again.body.value)).toContain('Invitation sent');
    expect(await stack.sim.invitationCallsFor('jane.doe@fabrikam.com')).toHaveLength(1);
  });

  it('a later list with the same address (any case) flags it as already invited', async () => {
    const first = await say('invite sam@northwind.com');
    await press('review.send', actionData(first, 'review.send'), DANA, 'personal', 'review-sam');
    await updatedCard('review-sam');
    const second = await say('invite SAM@Northwind.com');
    expect(cardText(second)).toContain('Already invited with Guest Invites');
    expect(() => actionData(second, 'review.send')).toThrow();
    expect(await stack.sim.invitationCallsFor('sam@northwind.com')).toHaveLength(1);
  });

  it('a paste of 20 mixed addresses is grouped by reason, and only the ready ones are sent', async () => {
    const paste = [
      'Name\tEmail',
      'Ada Lovelace\tada@northwind.com',
      '"Hopper, Grace" <grace@northwind.com>; Turing, Alan <alan@tailspin.com>',
      'please add linus@litware.org and ken@litware.org.',
      'ADA@northwind.com',
      'jane+news@fabrikam.com, bad!char@fabrikam.com, nodomain@fabrikam',
      'walter@contoso.com, fox@contoso.com',
      'ann@fabrikam.com, pending.guest@fabrikam.com',
      'x@bad.blocked.example',
      'not.an.address.example.com',
      'mailto:dennis@litware.org',
      '<a href="mailto:barbara@northwind.com">barbara@northwind.com</a>',
      'margaret@tailspin.com; edsger@tailspin.com; tony@tailspin.com',
    ].join('\n');
    const review = await say(`invite ${paste}`);
    const text = cardText(review);
    expect(text).toContain('10 addresses ready to invite');
    expect(text).toContain('1 duplicate merged');
    for (const heading of ['Not valid addresses', 'Not addresses (no @)', 'Already in your organisation', 'Blocked domains', 'Already guests']) {
      expect(text).toContain(heading);
    }
    expect(text).toContain('Hopper, Grace');
    expect(text).toContain('Turing, Alan');

    const sent = await press('review.send', actionData(review, 'review.send'), DANA, 'personal', 'review-20');
    expect(sent.status).toBe(200);
    const done = cardText(await updatedCard('review-20'));
    expect(done).toContain('10 invitations sent');
    const counts = await stack.sim.invitationCounts();
    for (const address of ['ada@northwind.com', 'grace@northwind.com', 'alan@tailspin.com', 'linus@litware.org', 'barbara@northwind.com', 'dennis@litware.org']) {
      expect(counts[address]).toBe(1);
    }
    for (const address of ['jane+news@fabrikam.com', 'fox@contoso.com', 'ann@fabrikam.com', 'pending.guest@fabrikam.com', 'x@bad.blocked.example']) {
      expect(counts[address]).toBeUndefined();
    }
  });

  it('only the person who started a list may send it; the refusal is logged', async () => {
    const review = await say('invite mulder.test@northwind.com');
    const forged = await press('review.send', actionData(review, 'review.send'), FOX);
    expect(forged.status).toBe(403);
    expect(forged.body).toMatchObject({ type: 'application/vnd.microsoft.error', value: { code: 'NotYourList' } });
    expect(await stack.sim.invitationCallsFor('mulder.test@northwind.com')).toHaveLength(0);
    expect(stack.bot.logs.join('\n')).toContain('card action refused');
  });

  it('Edit brings the form back as typed; Remove flagged and Cancel change the list', async () => {
    const review = await say('invite keep@northwind.com, fox@contoso.com');
    const removed = await press('review.removeFlagged', actionData(review, 'review.removeFlagged'));
    expect(cardText(removed.body.value)).toContain('1 address ready to invite.');
    expect(cardText(removed.body.value)).not.toContain('fox@contoso.com');

    const edited = await press('review.edit', actionData(review, 'review.edit'));
    expect(JSON.stringify(edited.body.value)).toContain('"value":"keep@northwind.com, fox@contoso.com"');
    const stale = await press('review.send', actionData(review, 'review.send'));
    expect(cardText(stale.body.value)).toContain('Cancelled');

    const other = await say('invite cancel.me@northwind.com');
    const cancelled = await press('review.cancel', actionData(other, 'review.cancel'));
    expect(cardText(cancelled.body.value)).toContain('Nothing was sent');
    expect(await stack.sim.invitationCallsFor('keep@northwind.com')).toHaveLength(0);
    expect(await stack.sim.invitationCallsFor('cancel.me@northwind.com')).toHaveLength(0);
  });

  it('invite alone opens the form; its values are checked and kept, and Review leads to the review', async () => {
    const form = await say('invite');
    expect(JSON.stringify(form)).toContain('"id":"addresses"');
    // Microsoft's email (the default delivery) drops personal notes: the form does not offer one, and says how to.
    expect(JSON.stringify(form)).not.toContain('"id":"personalMessage"');
    expect(cardText(form)).toContain('INVITATION_DELIVERY=mailbox');
    const values = {
      addresses: 'Form Person <form.person@northwind.com>',
      redirectChoice: 'other',
      redirectOther: 'http://insecure.example',
      cc: 'not-an-address',
      language: 'de-DE',
    };
    const refused = await press('form.review', values);
    const refusedText = cardText(refused.body.value);
    expect(refusedText).toContain('must be a full https:// address');
    expect(refusedText).toContain('The copy address');
    expect(JSON.stringify(refused.body.value)).toContain('Form Person <form.person@northwind.com>');

    // A note from an older form is not shown on the review as if it would reach the guest.
    const accepted = await press('form.review', { ...values, personalMessage: 'Welcome!', redirectOther: 'https://contoso.sharepoint.com/sites/partners', cc: 'boss@contoso.com' });
    const text = cardText(accepted.body.value);
    expect(text).toContain('Review before sending');
    expect(text).not.toContain('Welcome!');
    expect(text).toMatch(/Landing page:\s*contoso\.sharepoint\.com\/sites\/partners/);
    // The language chosen on the form comes back on the review, where it can still be changed.
    expect(JSON.stringify(accepted.body.value)).toMatch(/"id":"messageLanguage","label":"Language of the invitation email","value":"de-DE"/);
    expect(text).toContain('boss@contoso.com');
    await press('review.send', actionData(accepted.body.value, 'review.send'), DANA, 'personal', 'review-form');
    await updatedCard('review-form');
    const [call] = await stack.sim.invitationCallsFor('form.person@northwind.com');
    expect(call?.body).toMatchObject({
      inviteRedirectUrl: 'https://contoso.sharepoint.com/sites/partners',
      invitedUserMessageInfo: { messageLanguage: 'de-DE', ccRecipients: [{ emailAddress: { address: 'boss@contoso.com' } }] },
    });
  });

  it('a stored review survives a restart: another bot process can send it', async () => {
    const review = await say('invite restart.proof@northwind.com');
    const second = await startBotInProcess(stack.env);
    try {
      const response = await postActivity(second.messagesEndpoint, cardAction('review.send', actionData(review, 'review.send'), { ...activityOptions(), replyToId: 'review-restart' }));
      expect(response.status).toBe(200);
      await updatedCard('review-restart');
      expect(await stack.sim.invitationCallsFor('restart.proof@northwind.com')).toHaveLength(1);
    } finally {
      await second.close();
    }
  });

  it('a long list is paged; Next shows the following page', async () => {
    const list = Array.from({ length: 60 }, (_, i) => `paged${i}@northwind.com`).join('\n');
    const review = await say(`invite ${list}`);
    expect(cardText(review)).toContain('Page 1 of 3');
    expect(cardText(review)).toContain('paged0@northwind.com');
    const next = await press('review.page', actionData(review, 'review.page'));
    expect(cardText(next.body.value)).toContain('Page 2 of 3');
    expect(cardText(next.body.value)).toContain('paged25@northwind.com');
    expect(cardText(next.body.value)).not.toContain('paged0@northwind.com');
  });

  it('more than 1,000 different addresses are refused with a message, nothing stored or sent', async () => {
    const many = Array.from({ length: 1001 }, (_, i) => `bulk${i}@northwind.com`).join(', ');
    expect(cardText(await say(`invite ${many}`))).toContain('at most 1,000');
    expect(await stack.sim.invitationCallsFor('bulk0@northwind.com')).toHaveLength(0);
  });

  it('works in a group chat and in a channel, where the bot is @mentioned', async () => {
    for (const scope of ['groupChat', 'channel'] as const) {
      const address = `${scope.toLowerCase()}.guest@northwind.com`;
      const review = await say(`invite ${address}`, scope);
      await press('review.send', actionData(review, 'review.send'), DANA, scope, `review-${scope}`);
      expect(cardText(await updatedCard(`review-${scope}`))).toContain('Invitation sent');
      expect(await stack.sim.invitationCallsFor(address)).toHaveLength(1);
    }
  });

  it('keeps addresses out of its logs', () => {
    const joined = stack.bot.logs.join('\n');
    expect(joined).toContain('j***@fabrikam.com');
    expect(joined).not.toMatch(/jane\.doe@fabrikam\.com/);
    expect(joined).not.toContain(stack.env.GRAPH_CLIENT_SECRET);
  });
});

describe('conversation basics', () => {
  it.each(['personal', 'groupChat', 'channel'] as const)('greets when installed in a %s conversation', async (scope) => {
    const response = await postActivity(stack.bot.messagesEndpoint, botInstalled(activityOptions(scope)));
    expect(response.status).toBe(200);
    const [reply] = await stack.connector.waitFor((call) => call.activity.type === 'message');
    const text = cardText(validCard(reply!));
    expect(text).toContain('Guest Invites');
    expect(text.includes('@mention me')).toBe(scope !== 'personal');
    expect(JSON.stringify(cardOf(reply!))).toContain('"type":"Action.Submit","title":"Invite someone","style":"positive","data":{"command":"invite"}');
  });

  it.each(['personal', 'groupChat', 'channel'] as const)('the welcome’s buttons, pressed in a %s, are answered as the typed command, in a new card', async (scope) => {
    const form = await submit('invite', scope);
    expect(JSON.stringify(form)).toContain('"id":"addresses"');
    const help = await submit('help', scope);
    expect(cardText(help)).toContain('Guest Invites: help');
    expect(cardText(help)).toContain('status jane@fabrikam.com');
    expect(stack.connector.calls.filter((call) => call.method === 'PUT')).toEqual([]);
  });

  it.each([
    ['hi', 'Hello, Dana Scully!'],
    ['Good morning!', 'Hello, Dana Scully!'],
    ['thanks', 'You’re welcome, Dana Scully.'],
  ])('answers %j by name, with what one can do as buttons', async (said, greeting) => {
    for (const scope of ['personal', 'channel'] as const) {
      const card = await say(said, scope);
      expect(cardText(card)).toContain(greeting);
      expect(cardText(card)).not.toContain('I don’t know the command');
      const buttons = (card.actions as { type: string; title: string; data: { command: string } }[]).map((action) => [action.type, action.title, action.data.command]);
      expect(buttons).toEqual([
        ['Action.Submit', 'Invite someone', 'invite'],
        ['Action.Submit', 'My invitations', 'status'],
        ['Action.Submit', 'Help', 'help'],
      ]);
    }
    expect(cardText(await submit('status'))).not.toContain('I don’t know the command');
  });

  it('answers help with the help card', async () => {
    expect(cardText(await say('help', 'channel'))).toContain('Guest Invites: help');
  });

  it('answers anything else with the usage card, showing what was said as plain text', async () => {
    const card = await say('please [click](https://evil.example) ${x}');
    expect(JSON.stringify(card)).toContain('"type":"TextRun","text":"please [click](https://evil.example) ${x}"');
  });

  it('an unknown card action gets an explicit error, not silence', async () => {
    const answer = await press('review.explode', {});
    expect(answer.status).toBe(400);
    expect(answer.body.value).toMatchObject({ code: 'UnknownAction' });
  });
});

describe('when something outside the bot fails', () => {
  async function withBot(overrides: Record<string, string>, run: (target: BotUnderTest) => Promise<void>) {
    const target = await startBotInProcess({ ...stack.env, ...overrides });
    try {
      await run(target);
    } finally {
      await target.close();
    }
  }

  it('a wrong client secret gives a specific message and sends nothing', async () => {
    await withBot({ GRAPH_CLIENT_SECRET: 'wrong-secret' }, async (broken) => {
      expect(cardText(await say('invite secret.case@fabrikam.com', 'personal', broken))).toContain('client secret was refused');
      expect(await stack.sim.invitationCallsFor('secret.case@fabrikam.com')).toHaveLength(0);
      expect(broken.logs.join('\n')).not.toContain('wrong-secret');
    });
  });

  it('an unreachable Graph gives a specific message', async () => {
    await withBot({ GRAPH_BASE_URL: 'https://127.0.0.1:9', ENTRA_AUTHORITY_HOST: 'https://127.0.0.1:9' }, async (down) => {
      expect(cardText(await say('invite nobody.home@fabrikam.com', 'personal', down))).toContain('could not be reached');
    });
  });

  it('unreachable storage gives a specific message and nothing reaches Graph', async () => {
    const connection = stack.azurite.connectionString.replace(/TableEndpoint=http:\/\/127\.0\.0\.1:\d+/, 'TableEndpoint=http://127.0.0.1:9');
    await withBot({ AZURE_STORAGE_CONNECTION_STRING: connection }, async (noStorage) => {
      expect(cardText(await say('invite storage.down@fabrikam.com', 'personal', noStorage))).toContain('cannot reach its storage');
      expect(await stack.sim.invitationCallsFor('storage.down@fabrikam.com')).toHaveLength(0);
    });
  });

  it('refuses a request without a valid Bot Framework token once MicrosoftAppId is set', async () => {
    const secure = { BOT_AUTHENTICATION: '', MicrosoftAppId: '5b1f3c2d-0e4a-4b6c-8d7e-9f0a1b2c3d4e', MicrosoftAppPassword: 'bot-secret', MicrosoftAppTenantId: stack.simulator.tenantId };
    await withBot(secure, async (secured) => {
      expect((await postActivity(secured.messagesEndpoint, message('help', activityOptions()))).status).toBe(401);
      const forged = await postActivity(secured.messagesEndpoint, message('help', activityOptions()), { authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJhdWQiOiJ4In0.' });
      expect(forged.status).toBe(401);
      expect(stack.connector.calls).toHaveLength(0);
    });
  });
});

describe('redemption paths and help', () => {
  it('the review names how each guest will sign in, from the tenant’s configuration, and what is worth knowing', async () => {
    await stack.sim.configure({ socialIdentityProviders: [] });
    expect(cardText(await say('refresh'))).toMatch(/Google federation \(Gmail\): \s*off/);
    const review = await say('invite lee.path@gmail.com, sam@tailspin.com, kim.path@outlook.com');
    const text = cardText(review);
    expect(text).toContain('Signs in with: Email passcode or Microsoft account');
    expect(text).toContain("Signs in with: Their organisation’s sign-in (Tailspin");
    expect(text).toContain('Signs in with: Microsoft account');
    expect(text).toMatch(/lee\.path@gmail\.com\s*: Google federation is off, so this Gmail address does not sign in with Google\./);
    await stack.sim.reset();
    await say('refresh');
  });

  it('an organisation that cross-tenant access blocks is flagged, not sent', async () => {
    await stack.sim.configure({
      crossTenantAccess: {
        partners: [{
          tenantId: '9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d',
          b2bCollaborationInbound: {
            usersAndGroups: { accessType: 'blocked', targets: [{ target: 'AllUsers', targetType: 'user' }] },
            applications: { accessType: 'blocked', targets: [{ target: 'AllApplications', targetType: 'application' }] },
          },
        }],
      },
    });
    await say('refresh');
    const review = await say('invite blocked.partner@northwind.com');
    expect(cardText(review)).toContain('Organisations your cross-tenant access settings block');
    expect(cardText(review)).toContain('AADSTS500213');
    expect(JSON.stringify(review)).not.toContain('review.send');
    await stack.sim.reset();
    await say('refresh');
  });

  it('the result says Microsoft emailed the guests, with how each signs in behind Show details', async () => {
    const review = await say('invite guide.one@litware.org');
    await press('review.send', actionData(review, 'review.send'), DANA, 'personal', 'review-guide');
    const done = await updatedCard('review-guide');
    expect(cardText(done)).toContain('Microsoft emailed each guest; if one asks how to sign in, the details are here.');
    expect(cardText(done)).not.toContain('pass this on');
    expect(cardText(done)).toContain('Email passcode or Microsoft account: guide.one@litware.org');
    expect(JSON.stringify(done)).toMatch(/"id":"sign-in-guides","isVisible":false/);
    expect(cardText(done)).toContain('Type the code within 30 minutes');
  });

  it.each([
    ['help the guest says she never got the email', 'Invitation email'],
    ['help AADSTS50020: User account from identity provider does not exist in tenant', 'AADSTS50020'],
    ['the link expired, what now?', 'link'],
  ])('answers "%s" with what it means and who does what', async (question, expected) => {
    const card = await say(question);
    const text = cardText(card);
    expect(text).toContain(expected);
    expect(text).toContain('What the inviter or an administrator does');
  });

  it('a pasted error page: the code explained, unknown codes sent to Microsoft’s page, the ids an admin needs', async () => {
    const page = 'help Sign in\nSorry, but we’re having trouble signing you in.\nAADSTS500213: blocked\nAADSTS9999999: something\nRequest Id: 0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0\nCorrelation ID: 11111111-2222-3333-4444-555555555555\nTimestamp: 2026-12-01T10:00:00Z';
    const text = cardText(await say(page));
    expect(text).toContain('AADSTS500213');
    expect(text).toContain('https://login.microsoftonline.com/error?code=9999999');
    expect(text).toContain('11111111-2222-3333-4444-555555555555');
  });

  it('a question asked in German or French is understood and answered in the asker’s language', async () => {
    const german = cardText(await answerTo({ ...message('help Der Link ist abgelaufen, AADSTS50020', activityOptions('personal')), locale: 'de-DE' }));
    expect(german).toContain('AADSTS50020: Mit einem nicht eingeladenen Konto angemeldet');
    expect(german).toContain('Einladungslink scheint abgelaufen oder schon benutzt');
    const french = cardText(await answerTo({ ...message('help je n’ai pas reçu l’invitation', activityOptions('personal')), locale: 'fr-FR' }));
    expect(french).toContain('E-mail d’invitation non reçu');
    expect(french).toContain('invites@microsoft.com');
  });

  it('a question naming a guest we invited speaks of that invitation', async () => {
    const review = await say('invite named.guest@litware.org');
    await press('review.send', actionData(review, 'review.send'), DANA, 'personal', 'review-named');
    await updatedCard('review-named');
    const text = cardText(await say('help named.guest@litware.org did not get the email'));
    expect(text).toContain('named.guest@litware.org');
    expect(text).toContain('Invited by Dana Scully on');
    expect(text).toContain('Signs in with: Email passcode or Microsoft account');
  });

  it('a help question it cannot place gets a specific prompt, not silence', async () => {
    expect(cardText(await say('help banana'))).toContain('I could not tell what went wrong');
  });
});

describe('fixing an invitation: resend, reset redemption, the Accept link', () => {
  async function invited(address: string, cardId: string): Promise<void> {
    const review = await say(`invite ${address}`);
    await press('review.send', actionData(review, 'review.send'), DANA, 'personal', cardId);
    await updatedCard(cardId);
  }

  it('the inviter resends after confirming; Graph is asked again for the same guest and the new link is kept; it is audited', async () => {
    await invited('fix.resend@litware.org', 'review-fix-resend');
    const answer = await say('help fix.resend@litware.org');
    expect(actionData(answer, 'fix.confirm')).toEqual({ address: 'fix.resend@litware.org', action: 'resend' });
    const confirm = await press('fix.confirm', { address: 'fix.resend@litware.org', action: 'resend' });
    expect(cardText(confirm.body.value)).toContain('Resend the invitation?');
    expect(await stack.sim.invitationCallsFor('fix.resend@litware.org')).toHaveLength(1);
    const done = await press('fix.run', { address: 'fix.resend@litware.org', action: 'resend' });
    expect(cardText(done.body.value)).toContain('Invitation sent again');
    expect(await stack.sim.invitationCallsFor('fix.resend@litware.org')).toHaveLength(2);
    const audit = TableClient.fromConnectionString(stack.azurite.connectionString, 'audit', { allowInsecureConnection: true });
    const events = [];
    for await (const event of audit.listEntities<Record<string, unknown>>()) events.push(event);
    expect(events).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'resend', subject: 'fix.resend@litware.org', outcome: 'done', actorName: 'Dana Scully' })]));
  });

  it('someone else is refused on the server, and nothing reaches Graph', async () => {
    await invited('fix.refused@litware.org', 'review-fix-refused');
    const refused = await press('fix.run', { address: 'fix.refused@litware.org', action: 'reset-redemption' }, FOX);
    expect(refused.body).toMatchObject({ statusCode: 403, value: { code: 'NotYourInvitation' } });
    expect(await stack.sim.invitationCallsFor('fix.refused@litware.org')).toHaveLength(1);
  });

  it('a reset after the guest accepted with the wrong account: Graph is asked to reset, or says why not', async () => {
    await invited('fix.reset@litware.org', 'review-fix-reset');
    await stack.sim.redeem('fix.reset@litware.org', { signInAs: 'someone.else@litware.org' });
    const reset = await press('fix.run', { address: 'fix.reset@litware.org', action: 'reset-redemption' });
    const calls = await stack.sim.invitationCallsFor('fix.reset@litware.org');
    expect(calls.at(-1)?.body).toMatchObject({ resetRedemption: true, invitedUser: { id: expect.any(String) } });
    // The seeded app has User.Invite.All only; Microsoft requires User.ReadWrite.All to reset, and the card says so.
    expect(cardText(reset.body.value)).toContain('Reset redemption: failed');
    expect(cardText(reset.body.value)).toContain('needs the application permission User.ReadWrite.All');
  });

  it('Withdraw without User.ReadWrite.All (the seeded app) says which permission is missing, and the guest stays', async () => {
    await invited('fix.withdraw@litware.org', 'review-fix-withdraw');
    const failed = await press('fix.run', { address: 'fix.withdraw@litware.org', action: 'withdraw-invitation' });
    expect(cardText(failed.body.value)).toContain('Withdraw: failed');
    expect(cardText(failed.body.value)).toContain('deleting a guest user needs the application permission User.ReadWrite.All');
    expect((await stack.sim.users()).some((user) => user['mail'] === 'fix.withdraw@litware.org')).toBe(true);
    expect(cardText(await say('status fix.withdraw@litware.org'))).toContain('Not accepted yet.');
  });

  it('the Accept link is shown to the inviter, with the warning that goes with it', async () => {
    await invited('fix.link@litware.org', 'review-fix-link');
    const shown = await press('fix.run', { address: 'fix.link@litware.org', action: 'copy-link' });
    expect(cardText(shown.body.value)).toMatch(/https:\/\/login\.microsoftonline\.com\/redeem\?/);
    expect(cardText(shown.body.value)).toContain('send it only to the guest');
  });
});

describe('predicted against actual', () => {
  it('paths asks the directory how accepted guests signed in and counts the predictions that held', async () => {
    const review = await say('invite lee.verify@litware.org, kim.verify@outlook.com');
    await press('review.send', actionData(review, 'review.send'), DANA, 'personal', 'review-verify');
    await updatedCard('review-verify');
    await stack.sim.redeem('lee.verify@litware.org');
    await stack.sim.redeem('kim.verify@outlook.com');
    const text = cardText(await say('paths'));
    expect(text).toContain('Predicted sign-in against what guests did');
    expect(text).toMatch(/Microsoft account\n\d+ invited, \d+ accepted, \d+ as predicted/);
    const rows = invitationsTable();
    const lee = await rows.getEntity<Record<string, unknown>>(stack.simulator.tenantId, encodeURIComponent('lee.verify@litware.org'));
    const kim = await rows.getEntity<Record<string, unknown>>(stack.simulator.tenantId, encodeURIComponent('kim.verify@outlook.com'));
    expect(lee).toMatchObject({ predictedPath: 'email-otp', predictedOtherwise: 'microsoft-account', actualPath: 'email-otp', state: 'Accepted' });
    expect(kim).toMatchObject({ predictedPath: 'microsoft-account', actualPath: 'microsoft-account', state: 'Accepted' });
  });
});

describe('status', () => {
  it('lists my invitations newest first with their state, brought up to date with the directory', async () => {
    const review = await say('invite status.one@litware.org, status.two@litware.org');
    await press('review.send', actionData(review, 'review.send'), DANA, 'personal', 'review-status');
    await updatedCard('review-status');
    await stack.sim.redeem('status.two@litware.org');
    const text = cardText(await say('status'));
    expect(text).toMatch(/Your invitations \(\d+\)/);
    expect(text).toMatch(/status\.two@litware\.org\n\s*accepted \(Email passcode\)/);
    expect(text).toMatch(/status\.one@litware\.org\n\s*not accepted yet/);
  });

  it('shows only the asker’s own invitations', async () => {
    const response = await postActivity(stack.bot.messagesEndpoint, message('status', activityOptions('personal', FOX)));
    expect(response.status).toBe(200);
    const [reply] = await stack.connector.waitFor((call) => call.activity.type === 'message');
    expect(cardText(validCard(reply!))).not.toContain('status.one@litware.org');
  });

  it('status <address> tells about one invitation, with what can be done', async () => {
    const card = await say('status status.one@litware.org');
    expect(cardText(card)).toContain('Invited by Dana Scully on');
    expect(actionData(card, 'fix.confirm')).toEqual({ address: 'status.one@litware.org', action: 'resend' });
  });
});
