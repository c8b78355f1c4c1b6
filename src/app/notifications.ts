/**
 * POST /api/notifications: Microsoft Graph change notifications for users (shared/domain/
 * guest-users-and-status.md, "option B"). Answers the validation handshake (echo validationToken as
 * text/plain), accepts only notifications carrying our clientState, and treats them as a trigger: the
 * tracker's next delta round, not the notification, is the source of truth.
 */
import type restify from 'restify';
import type { Logger } from './logger.js';

export interface NotificationHandling {
  /** The secret our subscriptions carry; a notification without it is not from them. */
  readonly clientState: string;
  /** Wakes the tracker. */
  readonly changed: () => void;
}

interface NotificationBody {
  value?: { clientState?: string; subscriptionId?: string; changeType?: string }[];
}

export function mountNotifications(server: restify.Server, handling: NotificationHandling, logger: Logger): void {
  server.post('/api/notifications', (req, res, next) => {
    // restify types the parsed query string as any.
    const query = (req.query ?? {}) as { validationToken?: unknown };
    const validationToken = typeof query.validationToken === 'string' ? query.validationToken : undefined;
    if (validationToken !== undefined) {
      // Graph waits for its token back, as plain text, within 10 seconds of creating the subscription.
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end(validationToken);
      return next();
    }
    const notifications = (req.body as NotificationBody | undefined)?.value ?? [];
    const ours = notifications.filter((notification) => notification.clientState === handling.clientState);
    if (ours.length < notifications.length) {
      logger.warn({ refused: notifications.length - ours.length, subscriptionIds: notifications.map((n) => n.subscriptionId) }, 'change notification with a wrong clientState ignored');
    }
    if (ours.length > 0) handling.changed();
    // Graph retries anything but a 2xx; a forged notification learns nothing from the answer either.
    res.send(202);
    return next();
  });
}
