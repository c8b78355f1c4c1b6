/**
 * The shape an activity must have before a turn is run on it: what botbuilder and the bot read without
 * checking (a type, a conversation, a sender, text that is text, mentions that name someone) and, from
 * Teams, the tenant it comes from. An activity that fails is refused at the HTTP edge with what was wrong,
 * instead of failing inside the turn.
 */
import { z } from 'zod';

const account = z.looseObject({ id: z.string().min(1) });

/** removeRecipientMention reads `mentioned.id` and `text` of every mention. */
const mention = z.looseObject({ type: z.string().regex(/^mention$/i), mentioned: account, text: z.string() });
const otherEntity = z.looseObject({ type: z.string().refine((type) => type.toLowerCase() !== 'mention', 'a mention needs mentioned.id and text') });

/** botbuilder reads `value.action.type` of a card action before the bot sees it. */
const cardActionValue = z.looseObject({ action: z.looseObject({ type: z.string() }) });

const activity = z
  .looseObject({
    type: z.string().min(1),
    id: z.string().optional(),
    channelId: z.string().min(1),
    serviceUrl: z.url(),
    from: account,
    recipient: account,
    conversation: z.looseObject({ id: z.string().min(1), tenantId: z.string().optional(), conversationType: z.string().optional() }),
    channelData: z.looseObject({ tenant: z.looseObject({ id: z.string().optional() }).optional() }).optional(),
    text: z.string().optional(),
    name: z.string().optional(),
    replyToId: z.string().optional(),
    entities: z.array(z.union([mention, otherEntity])).optional(),
    membersAdded: z.array(account).optional(),
    membersRemoved: z.array(account).optional(),
  })
  .refine((value) => value.type !== 'invoke' || value.name !== 'adaptiveCard/action' || cardActionValue.safeParse(value.value).success, {
    message: 'an adaptiveCard/action invoke needs value.action with its type',
    path: ['value', 'action'],
  })
  .refine((value) => value.channelId !== 'msteams' || tenantOf(value) !== undefined, {
    message: 'an activity from Teams must name its tenant (conversation.tenantId or channelData.tenant.id)',
    path: ['conversation', 'tenantId'],
  });

export type ActivityCheck = { readonly ok: true } | { readonly ok: false; readonly problem: string };

export function checkActivity(body: unknown): ActivityCheck {
  const parsed = activity.safeParse(body);
  return parsed.success ? { ok: true } : { ok: false, problem: z.prettifyError(parsed.error) };
}

/** The tenant an activity says it comes from: Teams puts it in the conversation and in channelData. */
export function tenantOf(value: { conversation?: { tenantId?: string | undefined }; channelData?: unknown }): string | undefined {
  const fromChannelData = (value.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
  const tenantId = value.conversation?.tenantId || (typeof fromChannelData === 'string' ? fromChannelData : undefined);
  return tenantId || undefined;
}
