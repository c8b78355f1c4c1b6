/**
 * "Invite guests from this message" through the bot's real /api/messages: Teams' composeExtension/fetchTask
 * with a message's HTML (mentions, mailto links, `Name <address>` escaped, prose, a table) answers with the
 * review dialog; composeExtension/submitAction with the ticked addresses sends each exactly once (the
 * simulator counts), with the progress card where the person sees it; refusals are said in the dialog.
 */
import { describe, expect, it } from 'vitest';
import { BOT, DANA, FOX, message, messageAction, postActivity, WALTER, type MessagePayloadOptions, type Scope } from '../support/activities.js';
import { useBotStack } from '../support/bot-stack.js';
import { cardOf, cardText, type RecordedCall } from '../support/connector-recorder.js';
import { validateCard } from '../support/schemas.js';

const stack = useBotStack({ INVITE_RATE_LIMIT: '100/1' });

/** A message as Teams draws it: a mention, a mailto link with a name, an escaped `Name <address>`, prose, a table, a colleague and a known guest. */
const MESSAGE_HTML = [
  '<p><at id="0">Dana Scully</at> could you bring the Fabrikam team in? ',
  '<a href="mailto:lena.ortiz@fabrikam.com" title="mailto:lena.ortiz@fabrikam.com">Lena Ortiz</a>, Jane Doe &lt;jane.doe@fabrikam.com&gt; and ',
  'also omar@northwind.example.</p>',
  '<table><tr><th>Name</th><th>Email</th></tr><tr><td>Eve Ng</td><td>eve.ng&#64;northwind.example</td></tr></table>',
  '<p>Dana (<a href="mailto:dana@contoso.com">dana@contoso.com</a>) is ours; Ann (ann@fabrikam.com) is already a guest.</p>',
].join('');

const READY = ['lena.ortiz@fabrikam.com', 'jane.doe@fabrikam.com', 'omar@northwind.example', 'eve.ng@northwind.example'];

interface ActionAnswer {
  task?: { type: 'continue'; value: { title: string; card: { contentType: string; content: Record<string, unknown> } } } | { type: 'message'; value: string };
}

type Person = { id: string; name: string; aadObjectId: string };

async function invoke(
  name: 'composeExtension/fetchTask' | 'composeExtension/submitAction',
  options: { from?: Person; scope?: Scope; message?: MessagePayloadOptions; data?: Record<string, unknown>; locale?: string; tenantId?: string } = {},
): Promise<ActionAnswer> {
  const activity = messageAction(
    name,
    { commandId: 'inviteFromMessage', message: options.message ?? { html: MESSAGE_HTML, mentions: [{ id: DANA.aadObjectId, name: DANA.name }] }, ...(options.data ? { data: options.data } : {}) },
    {
      serviceUrl: stack.connector.serviceUrl,
      tenantId: options.tenantId ?? stack.simulator.tenantId,
      scope: options.scope ?? 'channel',
      from: options.from ?? DANA,
      ...(options.locale ? { locale: options.locale } : {}),
    },
  );
  const response = await postActivity(stack.bot.messagesEndpoint, activity);
  expect(response.status).toBe(200);
  return (await response.json()) as ActionAnswer;
}

/** The dialog's Adaptive Card, checked against the schema. */
function dialogCard(answer: ActionAnswer): { title: string; card: Record<string, unknown> } {
  expect(answer.task?.type).toBe('continue');
  const value = (answer.task as Extract<ActionAnswer['task'], { type: 'continue' }>).value;
  expect(value.card.contentType).toBe('application/vnd.microsoft.card.adaptive');
  expect(validateCard(value.card.content)).toEqual([]);
  return { title: value.title, card: value.card.content };
}

function toggles(card: unknown): { id: string; address: string }[] {
  const found: { id: string; address: string }[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (record.type === 'Input.Toggle') {
      expect(record.value, 'ticked at first').toBe(record.valueOn);
      found.push({ id: String(record.id), address: String(record.title) });
    }
    Object.values(record).forEach(walk);
  };
  walk(card);
  return found;
}

function submitData(card: Record<string, unknown>, untick: readonly string[] = []): Record<string, unknown> {
  const send = (card.actions as { type: string; data: Record<string, unknown> }[]).find((action) => action.type === 'Action.Submit');
  expect(send).toBeDefined();
  // What Teams sends on Action.Submit: the action's data and every input's value.
  return { ...send!.data, ...Object.fromEntries(toggles(card).map(({ id, address }) => [id, untick.includes(address) ? 'false' : 'true'])) };
}

