import { z } from 'zod';
import { parseJsonBody, type SimRequest } from '../http/request.js';
import { noContent, type SimResponse } from '../http/response.js';
import type { SimulatorState } from '../simulator-state.js';

// What every control-API handler shares: its signature, its refusals and how it reads a body.

/** `params` are the route's `:name` segments. Async for routes that call out (forged notifications). */
export type ControlHandler = (state: SimulatorState, request: SimRequest, params: Record<string, string>) => SimResponse | Promise<SimResponse>;

/** A refusal by the control API itself, answered as `{ error: message }`. */
export class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** A handler that changes the simulator and answers 204 No Content. */
export function command(action: (state: SimulatorState, request: SimRequest, params: Record<string, string>) => void): ControlHandler {
  return (state, request, params) => {
    action(state, request, params);
    return noContent;
  };
}

export function parseBody<Schema extends z.ZodType>(request: SimRequest, schema: Schema): z.output<Schema> {
  const json = parseJsonBody(request);
  if (!json.parsed) throw new ControlError(400, 'The body must be JSON.');
  const parsed = schema.safeParse(json.value);
  if (!parsed.success) throw new ControlError(400, z.prettifyError(parsed.error));
  return parsed.data;
}
