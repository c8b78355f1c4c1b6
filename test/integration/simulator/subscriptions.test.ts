/** Change notifications: POST/GET/PATCH/DELETE /subscriptions, the validation handshake, deliveries, forgeries. */
import type { ServerResponse } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { validateGraph } from '../../support/schemas.js';
import { accessToken, directoryReaderApp, invitationFor, send, useSimulator, type AppRegistration, type HttpAnswer } from './helpers.js';
import { echoValidation, startReceiver, type NotificationReceiver } from './notification-receiver.js';

let receiver: NotificationReceiver;

const tenant = useSimulator({ resetBeforeEach: true });

beforeEach(async () => {
  receiver = await startReceiver();
});
afterEach(async () => {
  await receiver.close();
});

const tenantId = '7d1c5e4a-2f3b-4c8d-9e6f-0a1b2c3d4e5f';
const pendingGuestId = '7b2639ce-be03-4e90-b9cf-337998c84ffd';
const samId = '4bf409c0-3e08-4eb2-9ca9-8f1fa28de315';
const foxId = '99170eae-9d9a-4e85-85d9-062e3c095195';
const maxMinutes = 41_760;

function inMinutes(minutes: number): string {
  return new Date(Date.now() + minutes * 60_000).toISOString();
}

async function graphCall(method: string, path: string, body?: unknown, app?: AppRegistration): Promise<HttpAnswer> {
  return send(tenant.sim, method, path, { token: await accessToken(tenant.sim, app), ...(body === undefined ? {} : { body }) });
}

function subscriptionBody(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    changeType: 'updated,deleted',
    notificationUrl: receiver.url,
    resource: '/users',
    expirationDateTime: inMinutes(60),
    clientState: 'bot-secret-state',
    ...extra,
  };
}

async function subscribe(extra: Record<string, unknown> = {}): Promise<Record<string, unknown> & { id: string }> {
  const answer = await graphCall('POST', '/v1.0/subscriptions', subscriptionBody(extra));
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body as Record<string, unknown> & { id: string };
}

function graphError(answer: HttpAnswer): { code: string; message: string } {
  expect(validateGraph('microsoft.graph.ODataErrors.ODataError', answer.body)).toEqual([]);
  return (answer.body as { error: { code: string; message: string } }).error;
}

describe('creating a subscription', () => {
  it('validates the endpoint with a text/plain token echo, then answers 201 with the subscription', async () => {
    const subscription = await subscribe();

    expect(validateGraph('microsoft.graph.subscription', subscription)).toEqual([]);
    expect(subscription).toMatchObject({
      '@odata.context': `${tenant.sim.url}/v1.0/$metadata#subscriptions/$entity`,
      resource: '/users',
      changeType: 'updated,deleted',
      clientState: 'bot-secret-state',
      notificationUrl: receiver.url,
      applicationId: '11111111-2222-4333-8444-555555555555',
      creatorId: '592ad503-dec8-4435-807a-40afc22d0e57',
      includeResourceData: false,
    });
    const [validation] = receiver.posts;
    expect(validation!.url.pathname).toBe('/api/notifications');
    expect(validation!.url.searchParams.get('validationToken')).toMatch(/^Validation: Testing client application reachability for subscription Request-Id: /);
    expect(validation!.contentType).toMatch(/^text\/plain/);
    expect(await tenant.control.notifications()).toEqual([
      expect.objectContaining({ kind: 'validation', outcome: 'answered', status: 200, subscriptionId: null }),
    ]);
  });

  it.each([
    [
      'answers 500',
      (_post: unknown, response: ServerResponse) => {
        response.writeHead(500);
        response.end();
      },
      'Subscription validation request failed. Notification endpoint must respond with 200 OK to validation request.',
    ],
    [
      'echoes the token as JSON',
      (post: { url: URL }, response: ServerResponse) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify(post.url.searchParams.get('validationToken')));
      },
      'Subscription validation request failed. Response must exactly match validationToken query parameter.',
    ],
    [
      'echoes the token still URL-encoded',
      (post: { url: URL }, response: ServerResponse) => {
        response.writeHead(200, { 'content-type': 'text/plain' });
        response.end(/validationToken=([^&]*)/.exec(post.url.search)?.[1] ?? '');
      },
      'Subscription validation request failed. Response must exactly match validationToken query parameter.',
    ],
  ])('refuses with 400 ValidationError when the endpoint %s, and creates nothing', async (_case, responder, message) => {
    receiver.respondWith(responder);

    const answer = await graphCall('POST', '/v1.0/subscriptions', subscriptionBody());

    expect(answer.status).toBe(400);
    expect(graphError(answer)).toMatchObject({ code: 'ValidationError', message });
    expect(await tenant.control.subscriptions()).toEqual([]);
  });

  it('refuses when nothing listens at the notificationUrl', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as AddressInfo;
        probe.close(() => resolve(port));
      });
    });

    const answer = await graphCall('POST', '/v1.0/subscriptions', subscriptionBody({ notificationUrl: `http://127.0.0.1:${closedPort}/hook` }));

    expect(answer.status).toBe(400);
    expect(graphError(answer).code).toBe('ValidationError');
    expect((await tenant.control.notifications())[0]).toMatchObject({ kind: 'validation', outcome: 'failed', status: null });
  });

  it.each([
    ['an expiration beyond 41,760 minutes', { expirationDateTime: inMinutes(maxMinutes + 5) }, `Subscription expiration can only be ${maxMinutes} minutes in the future.`],
    ['an expiration in the past', { expirationDateTime: '2020-01-01T00:00:00Z' }, 'Subscription expiration must be in the future.'],
    ['no expiration', { expirationDateTime: undefined }, 'expirationDateTime is a required property for subscription creation.'],
    ['plain http outside loopback', { notificationUrl: 'http://bot.example.com/api/notifications' }, "The notificationUrl must be an https URL ('http://bot.example.com/api/notifications')."],
    ['a resource other than users', { resource: '/groups' }, undefined],
    ['an unknown changeType', { changeType: 'updated,renamed' }, undefined],
    ['a clientState over 128 characters', { clientState: 'x'.repeat(129) }, undefined],
  ])('refuses %s with 400 InvalidRequest, before any validation request', async (_case, extra, message) => {
    const body = subscriptionBody(extra);
    if ('expirationDateTime' in extra && extra.expirationDateTime === undefined) delete body['expirationDateTime'];

    const answer = await graphCall('POST', '/v1.0/subscriptions', body);

    expect(answer.status).toBe(400);
    expect(graphError(answer)).toMatchObject({ code: 'InvalidRequest', ...(message === undefined ? {} : { message }) });
    expect(receiver.posts).toEqual([]);
  });

  it('accepts the maximum lifetime, a little under it', async () => {
    const subscription = await subscribe({ expirationDateTime: inMinutes(maxMinutes - 1) });
    expect(Date.parse(subscription['expirationDateTime'] as string)).toBeGreaterThan(Date.now() + (maxMinutes - 2) * 60_000);
  });
});

