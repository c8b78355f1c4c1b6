import { addToWorld, worldAdditionsSchema } from '../external-world.js';
import { parseJsonBody, type SimRequest } from '../http/request.js';
import { jsonResponse, type SimResponse } from '../http/response.js';
import type { SimulatorState } from '../simulator-state.js';
import { patchConfiguration } from '../tenant-configuration.js';
import { ControlError, parseBody } from './control-handler.js';

// Control-API handlers that read and change the tenant's configuration and the outside world at run
// time, so that tests can try many configurations against one simulator. Reset restores the fixture.

export function readConfiguration(state: SimulatorState): SimResponse {
  return jsonResponse(200, state.tenant.configuration);
}

/** PATCH /_sim/configuration: objects merge key by key, arrays and scalars replace; all or nothing. */
export function changeConfiguration(state: SimulatorState, request: SimRequest): SimResponse {
  const json = parseJsonBody(request);
  if (!json.parsed || typeof json.value !== 'object' || json.value === null || Array.isArray(json.value)) {
    throw new ControlError(400, 'The body must be a JSON object: a part of the configuration.');
  }
  const result = patchConfiguration(state.tenant.configuration, json.value as Record<string, unknown>);
  if (!result.ok) throw new ControlError(400, result.problem);
  state.tenant.configuration = result.configuration;
  return jsonResponse(200, result.configuration);
}

export function readWorld(state: SimulatorState): SimResponse {
  return jsonResponse(200, state.tenant.world);
}

/** POST /_sim/world: adds tenants, their domains and users, personal accounts and consumer domains. */
export function extendWorld(state: SimulatorState, request: SimRequest): SimResponse {
  const result = addToWorld(state.tenant.world, parseBody(request, worldAdditionsSchema));
  if (!result.ok) throw new ControlError(400, result.problem);
  state.tenant.world = result.world;
  return jsonResponse(200, result.world);
}