const postedCards = (conversationId: string) => (call: RecordedCall) =>
  call.method === 'POST' && call.conversationId === conversationId && call.activity.type === 'message' && cardOf(call) !== undefined;

describe('the message extension on a message', () => {
  it('reads mentions, mailto links, Name <address>, prose and tables out of the HTML, and flags what the chat review flags', async () => {
    const before = await stack.sim.invitationCounts();
    const { title, card } = dialogCard(await invoke('composeExtension/fetchTask'));
    expect(title).toBe('Invite guests from this message');
    expect(toggles(card).map((toggle) => toggle.address)).toEqual(READY);
    const text = cardText(card);
    expect(text).toContain('Addresses in Fox Mulder’s message:');
    expect(text).toMatch(/dana@contoso\.com\n — (your organisation’s own domain|already a member of your organisation)/);
    expect(text).toMatch(/ann@fabrikam\.com\n — already a guest/);
    // The mention names someone already in the conversation: no address, no entry.
    expect(text).not.toContain('Dana Scully');
    expect(text).toContain('Send 4 invitations');
    expect(await stack.sim.invitationCounts()).toEqual(before);
  });

  it('sends each ticked address exactly once, posts the progress card in the channel thread, and a second submit sends nothing', async () => {
    const { card } = dialogCard(await invoke('composeExtension/fetchTask'));
    const data = submitData(card, ['eve.ng@northwind.example']);
    stack.connector.clear();
    const answer = await invoke('composeExtension/submitAction', { data });
    expect(answer.task).toEqual({ type: 'message', value: '3 invitations are on their way. You can follow the progress on the card I posted in this conversation.' });

    const channel = '19:general@thread.tacv2;messageid=1700000000000';
    const [progress] = await stack.connector.waitFor(postedCards(channel));
    expect(validateCard(cardOf(progress!))).toEqual([]);
    expect(cardText(cardOf(progress!))).toMatch(/Sending 3 invitations… 0 of 3 done/);
    await stack.connector.waitFor((call) => call.method === 'PUT' && /3 invitations sent/.test(cardText(cardOf(call))));

    const counts = await stack.sim.invitationCounts();
    for (const address of READY.slice(0, 3)) expect(counts[address], address).toBe(1);
    expect(counts['eve.ng@northwind.example'] ?? 0).toBe(0);
    expect(counts['dana@contoso.com'] ?? 0).toBe(0);
    expect(counts['ann@fabrikam.com'] ?? 0).toBe(0);

    const again = await invoke('composeExtension/submitAction', { data });
    expect(cardText(dialogCard(again).card)).toContain('This list has already been sent.');
    expect(await stack.sim.invitationCounts()).toEqual(counts);
  });

  it('posts the progress card in the personal chat when the bot is not part of the chat the message is in', async () => {
    const message = { html: '<p>Please add <a href="mailto:priya@litware-partner.example">Priya</a></p>' };
    const { card } = dialogCard(await invoke('composeExtension/fetchTask', { scope: 'groupChat', message }));
    stack.connector.clear();
    stack.connector.script({
      method: 'POST',
      matches: (call) => call.conversationId === '19:group-1@thread.v2',
      status: 403,
      body: { error: { code: 'BotNotInConversationRoster', message: 'The bot is not part of the conversation roster.' } },
    });
    try {
      const answer = await invoke('composeExtension/submitAction', { scope: 'groupChat', message, data: submitData(card) });
      expect(answer.task).toEqual({
        type: 'message',
        value: 'The invitation is on its way. I am not part of this conversation, so the progress card is in our personal chat.',
      });
    } finally {
      stack.connector.clearScripts();
    }
    const [created] = stack.connector.calls.filter((call) => call.method === 'POST' && call.path === '/v3/conversations');
    expect(created?.activity).toMatchObject({ isGroup: false, bot: { id: BOT.id }, members: [{ id: DANA.id }], tenantId: stack.simulator.tenantId });
    const personal = stack.connector.calls.find((call) => call.method === 'POST' && call.conversationId !== '' && call.conversationId !== '19:group-1@thread.v2' && cardOf(call));
    expect(cardText(cardOf(personal!))).toMatch(/Sending 1 invitation… 0 of 1 done/);
    await stack.connector.waitFor((call) => call.method === 'PUT' && call.conversationId === personal!.conversationId && /Invitation sent/.test(cardText(cardOf(call))));
    expect((await stack.sim.invitationCounts())['priya@litware-partner.example']).toBe(1);
  });

  it('unticking everything sends nothing, and says so', async () => {
    const message = { html: '<p>nobody.really@fabrikam.com</p>' };
    const { card } = dialogCard(await invoke('composeExtension/fetchTask', { message }));
    const answer = await invoke('composeExtension/submitAction', { message, data: submitData(card, ['nobody.really@fabrikam.com']) });
    expect(cardText(dialogCard(answer).card)).toContain('You unticked every address, so nobody was invited.');
    expect((await stack.sim.invitationCounts())['nobody.really@fabrikam.com'] ?? 0).toBe(0);
  });

  it('speaks German to a German Teams', async () => {
    const message = { html: '<p>Bitte einladen: <a href="mailto:karl@fabrikam.com">Karl</a>, mia@fabrikam.com; ann@fabrikam.com</p>' };
    const { title, card } = dialogCard(await invoke('composeExtension/fetchTask', { locale: 'de-DE', message }));
    expect(title).toBe('Gäste aus Nachricht einladen');
    const text = cardText(card);
    expect(text).toContain('Adressen in der Nachricht von Fox Mulder:');
    expect(text).toMatch(/ann@fabrikam\.com\n — bereits Gast/);
    expect(text).toContain('2 Einladungen senden');
  });
});