describe('notifications', () => {
  it('posts the documented basic notification when a guest redeems, and logs the receiver’s status', async () => {
    const subscription = await subscribe();

    await tenant.control.redeem({ userId: pendingGuestId });

    const [received] = await receiver.waitForNotifications(1);
    expect(validateGraph('microsoft.graph.changeNotificationCollection', received)).toEqual([]);
    expect(received).toEqual({
      value: [
        {
          subscriptionId: subscription.id,
          subscriptionExpirationDateTime: subscription['expirationDateTime'],
          changeType: 'updated',
          resource: `Users/${pendingGuestId}`,
          resourceData: {
            '@odata.type': '#Microsoft.Graph.User',
            '@odata.id': `Users/${pendingGuestId}`,
            id: pendingGuestId,
            organizationId: tenantId,
          },
          clientState: 'bot-secret-state',
          tenantId,
        },
      ],
    });
    await expect.poll(async () => (await tenant.control.notifications()).filter((delivery) => delivery.kind === 'notification')).toEqual([
      expect.objectContaining({ subscriptionId: subscription.id, url: receiver.url, outcome: 'answered', status: 202 }),
    ]);
  });

  it('reports an invited guest as updated, and only to subscriptions covering that change', async () => {
    await subscribe();
    const createdOnly = await startReceiver(echoValidation);
    try {
      await subscribe({ changeType: 'created', notificationUrl: createdOnly.url });
      const invited = await graphCall('POST', '/v1.0/invitations', invitationFor('kim@example.org'));
      const guestId = (invited.body as { invitedUser: { id: string } }).invitedUser.id;

      const [received] = await receiver.waitForNotifications(1);
      expect(received!.value[0]).toMatchObject({ changeType: 'updated', resource: `Users/${guestId}` });
      // A created-only subscription on users is accepted but never fires (guest-users-and-status.md).
      expect(createdOnly.notifications()).toEqual([]);
    } finally {
      await createdOnly.close();
    }
  });

  it('sends updated for a soft deletion and deleted for a permanent one', async () => {
    await subscribe();

    await tenant.control.deleteUser(foxId);
    await tenant.control.deleteUser(foxId, { permanently: true });

    const received = await receiver.waitForNotifications(2);
    expect(received.map((notification) => notification.value[0]!['changeType'])).toEqual(['updated', 'deleted']);
  });

  it('a subscription to one user hears only about that user', async () => {
    await subscribe({ resource: `/users/${samId}` });

    await tenant.control.redeem({ userId: pendingGuestId });
    await tenant.control.redeem({ userId: samId });

    const received = await receiver.waitForNotifications(1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(receiver.notifications()).toHaveLength(1);
    expect(received[0]!.value[0]).toMatchObject({ resource: `Users/${samId}` });
  });

  it('does not hold up the request that made the change', async () => {
    await subscribe();
    receiver.respondWith(() => {
      // Never answers: the notification times out after 3 s, in the background.
    });

    const started = Date.now();
    await tenant.control.redeem({ userId: pendingGuestId });

    expect(Date.now() - started).toBeLessThan(1_000);
    await expect.poll(() => receiver.notifications().length).toBe(1);
  });
});

describe('renewal, expiry and removal', () => {
  it('PATCH renews the expiration within the limit, and refuses beyond it', async () => {
    const subscription = await subscribe();
    const later = inMinutes(maxMinutes - 10);

    const renewed = await graphCall('PATCH', `/v1.0/subscriptions/${subscription.id}`, { expirationDateTime: later });
    expect(renewed.status).toBe(200);
    expect(validateGraph('microsoft.graph.subscription', renewed.body)).toEqual([]);
    expect(renewed.body).toMatchObject({ id: subscription.id, expirationDateTime: later });
    const read = await graphCall('GET', `/v1.0/subscriptions/${subscription.id}`);
    expect(read.body).toMatchObject({ expirationDateTime: later });

    const tooFar = await graphCall('PATCH', `/v1.0/subscriptions/${subscription.id}`, { expirationDateTime: inMinutes(maxMinutes + 60) });
    expect(tooFar.status).toBe(400);
    expect(graphError(tooFar).code).toBe('InvalidRequest');
  });

  it('an expired subscription gets nothing and is gone for Graph: not listed, 404 on renewal', async () => {
    const subscription = await subscribe();
    await tenant.control.expireSubscription(subscription.id);

    await tenant.control.redeem({ userId: pendingGuestId });
    await new Promise((resolve) => setTimeout(resolve, 150));

    expect(receiver.notifications()).toEqual([]);
    const listed = await graphCall('GET', '/v1.0/subscriptions');
    expect((listed.body as { value: unknown[] }).value).toEqual([]);
    const renewal = await graphCall('PATCH', `/v1.0/subscriptions/${subscription.id}`, { expirationDateTime: inMinutes(60) });
    expect(renewal.status).toBe(404);
    expect(await tenant.control.subscriptions()).toEqual([expect.objectContaining({ id: subscription.id, expired: true })]);
  });

  it('a short-lived subscription expires by itself', async () => {
    const subscription = await subscribe({ expirationDateTime: new Date(Date.now() + 1_500).toISOString() });
    await new Promise((resolve) => setTimeout(resolve, 1_600));

    await tenant.control.redeem({ userId: pendingGuestId });
    await new Promise((resolve) => setTimeout(resolve, 150));

    expect(receiver.notifications()).toEqual([]);
    expect((await graphCall('GET', `/v1.0/subscriptions/${subscription.id}`)).status).toBe(404);
  });

  it('GET lists the app’s own live subscriptions; DELETE removes one', async () => {
    const subscription = await subscribe();

    const listed = await graphCall('GET', '/v1.0/subscriptions');
    expect(listed.body).toMatchObject({ '@odata.context': `${tenant.sim.url}/v1.0/$metadata#subscriptions`, value: [{ id: subscription.id }] });
    const otherApp = await graphCall('GET', '/v1.0/subscriptions', undefined, directoryReaderApp);
    expect((otherApp.body as { value: unknown[] }).value).toEqual([]);

    expect((await graphCall('DELETE', `/v1.0/subscriptions/${subscription.id}`)).status).toBe(204);
    expect(((await graphCall('GET', '/v1.0/subscriptions')).body as { value: unknown[] }).value).toEqual([]);
    await tenant.control.redeem({ userId: pendingGuestId });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(receiver.notifications()).toEqual([]);
  });

  it('reset forgets subscriptions and deliveries', async () => {
    await subscribe();
    await tenant.control.reset();

    expect(await tenant.control.subscriptions()).toEqual([]);
    expect(await tenant.control.notifications()).toEqual([]);
  });
});

describe('forged notifications', () => {
  it('posts Graph’s shape with the forger’s clientState and reports what the receiver answered', async () => {
    const subscription = await subscribe();
    // Plays a bot that checks clientState.
    receiver.respondWith((post, response) => {
      const body = JSON.parse(post.text) as { value: { clientState?: string }[] };
      response.writeHead(body.value.every((item) => item.clientState === 'bot-secret-state') ? 202 : 403);
      response.end();
    });

    const delivery = await tenant.control.forgeNotification(subscription.id, { clientState: 'guessed', userId: samId });

    expect(delivery).toMatchObject({ kind: 'forged', subscriptionId: subscription.id, url: receiver.url, outcome: 'answered', status: 403 });
    const [received] = receiver.notifications();
    expect(validateGraph('microsoft.graph.changeNotificationCollection', received)).toEqual([]);
    expect(received!.value[0]).toMatchObject({ subscriptionId: subscription.id, clientState: 'guessed', resource: `Users/${samId}` });
  });
});
