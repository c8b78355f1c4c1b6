/**
 * InvitationStore on Azure Table Storage: table `invitations`, PartitionKey = tenant id,
 * RowKey = normalised address. ETags give the optimistic concurrency "never invite twice" relies on.
 */
import type { TableClient, TableEntityResult } from '@azure/data-tables';
import type { InvitationRecord, InvitationState } from '../domain/invitations/invitation.js';
import type { InvitationStore, Versioned } from '../domain/ports.js';
import type { RedemptionPath } from '../domain/redemption/predict-path.js';
import { VersionedTable } from './versioned-table.js';

type InvitationEntity = {
  partitionKey: string;
  rowKey: string;
  email: string;
  displayName?: string;
  state: InvitationState;
  inviterAadObjectId?: string;
  inviterName?: string;
  originConversationId?: string;
  batchId?: string;
  invitationId?: string;
  invitedUserId?: string;
  inviteRedeemUrl?: string;
  attempts: number;
  createdAt: string;
  updatedAt: string;
  sentAt?: string;
  mailedAt?: string;
  predictedPath?: RedemptionPath;
  predictedOtherwise?: RedemptionPath;
  actualPath?: RedemptionPath;
  acceptedAt?: string;
  redirectUrl?: string;
  lastErrorCode?: string;
  lastErrorMessage?: string;
};

export class TableInvitationStore implements InvitationStore {
  private readonly rows: VersionedTable<InvitationRecord, InvitationEntity>;

  constructor(table: TableClient, ready: () => Promise<void> = async () => undefined) {
    this.rows = new VersionedTable(table, { toEntity, fromEntity }, 'invitation', ready);
  }

  get(tenantId: string, email: string): Promise<Versioned<InvitationRecord> | undefined> {
    return this.rows.get(tenantId, rowKeyFor(email));
  }

  create(record: InvitationRecord): Promise<Versioned<InvitationRecord>> {
    return this.rows.create(record);
  }

  replace(record: InvitationRecord, etag: string): Promise<Versioned<InvitationRecord>> {
    return this.rows.replace(record, etag);
  }

  list(tenantId: string): Promise<Versioned<InvitationRecord>[]> {
    return this.rows.list(tenantId);
  }
}

/** RowKey may not contain / \ # ? or control characters; addresses can hold some of them. */
export function rowKeyFor(email: string): string {
  return encodeURIComponent(email);
}

function toEntity(record: InvitationRecord): InvitationEntity {
  const entity: InvitationEntity = {
    partitionKey: record.tenantId,
    rowKey: rowKeyFor(record.email),
    email: record.email,
    state: record.state,
    attempts: record.attempts,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
  assignDefined(entity, {
    displayName: record.displayName,
    inviterAadObjectId: record.inviter.aadObjectId,
    inviterName: record.inviter.name,
    originConversationId: record.originConversationId,
    batchId: record.batchId,
    invitationId: record.invitationId,
    invitedUserId: record.invitedUserId,
    inviteRedeemUrl: record.inviteRedeemUrl,
    sentAt: record.sentAt,
    mailedAt: record.mailedAt,
    predictedPath: record.predictedPath,
    predictedOtherwise: record.predictedOtherwise,
    actualPath: record.actualPath,
    acceptedAt: record.acceptedAt,
    redirectUrl: record.redirectUrl,
    lastErrorCode: record.lastError?.code,
    lastErrorMessage: record.lastError?.message,
  });
  return entity;
}

function fromEntity(entity: TableEntityResult<InvitationEntity>): InvitationRecord {
  return {
    tenantId: entity.partitionKey ?? '',
    email: entity.email,
    state: entity.state,
    inviter: {
      ...(entity.inviterAadObjectId ? { aadObjectId: entity.inviterAadObjectId } : {}),
      ...(entity.inviterName ? { name: entity.inviterName } : {}),
    },
    attempts: entity.attempts,
    createdAt: entity.createdAt,
    updatedAt: entity.updatedAt,
    ...(entity.displayName ? { displayName: entity.displayName } : {}),
    ...(entity.originConversationId ? { originConversationId: entity.originConversationId } : {}),
    ...(entity.batchId ? { batchId: entity.batchId } : {}),
    ...(entity.invitationId ? { invitationId: entity.invitationId } : {}),
    ...(entity.invitedUserId ? { invitedUserId: entity.invitedUserId } : {}),
    ...(entity.inviteRedeemUrl ? { inviteRedeemUrl: entity.inviteRedeemUrl } : {}),
    ...(entity.sentAt ? { sentAt: entity.sentAt } : {}),
    ...(entity.mailedAt ? { mailedAt: entity.mailedAt } : {}),
    ...(entity.predictedPath ? { predictedPath: entity.predictedPath } : {}),
    ...(entity.redirectUrl ? { redirectUrl: entity.redirectUrl } : {}),
    ...(entity.predictedOtherwise ? { predictedOtherwise: entity.predictedOtherwise } : {}),
    ...(entity.actualPath ? { actualPath: entity.actualPath } : {}),
    ...(entity.acceptedAt ? { acceptedAt: entity.acceptedAt } : {}),
    ...(entity.lastErrorCode ? { lastError: { code: entity.lastErrorCode, message: entity.lastErrorMessage ?? '' } } : {}),
  };
}

/** Tables store no `undefined`; leave absent properties out rather than writing nulls. */
function assignDefined<T extends object>(target: T, values: Partial<T>): void {
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined) (target as Record<string, unknown>)[key] = value;
  }
}
