/**
 * InvitationStore on Azure Table Storage: table `invitations`, PartitionKey = tenant id,
 * RowKey = normalised address. ETags give the optimistic concurrency "never invite twice" relies on.
 */
import type { TableClient, TableEntityResult } from '@azure/data-tables';
import type { InvitationRecord, InvitationState } from '../domain/invitations/invitation.js';
import type { InvitationStore } from '../domain/ports/invitation-store.js';
import type { Versioned } from '../domain/ports/versioned.js';
import type { RedemptionPath } from '../domain/redemption/predict-path.js';
import type { Placement } from '../domain/lifecycle/placement.js';
import { VersionedTable } from './versioned-table.js';

type InvitationEntity = {
  partitionKey: string;
  rowKey: string;
  email: string;
  displayName?: string;
  state: InvitationState;
  inviterAadObjectId?: string;
  inviterName?: string;
  inviterLocale?: string;
  inviterTimeZone?: string;
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
  quotaDay?: string;
  predictedPath?: RedemptionPath;
  predictedVia?: string;
  predictedOtherwise?: RedemptionPath;
  actualPath?: RedemptionPath;
  acceptedAt?: string;
  remindedAt?: string;
  redirectUrl?: string;
  lastErrorCode?: string;
  lastErrorMessage?: string;
  withdrawnAt?: string;
  withdrawnByAadObjectId?: string;
  withdrawnByName?: string;
  /** JSON array of object ids: a table property holds no list. */
  sponsorIds?: string;
  /** JSON of the placement (where the guest is added once they accept, and how far that got). */
  placement?: string;
};

export class TableInvitationStore implements InvitationStore {
  private readonly rows: VersionedTable<InvitationRecord, InvitationEntity>;

  constructor(table: TableClient, ready: () => Promise<void> = () => Promise.resolve()) {
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
    ...Object.fromEntries(PLAIN_FIELDS.map((field) => [field, record[field]])),
    inviterAadObjectId: record.inviter.aadObjectId,
    inviterName: record.inviter.name,
    inviterLocale: record.inviter.locale,
    inviterTimeZone: record.inviter.timeZone,
    lastErrorCode: record.lastError?.code,
    lastErrorMessage: record.lastError?.message,
    withdrawnAt: record.withdrawn?.at,
    withdrawnByAadObjectId: record.withdrawn?.by.aadObjectId,
    withdrawnByName: record.withdrawn?.by.name,
    sponsorIds: record.sponsorIds ? JSON.stringify(record.sponsorIds) : undefined,
    placement: record.placement ? JSON.stringify(record.placement) : undefined,
  });
  return entity;
}

/** Record fields stored under their own name, one property each, absent when unset. */
const PLAIN_FIELDS = [
  'displayName', 'originConversationId', 'batchId', 'invitationId', 'invitedUserId', 'inviteRedeemUrl', 'sentAt', 'mailedAt',
  'predictedPath', 'predictedVia', 'predictedOtherwise', 'actualPath', 'acceptedAt', 'remindedAt', 'redirectUrl',
  'quotaDay',
] as const satisfies readonly (keyof InvitationRecord & keyof InvitationEntity)[];

function fromEntity(entity: TableEntityResult<InvitationEntity>): InvitationRecord {
  const plain = Object.fromEntries(PLAIN_FIELDS.flatMap((field) => (entity[field] ? [[field, entity[field]]] : [])));
  return {
    tenantId: entity.partitionKey ?? '',
    email: entity.email,
    state: entity.state,
    inviter: {
      ...(entity.inviterAadObjectId ? { aadObjectId: entity.inviterAadObjectId } : {}),
      ...(entity.inviterName ? { name: entity.inviterName } : {}),
      ...(entity.inviterLocale ? { locale: entity.inviterLocale } : {}),
      ...(entity.inviterTimeZone ? { timeZone: entity.inviterTimeZone } : {}),
    },
    attempts: entity.attempts,
    createdAt: entity.createdAt,
    updatedAt: entity.updatedAt,
    ...(plain as Pick<InvitationRecord, (typeof PLAIN_FIELDS)[number]>),
    ...(entity.sponsorIds ? { sponsorIds: JSON.parse(entity.sponsorIds) as string[] } : {}),
    ...(entity.placement ? { placement: JSON.parse(entity.placement) as Placement } : {}),
    ...(entity.lastErrorCode ? { lastError: { code: entity.lastErrorCode, message: entity.lastErrorMessage ?? '' } } : {}),
    ...(entity.withdrawnAt
      ? {
          withdrawn: {
            at: entity.withdrawnAt,
            by: { ...(entity.withdrawnByAadObjectId ? { aadObjectId: entity.withdrawnByAadObjectId } : {}), ...(entity.withdrawnByName ? { name: entity.withdrawnByName } : {}) },
          },
        }
      : {}),
  };
}

/** Tables store no `undefined`; leave absent properties out rather than writing nulls. */
function assignDefined<T extends object>(target: T, values: Partial<T>): void {
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined) (target as Record<string, unknown>)[key] = value;
  }
}
