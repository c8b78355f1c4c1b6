/**
 * Another member of the Playground's tenant, acting beside its UI (which always acts as its one current
 * user). Their messages and button presses reach the bot as raw activities through the Playground's
 * POST /_internal/v1/customActivities, which passes `from` through unchanged; the bot's answers, its new
 * posts and its card updates then show in the open page. What the bot answers an invoke sent this way
 * goes nowhere: look for its effects in the page.
 */
import { cardAction, message } from './activities.js';
import { controlRequest } from './simulator-control.js';

interface PlaygroundUser {
  readonly id: string;
  readonly name: string;
  readonly aadObjectId: string;
}

interface PlaygroundTeam {
  readonly id: string;
  readonly name: string;
  readonly aadGroupId: string;
  readonly channels: readonly { readonly id: string; readonly name: string }[];
}

/** What GET /_internal/v1/config answers (the part used here). */
interface PlaygroundConfig {
  readonly tenantId: string;
  readonly bot: { readonly id: string; readonly name: string };
  readonly currentUser: PlaygroundUser;
  readonly users: readonly PlaygroundUser[];
  readonly teams: readonly PlaygroundTeam[];
}

/** Where a button was pressed: a card's message in a conversation (see CardPress). */
export interface CardLocation {
  readonly conversationId: string;
  readonly replyToId: string;
}

export class PlaygroundMember {
  private constructor(
    private readonly playgroundUrl: string,
    private readonly config: PlaygroundConfig,
    readonly user: PlaygroundUser,
  ) {}

  /** One of the Playground's other users (not its current user), by display name. */
  static async named(playgroundUrl: string, name: string): Promise<PlaygroundMember> {
    const { config } = (await controlRequest(playgroundUrl, 'GET', '/_internal/v1/config')) as { config: PlaygroundConfig };
    const user = config.users.find((candidate) => candidate.name === name);
    if (!user) throw new Error(`The Playground has no other user named ${name}: ${config.users.map((candidate) => candidate.name).join(', ')}`);
    return new PlaygroundMember(playgroundUrl, config, user);
  }

  /** The id of a channel of the Playground's team, by name. */
  channelId(channelName: string): string {
    return this.channel(channelName).channel.id;
  }

  /**
   * A new post in a team channel that @mentions the bot. It goes to the channel's id with no
   * `;messageid=`: the Playground only knows the threads of posts its UI made, and a reply to any other
   * thread fails with ConversationNotFound; so the bot's answer arrives as a new post too.
   */
  async postInChannel(channelName: string, text: string): Promise<void> {
    const { channel } = this.channel(channelName);
    const mention = `<at>${this.config.bot.name}</at>`;
    await this.send({
      ...message(text, this.options()),
      ...this.inChannel(channelName, channel.id),
      text: `${mention} ${text}`,
      entities: [{ type: 'mention', text: mention, mentioned: this.config.bot }],
    });
  }

  /** Presses an Action.Execute button of a card the bot posted in a team channel. */
  async pressInChannel(channelName: string, at: CardLocation, verb: string, data: Record<string, unknown>): Promise<void> {
    await this.send({ ...cardAction(verb, data, { ...this.options(), replyToId: at.replyToId }), ...this.inChannel(channelName, at.conversationId) });
  }

  private options() {
    const port = new URL(this.playgroundUrl).port;
    return { serviceUrl: `http://localhost:${port}/_connector`, tenantId: this.config.tenantId, from: this.user };
  }

  /** The Playground's own ids for the bot, the conversation and its team, as Teams puts them on a channel activity. */
  private inChannel(channelName: string, conversationId: string) {
    const { team, channel } = this.channel(channelName);
    const tenantId = this.config.tenantId;
    return {
      recipient: this.config.bot,
      conversation: { id: conversationId, isGroup: true, conversationType: 'channel', tenantId },
      channelData: { tenant: { id: tenantId }, team: { id: team.id, name: team.name, aadGroupId: team.aadGroupId }, channel: { id: channel.id, name: channel.name } },
    };
  }

  private channel(channelName: string) {
    for (const team of this.config.teams) {
      const channel = team.channels.find((candidate) => candidate.name === channelName);
      if (channel) return { team, channel };
    }
    throw new Error(`The Playground has no channel named ${channelName}`);
  }

  private async send(activity: object): Promise<void> {
    await controlRequest(this.playgroundUrl, 'POST', '/_internal/v1/customActivities', activity);
  }
}
