import { z } from 'zod';
import { faultRuleSchema } from '../faults.js';
import type { DirectoryUser } from '../fixture.js';
import { parseJsonBody, type SimRequest } from '../http/request.js';
import { jsonResponse, noContent, type SimResponse } from '../http/response.js';
import { Router, type RouteDefinition } from '../http/router.js';
import { decideRedemption } from '../redemption.js';
import type { SimulatorState } from '../simulator-state.js';
import type { TenantState } from '../tenant-state.js';
import { SlidingWindowThrottle } from '../throttle.js';
import { graphDateTime } from '../time.js';

// The test-only control API under /_sim: no authentication, JSON in and out. It inspects what the
// simulator received and did, plays the guest's side of redemption, and injects failures.

type ControlHandler = (state: SimulatorState, request: SimRequest) => SimResponse;

interface ControlRoute extends RouteDefinition {
  handler: ControlHandler;
}

/** A refusal by the control API itself, answered as `{ error: message }`. */
class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const redeemBodySchema = z
  .strictObject({ email: z.email().optional(), userId: z.string().optional() })
  .refine((body) => (body.email === undefined) !== (body.userId === undefined), 'give exactly one of email and userId');

const throttleBodySchema = z.strictObject({
  invitationsPerWindow: z.number().int().positive(),
  windowSeconds: z.number().positive(),
});

/** A handler that changes the simulator and answers 204 No Content. */
function command(action: (state: SimulatorState, request: SimRequest) => void): ControlHandler {
  return (state, request) => {
    action(state, request);
    return noContent;
  };
}

const router = new Router<ControlRoute>([
  { method: 'GET', pattern: '_sim/calls', handler: listCalls },
  { method: 'DELETE', pattern: '_sim/calls', handler: command((state) => state.calls.clear()) },
  { method: 'GET', pattern: '_sim/invitations', handler: (state) => jsonResponse(200, state.invitations.invitationCounts()) },
  { method: 'GET', pattern: '_sim/outbox', handler: (state) => jsonResponse(200, state.invitations.outbox()) },
  { method: 'DELETE', pattern: '_sim/outbox', handler: command((state) => state.invitations.clearOutbox()) },
  { method: 'GET', pattern: '_sim/users', handler: (state) => jsonResponse(200, state.tenant.listUsers()) },
  { method: 'POST', pattern: '_sim/redeem', handler: redeem },
  { method: 'POST', pattern: '_sim/faults', handler: command((state, request) => state.faults.add(parseBody(request, faultRuleSchema))) },
  { method: 'DELETE', pattern: '_sim/faults', handler: command((state) => state.faults.clear()) },
  { method: 'POST', pattern: '_sim/throttle', handler: command(setThrottle) },
  { method: 'DELETE', pattern: '_sim/throttle', handler: command(removeThrottle) },
  { method: 'POST', pattern: '_sim/reset', handler: command((state) => state.reset()) },
]);

export function handleControlRequest(state: SimulatorState, request: SimRequest): SimResponse {
  const match = router.match(request.method, request.segments);
  if (match.kind === 'no-route') return jsonResponse(404, { error: `No control route ${request.method} ${request.path}.` });
  if (match.kind === 'method-not-allowed') return jsonResponse(405, { error: `${request.method} is not supported on ${request.path}.` });
  try {
    return match.route.handler(state, request);
  } catch (error) {
    if (error instanceof ControlError) return jsonResponse(error.status, { error: error.message });
    throw error;
  }
}

/** Plays the guest opening the invitation link: decides the identity provider and accepts. */
function redeem(state: SimulatorState, request: SimRequest): SimResponse {
  const body = parseBody(request, redeemBodySchema);
  const { tenant } = state;
  const guest = invitedGuest(tenant, body);
  if (guest === undefined) throw new ControlError(404, `No invited guest matches ${JSON.stringify(body)}.`);
  if (guest.externalUserState === 'Accepted') {
    throw new ControlError(409, `Guest ${guest.id} already accepted the invitation; reset its redemption first.`);
  }
  const address = body.email ?? guest.mail;
  if (address === null) throw new ControlError(409, `Guest ${guest.id} has no mail address to redeem with; pass { email }.`);
  const decision = decideRedemption(address, tenant.externalWorld, tenant.redemptionSettings);
  tenant.recordRedemption(guest, { signInType: 'federated', issuer: decision.issuer, issuerAssignedId: address }, graphDateTime());
  return jsonResponse(200, { userId: guest.id, path: decision.path, issuer: decision.issuer });
}

function invitedGuest(tenant: TenantState, body: { email?: string | undefined; userId?: string | undefined }): DirectoryUser | undefined {
  let user: DirectoryUser | undefined;
  if (body.email !== undefined) user = tenant.findUserByAddress(body.email);
  else if (body.userId !== undefined) user = tenant.findUser(body.userId);
  return user?.creationType === 'Invitation' ? user : undefined;
}

function listCalls(state: SimulatorState, request: SimRequest): SimResponse {
  const filter = { method: request.query.get('method') ?? undefined, path: request.query.get('path') ?? undefined };
  return jsonResponse(200, state.calls.list(filter));
}

function setThrottle(state: SimulatorState, request: SimRequest): void {
  const { invitationsPerWindow, windowSeconds } = parseBody(request, throttleBodySchema);
  state.invitationThrottle = new SlidingWindowThrottle(invitationsPerWindow, windowSeconds * 1000);
}

function removeThrottle(state: SimulatorState): void {
  state.invitationThrottle = undefined;
}

function parseBody<Schema extends z.ZodType>(request: SimRequest, schema: Schema): z.output<Schema> {
  const json = parseJsonBody(request);
  if (!json.parsed) throw new ControlError(400, 'The body must be JSON.');
  const parsed = schema.safeParse(json.value);
  if (!parsed.success) throw new ControlError(400, z.prettifyError(parsed.error));
  return parsed.data;
}
