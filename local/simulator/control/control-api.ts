import type { SimRequest } from '../http/request.js';
import { jsonResponse, noContent, type SimResponse } from '../http/response.js';
import { Router, type RouteDefinition } from '../http/router.js';
import type { SimulatorState } from '../simulator-state.js';
import { changeConfiguration, extendWorld, readConfiguration, readWorld } from './configuration-control.js';
import { command, ControlError, parseBody, type ControlHandler } from './control-handler.js';
import { lifecycleControlSchema } from '../guest-lifecycle-state.js';
import { changeAccount, createUser, readMemberships, replaceMemberships } from './directory-control.js';
import { redeem } from './redeem.js';
import { changeTeamsSettings, createChat, createTeam, listMemberAdds } from './teams-control.js';
import { addCertificate, addFederatedCredential } from './application-control.js';
import { deleteUser, expireSubscription, forgeNotification, listAllSubscriptions } from './change-tracking-control.js';
import {
  addFault,
  addRandomFault,
  clearFaults,
  randomFaultCounts,
  removeThrottle,
  setAntiAbuse,
  setReplicationLag,
  setLatency,
  setThrottle,
  throttleCounts,
} from './tenant-conditions.js';

// The test-only control API under /_sim: no authentication, JSON in and out. It inspects what the
// simulator received and did, plays the guest's side of redemption, changes the tenant's configuration
// and the outside world, and injects failures.

interface ControlRoute extends RouteDefinition {
  handler: ControlHandler;
}

const router = new Router<ControlRoute>([
  { method: 'GET', pattern: '_sim/calls', handler: listCalls },
  { method: 'DELETE', pattern: '_sim/calls', handler: command((state) => state.calls.clear()) },
  { method: 'GET', pattern: '_sim/invitations', handler: (state) => jsonResponse(200, state.invitations.invitationCounts()) },
  { method: 'GET', pattern: '_sim/outbox', handler: (state) => jsonResponse(200, state.invitations.outbox()) },
  { method: 'DELETE', pattern: '_sim/outbox', handler: command((state) => state.invitations.clearOutbox()) },
  { method: 'GET', pattern: '_sim/mail', handler: (state) => jsonResponse(200, state.mail.list()) },
  { method: 'DELETE', pattern: '_sim/mail', handler: command((state) => state.mail.clear()) },
  { method: 'GET', pattern: '_sim/users', handler: (state) => jsonResponse(200, state.tenant.listUsers()) },
  { method: 'POST', pattern: '_sim/users', handler: createUser },
  { method: 'GET', pattern: '_sim/users/:id/memberships', handler: readMemberships },
  { method: 'PUT', pattern: '_sim/users/:id/memberships', handler: replaceMemberships },
  { method: 'POST', pattern: '_sim/redeem', handler: redeem },
  { method: 'POST', pattern: '_sim/applications/:clientId/certificates', handler: command(addCertificate) },
  { method: 'POST', pattern: '_sim/applications/:clientId/federated-credentials', handler: command(addFederatedCredential) },
  { method: 'GET', pattern: '_sim/configuration', handler: readConfiguration },
  { method: 'PATCH', pattern: '_sim/configuration', handler: changeConfiguration },
  { method: 'GET', pattern: '_sim/world', handler: readWorld },
  { method: 'POST', pattern: '_sim/world', handler: extendWorld },
  { method: 'POST', pattern: '_sim/faults', handler: command(addFault) },
  { method: 'DELETE', pattern: '_sim/faults', handler: command(clearFaults) },
  { method: 'POST', pattern: '_sim/faults/random', handler: command(addRandomFault) },
  { method: 'GET', pattern: '_sim/faults/random', handler: randomFaultCounts },
  { method: 'POST', pattern: '_sim/throttle', handler: command(setThrottle) },
  { method: 'GET', pattern: '_sim/throttle', handler: throttleCounts },
  { method: 'DELETE', pattern: '_sim/throttle', handler: command(removeThrottle) },
  { method: 'POST', pattern: '_sim/anti-abuse', handler: command(setAntiAbuse) },
  { method: 'POST', pattern: '_sim/replication-lag', handler: command(setReplicationLag) },
  { method: 'POST', pattern: '_sim/latency', handler: command(setLatency) },
  { method: 'DELETE', pattern: '_sim/users/:id', handler: command(deleteUser) },
  { method: 'PATCH', pattern: '_sim/users/:id', handler: command(changeAccount) },
  { method: 'POST', pattern: '_sim/delta/invalidate', handler: command((state) => state.tenant.changes.forgetSyncState()) },
  { method: 'GET', pattern: '_sim/subscriptions', handler: listAllSubscriptions },
  { method: 'POST', pattern: '_sim/subscriptions/:id/expire', handler: command(expireSubscription) },
  { method: 'POST', pattern: '_sim/subscriptions/:id/forge', handler: forgeNotification },
  { method: 'GET', pattern: '_sim/notifications', handler: (state) => jsonResponse(200, state.notifications.list()) },
  { method: 'DELETE', pattern: '_sim/notifications', handler: command((state) => state.notifications.clear()) },
  { method: 'POST', pattern: '_sim/teams', handler: createTeam },
  { method: 'POST', pattern: '_sim/chats', handler: command(createChat) },
  { method: 'PATCH', pattern: '_sim/teams-settings', handler: command(changeTeamsSettings) },
  { method: 'GET', pattern: '_sim/member-adds', handler: listMemberAdds },
  { method: 'POST', pattern: '_sim/tokens/revoke', handler: revokeTokens },
  { method: 'GET', pattern: '_sim/lifecycle', handler: (state) => jsonResponse(200, state.lifecycle.describe()) },
  { method: 'PATCH', pattern: '_sim/lifecycle', handler: command((state, request) => state.lifecycle.change(parseBody(request, lifecycleControlSchema))) },
  { method: 'POST', pattern: '_sim/reset', handler: command((state) => state.reset()) },
]);

export async function handleControlRequest(state: SimulatorState, request: SimRequest): Promise<SimResponse> {
  const match = router.match(request.method, request.segments);
  if (match.kind === 'no-route') return jsonResponse(404, { error: `No control route ${request.method} ${request.path}.` });
  if (match.kind === 'method-not-allowed') return jsonResponse(405, { error: `${request.method} is not supported on ${request.path}.` });
  try {
    return await match.route.handler(state, request, match.params);
  } catch (error) {
    if (error instanceof ControlError) return jsonResponse(error.status, { error: error.message });
    throw error;
  }
}

/**
 * Every access token issued so far is refused from now on (401, expired), as after a revocation; tokens
 * issued after the answer work. Tokens carry whole seconds, so the answer waits for the next second.
 */
async function revokeTokens(state: SimulatorState): Promise<SimResponse> {
  const nextSecond = (Math.floor(Date.now() / 1000) + 1) * 1000;
  state.tokensRevokedBefore = nextSecond;
  await new Promise((resolve) => setTimeout(resolve, nextSecond - Date.now()));
  return noContent;
}

function listCalls(state: SimulatorState, request: SimRequest): SimResponse {
  const filter = { method: request.query.get('method') ?? undefined, path: request.query.get('path') ?? undefined };
  return jsonResponse(200, state.calls.list(filter));
}
