/**
 * AuditLog on Azure Table Storage: table `audit`, PartitionKey = tenant id, RowKey = inverted time plus a
 * random suffix, so a range query reads the newest events first and two events never collide.
 */
import { randomUUID } from 'node:crypto';
import { odata, type TableClient } from '@azure/data-tables';
import type { AuditAction, AuditEvent, AuditLog, AuditQuery } from '../domain/ports/audit-log.js';
import { toStorageError } from './table-errors.js';

/** Larger than any millisecond timestamp until the year 2286. */
const INVERSION = 9_999_999_999_999;

interface AuditEntity {
  readonly at: string;
  readonly actorAadObjectId: string;
  readonly actorName: string;
  readonly action: string;
  readonly subject: string;
  /** JSON array of addresses, for decisions about a batch. */
  readonly addresses?: string;
  readonly outcome: string;
  readonly detail?: string;
}

const invertedTime = (at: Date) => String(INVERSION - at.getTime()).padStart(13, '0');

export class TableAuditLog implements AuditLog {
  constructor(
    private readonly table: TableClient,
    private readonly ready: () => Promise<void> = () => Promise.resolve(),
  ) {}

  async append(tenantId: string, event: AuditEvent): Promise<void> {
    await this.ready();
    try {
      await this.table.createEntity<AuditEntity & { partitionKey: string; rowKey: string }>({
        partitionKey: tenantId,
        rowKey: `${invertedTime(new Date(event.at))}_${randomUUID()}`,
        at: event.at,
        actorAadObjectId: event.actor.aadObjectId ?? '',
        actorName: event.actor.name ?? '',
        action: event.action,
        subject: event.subject,
        ...(event.addresses && event.addresses.length > 0 ? { addresses: JSON.stringify(event.addresses) } : {}),
        outcome: event.outcome,
        ...(event.detail ? { detail: event.detail } : {}),
      });
    } catch (error) {
      throw toStorageError(error, 'append to the audit log');
    }
  }

  async query(tenantId: string, query: AuditQuery): Promise<AuditEvent[]> {
    await this.ready();
    const events: AuditEvent[] = [];
    // Newer events have smaller keys: everything from now back to `since` is below since's key (plus the suffix).
    const filter = odata`PartitionKey eq ${tenantId} and RowKey lt ${`${invertedTime(query.since)}~`}`;
    try {
      for await (const entity of this.table.listEntities<AuditEntity>({ queryOptions: { filter } })) {
        const event = toEvent(entity);
        if (query.address && event.subject !== query.address && !event.addresses?.includes(query.address)) continue;
        events.push(event);
        if (query.limit !== undefined && events.length >= query.limit) break;
      }
    } catch (error) {
      throw toStorageError(error, 'read the audit log');
    }
    return events;
  }
}

function toEvent(entity: AuditEntity): AuditEvent {
  return {
    at: entity.at,
    actor: { ...(entity.actorAadObjectId ? { aadObjectId: entity.actorAadObjectId } : {}), ...(entity.actorName ? { name: entity.actorName } : {}) },
    action: entity.action as AuditAction,
    subject: entity.subject,
    ...(entity.addresses ? { addresses: JSON.parse(entity.addresses) as string[] } : {}),
    outcome: entity.outcome,
    ...(entity.detail ? { detail: entity.detail } : {}),
  };
}
