import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { graphSubscription } from '../graph/subscriptions.js';
import type { SimRequest } from '../http/request.js';
import { jsonResponse, type SimResponse } from '../http/response.js';
import { changeNotification, postNotification } from '../notifications/change-notifier.js';
import { isLive } from '../notifications/subscription-store.js';
import type { SimulatorState } from '../simulator-state.js';
import { ControlError, parseBody } from './control-handler.js';

// Control routes for what the bot tracks guests with: removing users (so delta reports @removed and
// subscribers hear of it), and the subscriptions side: every subscription, forced expiry, forged
// notifications to test the bot's clientState check.

/** DELETE /_sim/users/{id}[?permanently=true]: a soft deletion by default, as DELETE /users does. */
export function deleteUser(state: SimulatorState, request: SimRequest, params: Record<string, string>): void {
  const id = params['id'] ?? '';
  const permanently = request.query.get('permanently') === 'true';
  if (!state.tenant.deleteUser(id, permanently)) throw new ControlError(404, `No user with id ${id}.`);
}

/** Every subscription since reset, expired ones too, with `expired` and everything Graph would show. */
export function listAllSubscriptions(state: SimulatorState): SimResponse {
  const now = Date.now();
  return jsonResponse(
    200,
    state.subscriptions.all().map((subscription) => ({ ...graphSubscription(subscription), expired: !isLive(subscription, now) })),
  );
}

/** The subscription's lifetime ends now: no more notifications, and Graph no longer knows it. */
export function expireSubscription(state: SimulatorState, _request: SimRequest, params: Record<string, string>): void {
  const subscription = state.subscriptions.find(params['id'] ?? '');
  if (subscription === undefined) throw new ControlError(404, `No subscription with id ${params['id'] ?? ''}.`);
  subscription.expirationDateTime = new Date(Date.now() - 1000).toISOString();
}

const forgeBodySchema = z.strictObject({
  /** The clientState the forger puts in, normally not the subscription's. */
  clientState: z.string().nullable(),
  /** Default: the subscription's user, else a random id (a forger needs no real user). */
  userId: z.string().optional(),
  changeType: z.enum(['created', 'updated', 'deleted']).optional(),
});

/**
 * POST /_sim/subscriptions/{id}/forge: someone other than Graph posts a notification in Graph's shape
 * to the subscription's notificationUrl. Answers 200 with the logged delivery, once the receiver answered.
 */
export async function forgeNotification(state: SimulatorState, request: SimRequest, params: Record<string, string>): Promise<SimResponse> {
  const body = parseBody(request, forgeBodySchema);
  const subscription = state.subscriptions.find(params['id'] ?? '');
  if (subscription === undefined) throw new ControlError(404, `No subscription with id ${params['id'] ?? ''}.`);
  const userId = body.userId ?? subscription.userId ?? randomUUID();
  const notification = changeNotification(subscription, userId, body.changeType ?? 'updated', state.tenant.tenantId, body.clientState);
  const { delivery } = await postNotification(state.notifications, subscription, notification, 'forged');
  return jsonResponse(200, delivery);
}
