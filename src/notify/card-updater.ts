/**
 * Replaces a card the bot posted earlier, outside the turn that posted it (when a batch finishes sending):
 * a proactive turn on the stored conversation reference, then updateActivity on the card's activity id.
 */
import { CardFactory, type CloudAdapter, type ConversationReference } from 'botbuilder';

export class ProactiveCardUpdater {
  constructor(
    private readonly adapter: CloudAdapter,
    /** The bot's Microsoft App ID; empty for the local Playground. */
    private readonly botAppId: string,
  ) {}

  async update(reference: Partial<ConversationReference>, activityId: string, card: object): Promise<void> {
    await this.adapter.continueConversationAsync(this.botAppId, reference, async (context) => {
      await context.updateActivity({ type: 'message', id: activityId, attachments: [CardFactory.adaptiveCard(card)] });
    });
  }
}
