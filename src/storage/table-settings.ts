/**
 * Per-tenant settings on Azure Table Storage: table `settings`, one row per tenant and setting (RowKey =
 * its name), the value as JSON, written with ETags. Administrators' choices live here so they survive
 * restarts and every instance sees the same: the notification channel, and the policy last recorded.
 */
import type { TableClient } from '@azure/data-tables';
import type { ChannelStore, NotificationChannel } from '../domain/ports/channel-store.js';
import type { PolicyStore, RecordedPolicy } from '../domain/ports/policy-store.js';
import type { Versioned } from '../domain/ports/versioned.js';
import { isStatus, toStorageError } from './table-errors.js';

interface SettingEntity {
  readonly partitionKey: string;
  readonly rowKey: string;
  readonly value: string;
}

class SettingsRow<T> {
  constructor(
    private readonly table: TableClient,
    private readonly name: string,
    private readonly ready: () => Promise<void>,
  ) {}

  async get(tenantId: string): Promise<Versioned<T> | undefined> {
    await this.ready();
    try {
      const entity = await this.table.getEntity<SettingEntity>(tenantId, this.name);
      return { value: JSON.parse(entity.value) as T, etag: entity.etag };
    } catch (error) {
      if (isStatus(error, 404)) return undefined;
      throw toStorageError(error, `read the ${this.name} setting`);
    }
  }

  /** Replaces the value (only if unchanged since `etag`, when given); undefined removes it. */
  async put(tenantId: string, value: T | undefined, etag?: string): Promise<void> {
    await this.ready();
    try {
      if (value === undefined) {
        await this.table.deleteEntity(tenantId, this.name, etag ? { etag } : {});
        return;
      }
      const entity: SettingEntity = { partitionKey: tenantId, rowKey: this.name, value: JSON.stringify(value) };
      if (etag) await this.table.updateEntity(entity, 'Replace', { etag });
      else await this.table.upsertEntity(entity, 'Replace');
    } catch (error) {
      if (value === undefined && isStatus(error, 404)) return;
      throw toStorageError(error, `save the ${this.name} setting`);
    }
  }
}

export class TableChannelStore extends SettingsRow<NotificationChannel> implements ChannelStore {
  constructor(table: TableClient, ready: () => Promise<void> = () => Promise.resolve()) {
    super(table, 'notification-channel', ready);
  }
}

export class TablePolicyStore extends SettingsRow<RecordedPolicy> implements PolicyStore {
  constructor(table: TableClient, ready: () => Promise<void> = () => Promise.resolve()) {
    super(table, 'policy', ready);
  }
}
