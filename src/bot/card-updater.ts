/**
 * Replaces a card the bot posted earlier, outside the turn that posted it (a batch's progress and result):
 * a proactive turn on the stored conversation reference, then updateActivity on the card's activity id.
 */
import { CardFactory, type CloudAdapter, type ConversationReference, type TurnContext } from 'botbuilder';
import type { StatusCardLocation } from '../domain/invitations/batch.js';

export class ProactiveCardUpdater {
  constructor(
    private readonly adapter: CloudAdapter,
    /** The bot's Microsoft App ID; empty for the local Playground. */
    private readonly botAppId: string,
  ) {}

  /** A new card in the conversation (a notice), not a change to an earlier one; says where it landed. */
  async post(location: Pick<StatusCardLocation, 'conversation'>, card: object): Promise<StatusCardLocation> {
    let activityId = '';
    await this.inConversation(location, async (context) => {
      activityId = (await context.sendActivity({ type: 'message', attachments: [CardFactory.adaptiveCard(card)] }))?.id ?? '';
    });
    return { conversation: location.conversation, activityId };
  }

  update(location: StatusCardLocation, card: object): Promise<void> {
    return this.inConversation(location, async (context) => {
      await context.updateActivity({ type: 'message', id: location.activityId, attachments: [CardFactory.adaptiveCard(card)] });
    });
  }

  private inConversation(location: Pick<StatusCardLocation, 'conversation'>, work: (context: TurnContext) => Promise<void>): Promise<void> {
    return this.adapter.continueConversationAsync(this.botAppId, location.conversation as Partial<ConversationReference>, work);
  }
}
