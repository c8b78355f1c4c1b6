import { z } from 'zod';
import type { SimRequest } from '../http/request.js';
import type { SubscriptionChangeType } from '../notifications/subscription-store.js';
import { GraphRequestError } from './errors.js';
import { describeIssue, readJsonBody } from './json-body.js';

// The bodies of POST and PATCH /subscriptions (subscription resource; subscription-post-subscriptions),
// for the one resource the simulator can watch: users.

/** Users, groups and other directory resources: 41,760 minutes, under 29 days (guest-users-and-status.md). */
const maxUserSubscriptionMinutes = 41_760;
/** The fact sheet's limit (the changeNotification page says 255; the stricter one is kept, README). */
const maxClientStateLength = 128;

const optionalText = z.string().nullish();

const createBodySchema = z.strictObject({
  changeType: z.string(),
  notificationUrl: z.string(),
  resource: z.string(),
  expirationDateTime: z.string(),
  clientState: z.string().max(maxClientStateLength).nullish(),
  lifecycleNotificationUrl: optionalText,
  includeResourceData: z.boolean().nullish(),
  latestSupportedTlsVersion: optionalText,
  encryptionCertificate: optionalText,
  encryptionCertificateId: optionalText,
  notificationQueryOptions: optionalText,
  notificationUrlAppId: optionalText,
  // Read-only properties a client may send back unchanged; Graph ignores them.
  id: optionalText,
  applicationId: optionalText,
  creatorId: optionalText,
});

// Renewal: the simulator lets only the expiration change (README).
const renewBodySchema = z.strictObject({ expirationDateTime: z.string() });

export interface SubscriptionRequest {
  resource: string;
  userId: string | undefined;
  changeType: string;
  changeTypes: SubscriptionChangeType[];
  notificationUrl: string;
  lifecycleNotificationUrl: string | null;
  clientState: string | null;
  expirationDateTime: string;
}

/** Graph's code for a refused subscription request (as in its validation errors). */
const invalidRequest = (message: string): GraphRequestError => new GraphRequestError(400, 'InvalidRequest', message);

export function parseCreateSubscription(request: SimRequest, now: number = Date.now()): SubscriptionRequest {
  const body = readJsonBody(request);
  const missing = (['changeType', 'notificationUrl', 'resource', 'expirationDateTime'] as const).find(
    (name) => typeof body === 'object' && body !== null && !(name in body),
  );
  // The message callers report for a missing expirationDateTime, used for each required property.
  if (missing !== undefined) throw invalidRequest(`${missing} is a required property for subscription creation.`);
  const parsed = createBodySchema.safeParse(body, { reportInput: true });
  if (!parsed.success) throw invalidRequest(describeIssue(parsed.error.issues[0], 'microsoft.graph.subscription'));
  const fields = parsed.data;
  if (fields.includeResourceData === true) {
    throw invalidRequest('includeResourceData is not supported for the users resource in this simulator; use basic notifications.');
  }
  const lifecycleNotificationUrl = fields.lifecycleNotificationUrl ?? null;
  if (lifecycleNotificationUrl !== null) requireReachableUrl(lifecycleNotificationUrl, 'lifecycleNotificationUrl');
  return {
    ...parseResource(fields.resource),
    ...parseChangeTypes(fields.changeType),
    notificationUrl: requireReachableUrl(fields.notificationUrl, 'notificationUrl'),
    lifecycleNotificationUrl,
    clientState: fields.clientState ?? null,
    expirationDateTime: parseExpiration(fields.expirationDateTime, now),
  };
}

/** The new expirationDateTime of PATCH /subscriptions/{id}. */
export function parseRenewal(request: SimRequest, now: number = Date.now()): string {
  const parsed = renewBodySchema.safeParse(readJsonBody(request), { reportInput: true });
  if (!parsed.success) throw invalidRequest(describeIssue(parsed.error.issues[0], 'microsoft.graph.subscription'));
  return parseExpiration(parsed.data.expirationDateTime, now);
}

/** 'users' or '/users' (every user), 'users/{id}' (one), any case. */
function parseResource(resource: string): { resource: string; userId: string | undefined } {
  const match = /^\/?users(?:\/([^/?]+))?\/?$/i.exec(resource.trim());
  if (match === null) throw invalidRequest(`Resource '${resource}' is not supported by the simulator; subscribe to '/users' or '/users/{id}'.`);
  return { resource, userId: match[1]?.toLowerCase() };
}

function parseChangeTypes(changeType: string): { changeType: string; changeTypes: SubscriptionChangeType[] } {
  const names = changeType.split(',').map((name) => name.trim());
  const known: readonly string[] = ['created', 'updated', 'deleted'];
  const unknown = names.find((name) => !known.includes(name));
  if (unknown !== undefined) throw invalidRequest(`The changeType '${unknown}' is not valid; use created, updated or deleted, comma-separated.`);
  return { changeType, changeTypes: names as SubscriptionChangeType[] };
}

/**
 * Graph delivers only over https. The local bot listens on plain http on loopback, so http is accepted
 * for 127.0.0.1, ::1 and localhost only (README).
 */
function requireReachableUrl(value: string, property: string): string {
  if (!URL.canParse(value)) throw invalidRequest(`The ${property} '${value}' is not an absolute URL.`);
  const url = new URL(value);
  const loopback = ['127.0.0.1', '[::1]', 'localhost'].includes(url.hostname.toLowerCase());
  if (url.protocol === 'https:' || (url.protocol === 'http:' && loopback)) return value;
  throw invalidRequest(`The ${property} must be an https URL ('${value}').`);
}

/** In the future, and at most 41,760 minutes from now; written back as a Graph date-time. */
function parseExpiration(value: string, now: number): string {
  const withOffset = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i;
  const time = Date.parse(value);
  if (!withOffset.test(value) || Number.isNaN(time)) throw invalidRequest(`Invalid value for 'expirationDateTime': '${value}' is not a date-time with an offset.`);
  if (time <= now) throw invalidRequest('Subscription expiration must be in the future.');
  if (time > now + maxUserSubscriptionMinutes * 60_000) {
    // Graph's wording for a too-distant expiration, with the users' limit.
    throw invalidRequest(`Subscription expiration can only be ${maxUserSubscriptionMinutes} minutes in the future.`);
  }
  // Milliseconds kept: rounding to whole seconds could put a short-lived subscription in the past.
  return new Date(time).toISOString();
}
