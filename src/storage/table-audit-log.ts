/**
 * AuditLog on Azure Table Storage: table `audit`, PartitionKey = tenant id, RowKey = inverted time plus a
 * random suffix, so a plain query reads the newest events first and two events never collide.
 */
import { randomUUID } from 'node:crypto';
import type { TableClient } from '@azure/data-tables';
import type { AuditEvent, AuditLog } from '../domain/ports.js';
import { toStorageError } from './table-errors.js';

/** Larger than any millisecond timestamp until the year 2286. */
const INVERSION = 9_999_999_999_999;

export class TableAuditLog implements AuditLog {
  constructor(
    private readonly table: TableClient,
    private readonly ready: () => Promise<void> = async () => undefined,
  ) {}

  async append(tenantId: string, event: AuditEvent): Promise<void> {
    await this.ready();
    const inverted = String(INVERSION - Date.parse(event.at)).padStart(13, '0');
    try {
      await this.table.createEntity({
        partitionKey: tenantId,
        rowKey: `${inverted}_${randomUUID()}`,
        at: event.at,
        actorAadObjectId: event.actor.aadObjectId ?? '',
        actorName: event.actor.name ?? '',
        action: event.action,
        subject: event.subject,
        outcome: event.outcome,
        ...(event.detail ? { detail: event.detail } : {}),
      });
    } catch (error) {
      throw toStorageError(error, 'append to the audit log');
    }
  }
}
