/** Bot Framework activities as Teams sends them, for posting to /api/messages in integration tests. */
import { randomUUID } from 'node:crypto';

export const BOT = { id: '28:guest-invites-test-bot', name: 'Guest Invites' };
export const DANA = { id: '29:dana', name: 'Dana Scully', aadObjectId: '0b7f2a1e-6c3d-4e5f-8a9b-1c2d3e4f5a6b' };

export type Scope = 'personal' | 'groupChat' | 'channel';

export interface ActivityOptions {
  readonly serviceUrl: string;
  readonly tenantId: string;
  readonly scope?: Scope;
  readonly from?: { id: string; name: string; aadObjectId?: string };
  /** The sender's Teams locale ("de-DE") and time zone, as Teams sends them: activity.locale and the clientInfo entity. */
  readonly locale?: string;
  readonly timeZone?: string;
}

function clientInfo(options: ActivityOptions) {
  return options.locale ? [{ type: 'clientInfo', locale: options.locale, ...(options.timeZone ? { timezone: options.timeZone } : {}) }] : [];
}

function conversation(scope: Scope, tenantId: string) {
  if (scope === 'channel') return { id: '19:general@thread.tacv2;messageid=1700000000000', conversationType: 'channel', tenantId, isGroup: true };
  if (scope === 'groupChat') return { id: '19:group-1@thread.v2', conversationType: 'groupChat', tenantId, isGroup: true };
  return { id: 'a:personal-dana', conversationType: 'personal', tenantId };
}

function base(options: ActivityOptions) {
  const scope = options.scope ?? 'personal';
  return {
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl: options.serviceUrl,
    timestamp: new Date().toISOString(),
    from: options.from ?? DANA,
    recipient: BOT,
    conversation: conversation(scope, options.tenantId),
    ...(options.locale ? { locale: options.locale, entities: clientInfo(options) } : {}),
    channelData: {
      tenant: { id: options.tenantId },
      ...(scope === 'channel' ? { team: { id: '19:general@thread.tacv2' }, channel: { id: '19:general@thread.tacv2' } } : {}),
    },
  };
}

/** A message; in group chats and channels it @mentions the bot, as Teams only delivers those. */
export function message(text: string, options: ActivityOptions) {
  const scope = options.scope ?? 'personal';
  if (scope === 'personal') return { ...base(options), type: 'message', text, textFormat: 'plain' };
  const mention = `<at>${BOT.name}</at>`;
  return {
    ...base(options),
    type: 'message',
    text: `${mention} ${text}`,
    textFormat: 'plain',
    entities: [...clientInfo(options), { type: 'mention', text: mention, mentioned: BOT }],
  };
}

/** The conversationUpdate Teams sends when the app is installed (the bot joins the conversation). */
export function botInstalled(options: ActivityOptions) {
  return { ...base(options), type: 'conversationUpdate', membersAdded: [{ id: BOT.id }] };
}

export async function postActivity(messagesEndpoint: string, activity: object, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(messagesEndpoint, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(activity) });
}

/** An Action.Execute press on a card the bot sent (Teams sends it as an adaptiveCard/action invoke). */
export function cardAction(verb: string, data: Record<string, unknown>, options: ActivityOptions & { replyToId?: string }) {
  return {
    ...base(options),
    type: 'invoke',
    name: 'adaptiveCard/action',
    ...(options.replyToId ? { replyToId: options.replyToId } : {}),
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  };
}

/** An Action.Submit press: Teams sends a message with the action's data as `value` and no text, in any scope without an @mention. */
export function cardSubmit(data: Record<string, unknown>, options: ActivityOptions & { replyToId?: string }) {
  return { ...base(options), type: 'message', ...(options.replyToId ? { replyToId: options.replyToId } : {}), value: data };
}

export const FOX = { id: '29:fox', name: 'Fox Mulder', aadObjectId: '99170eae-9d9a-4e85-85d9-062e3c095195' };

/** Seeded in the simulator as Guest Inviter. */
export const MONICA = { id: '29:monica', name: 'Monica Reyes', aadObjectId: 'c1395706-a759-4c6f-8f57-0f66298dda70' };
/** Seeded in the simulator as Global Administrator. */
export const WALTER = { id: '29:walter', name: 'Walter Skinner', aadObjectId: '3058c8f1-9b9e-4b8d-b0f8-b9e5d467fecd' };

/** Teams' `messagePayload` of a message-extension invoke on a message: its HTML body, sender and mentions. */
export interface MessagePayloadOptions {
  readonly html: string;
  readonly from?: { id: string; name: string; userIdentityType?: string };
  readonly mentions?: readonly { id: string; name: string; userIdentityType?: string }[];
}

function messagePayload(message: MessagePayloadOptions) {
  const from = message.from ?? { id: FOX.aadObjectId, name: FOX.name };
  return {
    id: '1700000000001',
    replyToId: null,
    createdDateTime: '2026-12-05T09:30:00.000Z',
    lastModifiedDateTime: null,
    deleted: false,
    subject: null,
    summary: null,
    importance: 'normal',
    locale: 'en-us',
    linkToMessage: 'https://teams.microsoft.com/l/message/19:general@thread.tacv2/1700000000001',
    from: { user: { id: from.id, displayName: from.name, userIdentityType: from.userIdentityType ?? 'aadUser' }, application: null, device: null, conversation: null },
    body: { contentType: 'html', content: message.html },
    attachmentLayout: null,
    attachments: [],
    mentions: (message.mentions ?? []).map((person, index) => ({
      id: index,
      mentionText: person.name,
      mentioned: { user: { id: person.id, displayName: person.name, userIdentityType: person.userIdentityType ?? 'aadUser' }, application: null, device: null, conversation: null },
    })),
    reactions: [],
  };
}

/**
 * A message extension's action command on a message, as Teams sends it: `composeExtension/fetchTask` when the
 * person picks it in the message's … menu, `composeExtension/submitAction` with the dialog's `data` on submit.
 */
export function messageAction(
  name: 'composeExtension/fetchTask' | 'composeExtension/submitAction',
  value: { commandId: string; message: MessagePayloadOptions; data?: Record<string, unknown> },
  options: ActivityOptions & { locale?: string },
) {
  return {
    ...base(options),
    type: 'invoke',
    name,
    ...(options.locale ? { locale: options.locale, entities: [{ type: 'clientInfo', locale: options.locale, country: 'DE', platform: 'Web', timezone: 'Europe/Berlin' }] } : {}),
    value: {
      commandId: value.commandId,
      commandContext: 'message',
      requestId: randomUUID(),
      context: { theme: 'default' },
      messagePayload: messagePayload(value.message),
      ...(value.data ? { data: value.data } : {}),
    },
  };
}

/** The person's answer to a FileConsentCard: Teams sends `fileConsent/invoke`, with where to upload on Allow. */
export function fileConsent(
  action: 'accept' | 'decline',
  context: unknown,
  options: ActivityOptions & { replyToId?: string; uploadInfo?: Record<string, unknown>; locale?: string },
) {
  return {
    ...base(options),
    type: 'invoke',
    name: 'fileConsent/invoke',
    ...(options.locale ? { locale: options.locale } : {}),
    ...(options.replyToId ? { replyToId: options.replyToId } : {}),
    value: { type: 'fileUpload', action, context, ...(action === 'accept' ? { uploadInfo: options.uploadInfo } : {}) },
  };
}
