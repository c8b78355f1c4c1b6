import { randomUUID } from 'node:crypto';
import { jsonResponse, noContent, type SimResponse } from '../http/response.js';
import type { Subscription } from '../notifications/subscription-store.js';
import { validateEndpoint } from '../notifications/validation-handshake.js';
import { GraphRequestError, resourceNotFound } from './errors.js';
import type { GraphCall } from './graph-call.js';
import { metadataUrl, refuseUnknownQueryOptions } from './odata.js';
import { parseCreateSubscription, parseRenewal } from './subscription-request.js';

// /subscriptions (subscription-post-subscriptions, -get, -list, -update, -delete) for change notifications
// on users. An app sees only the subscriptions it created, and an expired subscription is gone (README).

/** POST /subscriptions: validates the endpoint(s) first, then answers 201 with the subscription. */
export async function createSubscription({ request, caller, context }: GraphCall): Promise<SimResponse> {
  const fields = parseCreateSubscription(request);
  const { notifications, subscriptions } = context.state;
  for (const endpoint of [fields.notificationUrl, fields.lifecycleNotificationUrl]) {
    if (endpoint === null) continue;
    const handshake = await validateEndpoint(notifications, endpoint);
    // Graph's code in the most recent reports of a failed validation (README).
    if (!handshake.ok) throw new GraphRequestError(400, 'ValidationError', handshake.message);
  }
  const subscription: Subscription = { id: randomUUID(), ...fields, applicationId: caller.appid, creatorId: caller.oid };
  subscriptions.add(subscription);
  return jsonResponse(201, { '@odata.context': metadataUrl(request, 'subscriptions/$entity'), ...graphSubscription(subscription) });
}

export function listSubscriptions({ request, caller, context }: GraphCall): SimResponse {
  refuseUnknownQueryOptions(request, []);
  const own = context.state.subscriptions.live().filter((subscription) => subscription.applicationId === caller.appid);
  return jsonResponse(200, { '@odata.context': metadataUrl(request, 'subscriptions'), value: own.map(graphSubscription) });
}

export function getSubscription(call: GraphCall): SimResponse {
  refuseUnknownQueryOptions(call.request, []);
  const subscription = ownLiveSubscription(call);
  return jsonResponse(200, { '@odata.context': metadataUrl(call.request, 'subscriptions/$entity'), ...graphSubscription(subscription) });
}

/** PATCH /subscriptions/{id}: renewal, within the same 41,760-minute limit counted from now. */
export function renewSubscription(call: GraphCall): SimResponse {
  const subscription = ownLiveSubscription(call);
  subscription.expirationDateTime = parseRenewal(call.request);
  return jsonResponse(200, { '@odata.context': metadataUrl(call.request, 'subscriptions/$entity'), ...graphSubscription(subscription) });
}

export function deleteSubscription(call: GraphCall): SimResponse {
  const subscription = ownLiveSubscription(call);
  call.context.state.subscriptions.remove(subscription.id);
  return noContent;
}

function ownLiveSubscription({ params, caller, context }: GraphCall): Subscription {
  const id = params['id'] ?? '';
  const subscription = context.state.subscriptions.findLive(id);
  if (subscription === undefined || subscription.applicationId !== caller.appid) throw resourceNotFound(id);
  return subscription;
}

/** The subscription resource as Graph writes it (the documented 201 example's properties). */
export function graphSubscription(subscription: Subscription): Record<string, unknown> {
  return {
    id: subscription.id,
    resource: subscription.resource,
    applicationId: subscription.applicationId,
    changeType: subscription.changeType,
    clientState: subscription.clientState,
    notificationUrl: subscription.notificationUrl,
    notificationQueryOptions: null,
    lifecycleNotificationUrl: subscription.lifecycleNotificationUrl,
    expirationDateTime: subscription.expirationDateTime,
    creatorId: subscription.creatorId,
    includeResourceData: false,
    latestSupportedTlsVersion: 'v1_2',
    encryptionCertificate: null,
    encryptionCertificateId: null,
    notificationUrlAppId: null,
  };
}

