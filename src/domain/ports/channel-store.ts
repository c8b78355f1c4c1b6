/** The administrators' notification channel. */
import type { Versioned } from './versioned.js';

/** The team channel administrators chose (`notify here`) for the bot's notices and approval cards. */
export interface NotificationChannel {
  /** The channel's conversation reference, opaque to the domain. */
  readonly conversation: Readonly<Record<string, unknown>>;
  readonly name?: string;
  /** The team the channel belongs to: when the bot is removed from the team, the channel is gone too. */
  readonly teamId?: string;
  readonly chosenBy: { readonly aadObjectId?: string; readonly name?: string };
  readonly chosenAt: string;
  /** When the last daily digest was posted (digest mode). */
  readonly digestPostedAt?: string;
}

export interface ChannelStore {
  get(tenantId: string): Promise<Versioned<NotificationChannel> | undefined>;
  /** Replaces (or creates, with no etag) the tenant's channel; undefined = no channel. Stale etag → StaleWriteError. */
  put(tenantId: string, channel: NotificationChannel | undefined, etag?: string): Promise<void>;
}
