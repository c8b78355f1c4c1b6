/**
 * The notification channel on Azure Table Storage: table `settings`, one row per tenant
 * (RowKey `notification-channel`), so the choice survives restarts and every instance posts to the same place.
 */
import type { TableClient } from '@azure/data-tables';
import type { ChannelStore, NotificationChannel, Versioned } from '../domain/ports.js';
import { isStatus, toStorageError } from './table-errors.js';

const ROW_KEY = 'notification-channel';

interface ChannelEntity {
  readonly partitionKey: string;
  readonly rowKey: string;
  /** The conversation reference as JSON: its shape belongs to the Bot Framework, not to this table. */
  readonly conversation: string;
  readonly name?: string;
  readonly chosenByAadObjectId: string;
  readonly chosenByName: string;
  readonly chosenAt: string;
  readonly digestPostedAt?: string;
}

export class TableChannelStore implements ChannelStore {
  constructor(
    private readonly table: TableClient,
    private readonly ready: () => Promise<void> = async () => undefined,
  ) {}

  async get(tenantId: string): Promise<Versioned<NotificationChannel> | undefined> {
    await this.ready();
    try {
      const entity = await this.table.getEntity<ChannelEntity>(tenantId, ROW_KEY);
      return {
        etag: entity.etag,
        value: {
          conversation: JSON.parse(entity.conversation) as Record<string, unknown>,
          ...(entity.name ? { name: entity.name } : {}),
          chosenBy: { ...(entity.chosenByAadObjectId ? { aadObjectId: entity.chosenByAadObjectId } : {}), ...(entity.chosenByName ? { name: entity.chosenByName } : {}) },
          chosenAt: entity.chosenAt,
          ...(entity.digestPostedAt ? { digestPostedAt: entity.digestPostedAt } : {}),
        },
      };
    } catch (error) {
      if (isStatus(error, 404)) return undefined;
      throw toStorageError(error, 'read the notification channel');
    }
  }

  async put(tenantId: string, channel: NotificationChannel | undefined, etag?: string): Promise<void> {
    await this.ready();
    try {
      if (!channel) {
        await this.table.deleteEntity(tenantId, ROW_KEY).catch((error: unknown) => {
          if (!isStatus(error, 404)) throw error;
        });
        return;
      }
      const entity: ChannelEntity = {
        partitionKey: tenantId,
        rowKey: ROW_KEY,
        conversation: JSON.stringify(channel.conversation),
        ...(channel.name ? { name: channel.name } : {}),
        chosenByAadObjectId: channel.chosenBy.aadObjectId ?? '',
        chosenByName: channel.chosenBy.name ?? '',
        chosenAt: channel.chosenAt,
        ...(channel.digestPostedAt ? { digestPostedAt: channel.digestPostedAt } : {}),
      };
      if (etag) await this.table.updateEntity(entity, 'Replace', { etag });
      else await this.table.upsertEntity(entity, 'Replace');
    } catch (error) {
      throw toStorageError(error, 'save the notification channel');
    }
  }
}
