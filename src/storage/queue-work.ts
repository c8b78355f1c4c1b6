/**
 * The sending queue on Azure Storage Queues (Azurite locally): `invite-work` holds SendWork messages,
 * `invite-work-poison` the ones that could not be processed. Every bot instance consumes the same queue;
 * a message is hidden from the others while one holds its lease (visibility timeout).
 */
import { QueueServiceClient, type QueueClient, type StoragePipelineOptions } from '@azure/storage-queue';
import { z } from 'zod';
import type { SendWork } from '../domain/invitations/send-work.js';
import type { WorkLease, WorkQueue, WorkSource } from '../domain/ports/work-queue.js';
import { toStorageError } from './table-errors.js';
import type { StorageAccount } from './tables.js';

export const QUEUE_NAMES = { work: 'invite-work', poison: 'invite-work-poison' } as const;

const sendWorkSchema = z.object({
  tenantId: z.string().min(1),
  batchId: z.string().min(1),
  addresses: z.array(z.string().min(1)).min(1),
});

export class StorageQueueWork implements WorkQueue, WorkSource {
  private ready?: Promise<void>;

  constructor(
    private readonly work: QueueClient,
    private readonly poison: QueueClient,
  ) {}

  static open(account: StorageAccount): StorageQueueWork {
    const service = queueService(account);
    return new StorageQueueWork(service.getQueueClient(QUEUE_NAMES.work), service.getQueueClient(QUEUE_NAMES.poison));
  }

  async enqueue(work: SendWork, delaySeconds = 0): Promise<void> {
    await this.prepare();
    try {
      await this.work.sendMessage(JSON.stringify(work), { visibilityTimeout: Math.round(delaySeconds), messageTimeToLive: -1 });
    } catch (error) {
      throw toStorageError(error, 'queue invitations');
    }
  }

  async receive(leaseSeconds: number): Promise<WorkLease | undefined> {
    await this.prepare();
    let received;
    try {
      received = await this.work.receiveMessages({ numberOfMessages: 1, visibilityTimeout: leaseSeconds });
    } catch (error) {
      throw toStorageError(error, 'read the invitation queue');
    }
    const message = received.receivedMessageItems[0];
    if (!message) return undefined;
    let popReceipt = message.popReceipt;
    // Every renewal changes the pop receipt: operations on one message run one after another.
    let last: Promise<unknown> = Promise.resolve();
    const inTurn = (operation: () => Promise<void>, what: string): Promise<void> => {
      const next = last.catch(() => undefined).then(operation);
      last = next;
      return next.catch((error: unknown) => {
        throw toStorageError(error, what);
      });
    };
    const parsed = sendWorkSchema.safeParse(safeJson(message.messageText));
    return {
      work: parsed.success ? parsed.data : undefined,
      deliveries: message.dequeueCount,
      extend: (seconds) =>
        inTurn(async () => {
          const updated = await this.work.updateMessage(message.messageId, popReceipt, undefined, seconds);
          popReceipt = updated.popReceipt ?? popReceipt;
        }, 'renew a queue lease'),
      release: () =>
        inTurn(async () => {
          const updated = await this.work.updateMessage(message.messageId, popReceipt, undefined, 0);
          popReceipt = updated.popReceipt ?? popReceipt;
        }, 'hand a queue message back'),
      complete: () => inTurn(async () => void (await this.work.deleteMessage(message.messageId, popReceipt)), 'delete a queue message'),
      park: (reason) =>
        inTurn(async () => {
          await this.poison.sendMessage(JSON.stringify({ reason, deliveries: message.dequeueCount, message: message.messageText }), { messageTimeToLive: -1 });
          await this.work.deleteMessage(message.messageId, popReceipt);
        }, 'park a queue message'),
    };
  }

  /** Creates both queues once; forgets a failure so the next call tries again. */
  private prepare(): Promise<void> {
    this.ready ??= Promise.all([this.work.createIfNotExists(), this.poison.createIfNotExists()]).then(
      () => undefined,
      (error: unknown) => {
        this.ready = undefined;
        throw toStorageError(error, 'create the invitation queues');
      },
    );
    return this.ready;
  }
}

/** The account's queue service, by connection string or by endpoint and credential. */
export function queueService(account: StorageAccount, options: StoragePipelineOptions = {}): QueueServiceClient {
  return account.kind === 'endpoints' ? new QueueServiceClient(account.queueUrl, account.credential, options) : QueueServiceClient.fromConnectionString(account.connectionString, options);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
