/**
 * Posts and replaces cards outside the turn that asked for them (a batch's progress and result, notices,
 * approval cards): a proactive turn on the stored conversation reference, then sendActivity or
 * updateActivity.
 *
 * What can go wrong is answered here, not by the adapter's turn error handler (which would post "Something
 * went wrong" into the chat): a failure comes back to the caller as a ProactiveSendError with Teams' reason.
 * Throttling (429) and passing server errors (5xx) are already retried by the Bot Connector client,
 * honouring Retry-After, a bounded number of times. A card Teams refuses to update (the message was deleted:
 * 404, 403, "activity not found") is posted anew, once, and the caller is told where it now is. A send that
 * comes back without an activity id is no success: it is tried once more, then reported.
 */
import { CardFactory, type CloudAdapter, type TurnContext } from 'botbuilder';
import type { StatusCardLocation } from '../domain/invitations/batch.js';
import { ProactiveSendError } from '../domain/errors.js';

/**
 * botbuilder types the audience of a new conversation as a string, but reads null as "the channel's own
 * audience" (public cloud or government), which is what a bot of this channel wants.
 */
const CHANNEL_DEFAULT_AUDIENCE = null as unknown as string;

export class ProactiveCardUpdater {
  constructor(
    private readonly adapter: CloudAdapter,
    /** The bot's Microsoft App ID; empty for the local Playground. */
    private readonly botAppId: string,
    /** Told when a conversation refuses the bot's posts altogether, so nothing more is posted there. */
    private readonly conversationGone: (conversation: StatusCardLocation['conversation'], why: string) => Promise<void> = () => Promise.resolve(),
  ) {}

  /** A new card in the conversation (a notice), not a change to an earlier one; says where it landed. */
  async post(location: Pick<StatusCardLocation, 'conversation'>, card: object): Promise<StatusCardLocation> {
    for (let attempt = 1; ; attempt++) {
      let activityId: string;
      try {
        activityId = await this.inConversation(location, async (context) => {
          const sent = await context.sendActivity({ type: 'message', attachments: [CardFactory.adaptiveCard(card)] });
          return sent?.id ?? '';
        });
      } catch (error) {
        if (error instanceof ProactiveSendError && error.conversationGone) await this.conversationGone(location.conversation, error.message);
        throw error;
      }
      if (activityId) return { conversation: location.conversation, activityId };
      if (attempt === 2) throw new ProactiveSendError('Teams took the card but gave no activity id for it, twice');
    }
  }

  /**
   * Replaces the card at `location`. When Teams refuses to (the message was deleted), the card is posted
   * as a new message instead, once; the answer is where the card now is.
   */
  async update(location: StatusCardLocation, card: object): Promise<StatusCardLocation> {
    try {
      await this.inConversation(location, async (context) => {
        await context.updateActivity({ type: 'message', id: location.activityId, attachments: [CardFactory.adaptiveCard(card)] });
      });
      return location;
    } catch (error) {
      if (!(error instanceof ProactiveSendError) || !isRefusedUpdate(error)) throw error;
      return this.post(location, card);
    }
  }

  /**
   * A card in a personal chat with someone the bot may never have spoken to, by their Entra object id: Teams
   * creates (or finds) the one-to-one chat when the app is installed for that person (personal scope only).
   */
  async postToPerson(reach: { readonly serviceUrl: string; readonly tenantId: string }, aadObjectId: string, card: object): Promise<void> {
    let failure: unknown;
    try {
      await this.adapter.createConversationAsync(
        this.botAppId,
        'msteams',
        reach.serviceUrl,
        CHANNEL_DEFAULT_AUDIENCE,
        { isGroup: false, bot: { id: this.botAppId, name: '' }, members: [{ id: aadObjectId, name: '' }], tenantId: reach.tenantId, channelData: { tenant: { id: reach.tenantId } } },
        async (context) => {
          try {
            await context.sendActivity({ type: 'message', attachments: [CardFactory.adaptiveCard(card)] });
          } catch (error) {
            failure = error;
          }
        },
      );
    } catch (error) {
      throw asSendError(error);
    }
    if (failure !== undefined) throw asSendError(failure);
  }

  /** Runs `work` in a proactive turn; its failure is caught inside the turn, so no turn error handler sees it. */
  private async inConversation<T>(location: Pick<StatusCardLocation, 'conversation'>, work: (context: TurnContext) => Promise<T>): Promise<T> {
    let outcome: { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown } | undefined;
    try {
      await this.adapter.continueConversationAsync(this.botAppId, location.conversation, async (context) => {
        try {
          outcome = { ok: true, value: await work(context) };
        } catch (error) {
          outcome = { ok: false, error };
        }
      });
    } catch (error) {
      // The turn could not even start (a malformed reference, no credentials for the channel).
      throw asSendError(error);
    }
    if (!outcome) throw new ProactiveSendError('the proactive turn ended without running');
    if (!outcome.ok) throw asSendError(outcome.error);
    return outcome.value;
  }
}

/** Teams' words for a message that is no longer there to update (deleted by its reader). */
const MESSAGE_GONE = /activity not found|message not found|not ?found/i;

function isRefusedUpdate(error: ProactiveSendError): boolean {
  return error.status === 404 || error.status === 403 || (error.status === undefined && MESSAGE_GONE.test(error.message));
}

/** The Bot Connector client throws a RestError: its status and Teams' own error code and message say why. */
function asSendError(error: unknown): ProactiveSendError {
  if (error instanceof ProactiveSendError) return error;
  const rest = (typeof error === 'object' && error !== null ? error : {}) as {
    statusCode?: unknown;
    message?: unknown;
    details?: { error?: { code?: unknown; message?: unknown } };
    body?: { error?: { code?: unknown; message?: unknown } };
  };
  const status = typeof rest.statusCode === 'number' ? rest.statusCode : undefined;
  const teams = rest.details?.error ?? rest.body?.error;
  const reason = [teams?.code, teams?.message].filter((part) => typeof part === 'string' && part !== '').join(': ') || String(rest.message ?? error);
  return new ProactiveSendError(`Teams refused${status ? ` (HTTP ${status})` : ''}: ${reason}`, status, { cause: error });
}