describe('refusals, said in the dialog', () => {
  const noticeOf = async (answer: Promise<ActionAnswer>) => cardText(dialogCard(await answer).card);

  it('someone the tenant does not let invite', async () => {
    await stack.sim.configure({ authorizationPolicy: { allowInvitesFrom: 'adminsAndGuestInviters' } } as never);
    await refresh();
    try {
      const text = await noticeOf(invoke('composeExtension/fetchTask', { from: FOX }));
      expect(text).toContain('You cannot invite guests');
      expect(text).toContain('Nothing was sent.');
    } finally {
      await stack.sim.configure({ authorizationPolicy: { allowInvitesFrom: 'everyone' } } as never);
      await refresh();
    }
  });

  it('a chat with people from other organisations, where Teams does not offer message extensions', async () => {
    const message = { html: '<p>jane@fabrikam.com</p>', from: { id: 'f0e1d2c3-0000-4000-8000-000000000001', name: 'Ext Partner', userIdentityType: 'federatedUser' } };
    const text = await noticeOf(invoke('composeExtension/fetchTask', { scope: 'groupChat', message }));
    expect(text).toContain('Not available in this chat');
    expect(text).toContain('Teams does not offer message extensions in chats with people from other organisations');
  });

  it('a message without addresses', async () => {
    const text = await noticeOf(invoke('composeExtension/fetchTask', { message: { html: '<p>Lunch at noon? <at id="0">Fox</at></p>' } }));
    expect(text).toContain('No addresses in this message');
  });

  it('a message from another organisation', async () => {
    const text = await noticeOf(invoke('composeExtension/fetchTask', { tenantId: '11111111-2222-4333-8444-555555555555' }));
    expect(text).toContain('This app invites guests into one organisation only');
  });

  it('someone else pressing Send on a dialog they did not open', async () => {
    const { card } = dialogCard(await invoke('composeExtension/fetchTask', { message: { html: '<p>not.yours@fabrikam.com</p>' } }));
    const text = await noticeOf(invoke('composeExtension/submitAction', { from: WALTER, data: submitData(card) }));
    expect(text).toContain('Only the person who opened this dialog can send this list.');
    expect((await stack.sim.invitationCounts())['not.yours@fabrikam.com'] ?? 0).toBe(0);
  });
});

/** An administrator makes the bot read the tenant's settings again now. */
async function refresh(): Promise<void> {
  stack.connector.clear();
  const response = await postActivity(stack.bot.messagesEndpoint, message('refresh', { serviceUrl: stack.connector.serviceUrl, tenantId: stack.simulator.tenantId, from: DANA }));
  expect(response.status).toBe(200);
  const [reply] = await stack.connector.waitFor((call) => call.method === 'POST' && call.activity.type === 'message');
  expect(cardText(cardOf(reply!))).not.toContain('For administrators only');
}
