import { z } from 'zod';
import { faultRuleSchema } from '../faults.js';
import type { SimRequest } from '../http/request.js';
import { jsonResponse, type SimResponse } from '../http/response.js';
import { randomFaultRuleSchema } from '../random-faults.js';
import type { SimulatorState } from '../simulator-state.js';
import { SlidingWindowThrottle } from '../throttle.js';
import { parseBody } from './control-handler.js';

// Control-API handlers that put the tenant in a harder condition: injected faults, the invitation
// throttle, Graph's anti-abuse block, directory replication lag and Graph's response time.

const throttleBodySchema = z.strictObject({
  invitationsPerWindow: z.number().int().positive(),
  windowSeconds: z.number().positive(),
});

const antiAbuseBodySchema = z.strictObject({ blocked: z.boolean() });

const replicationLagBodySchema = z.strictObject({ milliseconds: z.number().nonnegative() });

const latencyBodySchema = z.strictObject({ milliseconds: z.number().nonnegative().max(60_000) });

export function setLatency(state: SimulatorState, request: SimRequest): void {
  state.graphLatencyMs = parseBody(request, latencyBodySchema).milliseconds;
}

export function addFault(state: SimulatorState, request: SimRequest): void {
  state.faults.add(parseBody(request, faultRuleSchema));
}

export function addRandomFault(state: SimulatorState, request: SimRequest): void {
  state.randomFaults.add(parseBody(request, randomFaultRuleSchema));
}

export function randomFaultCounts(state: SimulatorState): SimResponse {
  return jsonResponse(200, { injected: state.randomFaults.counts() });
}

/** DELETE /_sim/faults forgets count-based and random rules alike, and the random counts. */
export function clearFaults(state: SimulatorState): void {
  state.faults.clear();
  state.randomFaults.clear();
}

export function setThrottle(state: SimulatorState, request: SimRequest): void {
  const { invitationsPerWindow, windowSeconds } = parseBody(request, throttleBodySchema);
  state.invitationThrottle = new SlidingWindowThrottle(invitationsPerWindow, windowSeconds * 1000);
}

export function removeThrottle(state: SimulatorState): void {
  state.invitationThrottle = undefined;
}

export function throttleCounts(state: SimulatorState): SimResponse {
  return jsonResponse(200, state.invitationThrottle?.counts() ?? { admitted: 0, refused: 0 });
}

export function setAntiAbuse(state: SimulatorState, request: SimRequest): void {
  state.invitationsBlocked = parseBody(request, antiAbuseBodySchema).blocked;
}

export function setReplicationLag(state: SimulatorState, request: SimRequest): void {
  state.replication.milliseconds = parseBody(request, replicationLagBodySchema).milliseconds;
}
