/** The conversations the bot posts in: when one is gone (the bot removed, Teams refusing it), it is forgotten. */
import { conversationIdOf } from '../domain/invitations/batch.js';
import { forgetConversation, type ForgetConversationDependencies, type LeftConversation } from '../domain/use-cases/forget-conversation.js';
import type { ServiceLog } from './service-log.js';

export interface ConversationsService {
  conversationEnded(left: LeftConversation, why: string): Promise<void>;
  /**
   * Teams says this conversation refuses the bot: it is forgotten. Never throws, so forgetting cannot hide
   * the failure being reported.
   */
  conversationRefused(conversation: Readonly<Record<string, unknown>>, why: string): Promise<void>;
}

export function conversationsService(deps: ForgetConversationDependencies & { readonly log: ServiceLog }): ConversationsService {
  const service: ConversationsService = {
    conversationEnded: async (left, why) => {
      await forgetConversation(deps, left, why);
      deps.log.info({ conversationId: left.conversationId, why }, 'conversation forgotten: nothing more is posted there');
    },
    conversationRefused: async (conversation, why) => {
      const conversationId = conversationIdOf(conversation);
      if (conversationId) await service.conversationEnded({ conversationId }, why).catch((error: unknown) => deps.log.warn({ err: error }, 'could not forget a conversation'));
    },
  };
  return service;
}
