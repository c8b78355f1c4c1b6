// Everything the simulator POSTed to a subscriber, for the control API: validation requests, change
// notifications and forged ones, with what the receiver answered.

export type DeliveryKind = 'validation' | 'notification' | 'forged';

export interface Delivery {
  kind: DeliveryKind;
  /** null for the validation of a subscription that was never created. */
  subscriptionId: string | null;
  /** The URL posted to, query string included (a validation's carries the validationToken). */
  url: string;
  /** The JSON sent, or for a validation the empty text body. */
  body: unknown;
  sentAt: string;
  /** pending until the receiver answers, fails or times out. */
  outcome: 'pending' | 'answered' | 'failed';
  /** The receiver's HTTP status; null while pending or when it did not answer. */
  status: number | null;
  /** Why a delivery failed ('timeout', the connection error), else null. */
  error: string | null;
}

export class NotificationLog {
  private deliveries: Delivery[] = [];

  /** Logs a delivery as pending; the caller completes the same object when the receiver answers. */
  start(delivery: Omit<Delivery, 'outcome' | 'status' | 'error'>): Delivery {
    const logged: Delivery = { ...delivery, outcome: 'pending', status: null, error: null };
    this.deliveries.push(logged);
    return logged;
  }

  list(): readonly Delivery[] {
    return this.deliveries;
  }

  /** A new list, so a delivery still in flight completes an entry nobody reads any more. */
  clear(): void {
    this.deliveries = [];
  }
}
