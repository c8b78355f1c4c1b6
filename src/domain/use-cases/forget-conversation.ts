/**
 * The bot was removed from a conversation (uninstalled from a chat, taken out of a team), or Teams says the
 * conversation no longer takes its posts: nothing is posted there any more. The administrators' channel,
 * if it was that one, is forgotten (audited, so administrators can see why and choose another), and the
 * batch cards there are no longer followed.
 */
import { baseConversationId, conversationIdOf, type InviteBatch } from '../invitations/batch.js';
import type { AuditLog } from '../ports/audit-log.js';
import { storedBatch, type BatchStore } from '../ports/batch-store.js';
import type { ChannelStore } from '../ports/channel-store.js';
import type { Clock } from '../ports/clock.js';
import { StaleWriteError, updateVersioned, WriteConflictError } from '../ports/versioned.js';

export interface ForgetConversationDependencies {
  readonly channels: ChannelStore;
  readonly batches: BatchStore;
  readonly audit: AuditLog;
  readonly clock: Clock;
  readonly tenantId: string;
}

/** Writes that lose to other writers before a batch is left as it is (its card's updates then fail, logged). */
const ATTEMPTS = 5;

/** The conversation the bot left; with the team when it left a whole team (all its channels go with it). */
export interface LeftConversation {
  readonly conversationId: string;
  readonly teamId?: string;
}

export async function forgetConversation(deps: ForgetConversationDependencies, left: LeftConversation, why: string): Promise<void> {
  const gone = baseConversationId(left.conversationId);
  await forgetChannel(deps, gone, left.teamId, why);
  for (const stored of await deps.batches.list(deps.tenantId, { cardConversationId: gone })) await unfollow(deps, stored.value, gone);
}

async function forgetChannel(deps: ForgetConversationDependencies, gone: string, teamId: string | undefined, why: string): Promise<void> {
  const channel = await deps.channels.get(deps.tenantId);
  const inTeam = teamId !== undefined && channel?.value.teamId === teamId;
  if (!channel || (!inTeam && conversationIdOf(channel.value.conversation) !== gone)) return;
  try {
    await deps.channels.put(deps.tenantId, undefined, channel.etag);
  } catch (error) {
    // Chosen anew meanwhile: that choice stands.
    if (error instanceof StaleWriteError) return;
    throw error;
  }
  await deps.audit.append(deps.tenantId, {
    at: deps.clock.now().toISOString(),
    actor: { name: 'Guest Invites' },
    action: 'notify-off',
    subject: channel.value.name ?? 'the notification channel',
    outcome: 'channel-gone',
    detail: why,
  });
}

async function unfollow(deps: ForgetConversationDependencies, batch: InviteBatch, gone: string): Promise<void> {
  const withoutCard = (current: InviteBatch | undefined): InviteBatch | undefined => {
    if (!current?.statusCard || conversationIdOf(current.statusCard.conversation) !== gone) return undefined;
    const { statusCard: _gone, ...rest } = current;
    return rest;
  };
  await updateVersioned(storedBatch(deps.batches, batch), withoutCard, { what: `unfollow the card of batch ${batch.batchId}`, attempts: ATTEMPTS }).catch((error: unknown) => {
    if (!(error instanceof WriteConflictError)) throw error;
  });
}
