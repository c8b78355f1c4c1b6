/**
 * ChangeSubscriptions over Graph: one subscription to users (changeType updated,deleted: creation and
 * soft deletion surface as updated), with our clientState, renewed a day before it expires. Graph allows
 * users subscriptions at most 41,760 minutes; we ask for a little less.
 */
import { GraphError, type Client } from '@microsoft/microsoft-graph-client';
import type { ChangeSubscriptions } from '../domain/ports/change-subscriptions.js';
import type { TrackerCheckpoint } from '../domain/ports/tracker-store.js';
import { toServiceError } from './errors.js';

const LIFETIME_MS = 41_000 * 60_000;
const RENEW_BEFORE_MS = 24 * 60 * 60_000;

export class GraphUserSubscriptions implements ChangeSubscriptions {
  constructor(
    private readonly client: Client,
    private readonly notificationUrl: string,
    private readonly clientState: string,
  ) {}

  async ensure(current: TrackerCheckpoint['subscription'], now: Date): Promise<NonNullable<TrackerCheckpoint['subscription']>> {
    const expiresAt = new Date(now.getTime() + LIFETIME_MS).toISOString();
    if (current && Date.parse(current.expiresAt) - now.getTime() > RENEW_BEFORE_MS) return current;
    if (current) {
      try {
        await this.client.api(`/subscriptions/${encodeURIComponent(current.id)}`).patch({ expirationDateTime: expiresAt });
        return { id: current.id, expiresAt };
      } catch (error) {
        // Gone (expired, deleted): make a new one below.
        if (!(error instanceof GraphError && error.statusCode === 404)) throw toServiceError(error, 'PATCH /subscriptions/{id}');
      }
    }
    try {
      const created = (await this.client.api('/subscriptions').post({
        changeType: 'updated,deleted',
        notificationUrl: this.notificationUrl,
        resource: 'users',
        expirationDateTime: expiresAt,
        clientState: this.clientState,
      })) as { id: string; expirationDateTime: string };
      return { id: created.id, expiresAt: created.expirationDateTime };
    } catch (error) {
      throw toServiceError(error, 'POST /subscriptions');
    }
  }
}
