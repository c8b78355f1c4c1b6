import type { DirectoryChange } from '../directory-changes.js';
import type { NotificationLog } from './notification-log.js';
import { postToReceiver, type ReceiverAnswer } from './post-to-receiver.js';
import type { Subscription, SubscriptionChangeType, SubscriptionStore } from './subscription-store.js';

// After a user changes, every live subscription that covers the user and the kind of change gets a
// basic notification (ids only), sent on a later turn of the event loop: never inside, nor delaying, the
// request that made the change.

/** Graph counts a notification as failed when the endpoint takes longer than 3 s (webhook delivery docs). */
const notificationTimeoutMs = 3_000;

/**
 * The changeType Graph reports for a directory change: creation and soft deletion surface as `updated`,
 * only a permanent deletion as `deleted`; `created` never fires for users (guest-users-and-status.md).
 */
function notificationChangeType(change: DirectoryChange): SubscriptionChangeType {
  return change.kind === 'removed' && change.reason === 'deleted' ? 'deleted' : 'updated';
}

/** One element of a notification's `value`, in the documented shape for users. */
export function changeNotification(
  subscription: Subscription,
  userId: string,
  changeType: SubscriptionChangeType,
  tenantId: string,
  clientState: string | null = subscription.clientState,
): Record<string, unknown> {
  return {
    subscriptionId: subscription.id,
    subscriptionExpirationDateTime: subscription.expirationDateTime,
    changeType,
    resource: `Users/${userId}`,
    resourceData: {
      '@odata.type': '#Microsoft.Graph.User',
      '@odata.id': `Users/${userId}`,
      id: userId,
      organizationId: tenantId,
    },
    // Present only when the subscription has one, as Graph sends it back verbatim.
    ...(clientState === null ? {} : { clientState }),
    tenantId,
  };
}

export function postNotification(
  log: NotificationLog,
  subscription: Subscription,
  notification: Record<string, unknown>,
  kind: 'notification' | 'forged',
): Promise<ReceiverAnswer> {
  return postToReceiver(log, {
    kind,
    subscriptionId: subscription.id,
    url: subscription.notificationUrl,
    contentType: 'application/json; charset=utf-8',
    body: { value: [notification] },
    timeoutMs: notificationTimeoutMs,
  });
}

export class ChangeNotifier {
  constructor(
    private readonly subscriptions: SubscriptionStore,
    private readonly log: NotificationLog,
    private readonly tenantId: () => string,
  ) {}

  /** Called synchronously by the change log; sending waits for the event loop's next turn. */
  onChange(change: DirectoryChange): void {
    const changeType = notificationChangeType(change);
    const recipients = this.subscriptions
      .live()
      .filter((subscription) => subscription.changeTypes.includes(changeType))
      .filter((subscription) => subscription.userId === undefined || subscription.userId === change.userId);
    if (recipients.length === 0) return;
    setImmediate(() => {
      for (const subscription of recipients) {
        const notification = changeNotification(subscription, change.userId, changeType, this.tenantId());
        // Fire and forget: the outcome is in the log; Graph's retries are not modelled (README).
        void postNotification(this.log, subscription, notification, 'notification');
      }
    });
  }
}
