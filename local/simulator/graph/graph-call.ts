import type { SimRequest } from '../http/request.js';
import type { SimResponse } from '../http/response.js';
import type { SimulatorContext } from '../simulator-state.js';
import type { AppTokenClaims } from '../tokens.js';

/** An authenticated, routed Graph request as its operation handler receives it. */
export interface GraphCall {
  request: SimRequest;
  params: Record<string, string>;
  caller: AppTokenClaims;
  context: SimulatorContext;
}

export type GraphHandler = (call: GraphCall) => SimResponse | Promise<SimResponse>;
