// The change-notification subscriptions Graph holds for the tenant (subscription resource). Only
// subscriptions on users exist here: `resource` 'users' for every user or 'users/{id}' for one.

export type SubscriptionChangeType = 'created' | 'updated' | 'deleted';

export interface Subscription {
  id: string;
  /** As the app sent it ('/users', 'Users/…'), echoed back like Graph does. */
  resource: string;
  /** undefined = every user; else the one user the resource names. */
  userId: string | undefined;
  /** The comma-separated list as sent, e.g. 'updated,deleted'. */
  changeType: string;
  changeTypes: readonly SubscriptionChangeType[];
  clientState: string | null;
  notificationUrl: string;
  lifecycleNotificationUrl: string | null;
  /** A Graph date-time (UTC, whole seconds, Z). */
  expirationDateTime: string;
  /** The app that created it (its client id) and its service principal. */
  applicationId: string;
  creatorId: string;
}

export class SubscriptionStore {
  private readonly subscriptions = new Map<string, Subscription>();

  add(subscription: Subscription): void {
    this.subscriptions.set(subscription.id, subscription);
  }

  /** Any subscription the simulator ever created since reset, expired ones included (control API, forging). */
  find(id: string): Subscription | undefined {
    return this.subscriptions.get(id.toLowerCase());
  }

  /** The subscription as Graph sees it: an expired one is gone (README). */
  findLive(id: string, now: number = Date.now()): Subscription | undefined {
    const subscription = this.find(id);
    return subscription !== undefined && isLive(subscription, now) ? subscription : undefined;
  }

  all(): Subscription[] {
    return [...this.subscriptions.values()];
  }

  live(now: number = Date.now()): Subscription[] {
    return this.all().filter((subscription) => isLive(subscription, now));
  }

  remove(id: string): void {
    this.subscriptions.delete(id.toLowerCase());
  }

  clear(): void {
    this.subscriptions.clear();
  }
}

export function isLive(subscription: Subscription, now: number = Date.now()): boolean {
  return Date.parse(subscription.expirationDateTime) > now;
}
