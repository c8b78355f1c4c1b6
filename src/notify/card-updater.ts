/**
 * Replaces a card the bot posted earlier, outside the turn that posted it (a batch's progress and result):
 * a proactive turn on the stored conversation reference, then updateActivity on the card's activity id.
 */
import { CardFactory, type CloudAdapter, type ConversationReference } from 'botbuilder';
import type { StatusCardLocation } from '../domain/invitations/batch.js';

export class ProactiveCardUpdater {
  constructor(
    private readonly adapter: CloudAdapter,
    /** The bot's Microsoft App ID; empty for the local Playground. */
    private readonly botAppId: string,
  ) {}

  /** A new card in the conversation (a notice), not a change to an earlier one. */
  async post(location: StatusCardLocation, card: object): Promise<void> {
    const reference = location.conversation as Partial<ConversationReference>;
    await this.adapter.continueConversationAsync(this.botAppId, reference, async (context) => {
      await context.sendActivity({ type: 'message', attachments: [CardFactory.adaptiveCard(card)] });
    });
  }

  async update(location: StatusCardLocation, card: object): Promise<void> {
    const reference = location.conversation as Partial<ConversationReference>;
    await this.adapter.continueConversationAsync(this.botAppId, reference, async (context) => {
      await context.updateActivity({ type: 'message', id: location.activityId, attachments: [CardFactory.adaptiveCard(card)] });
    });
  }
}
