import { faultError } from './faults.js';
import type { GraphRequestError } from './graph/errors.js';
import type { SimRequest } from './http/request.js';
import type { RandomFaultKind } from './random-faults.js';
import type { SimulatorState } from './simulator-state.js';

// What an injected fault does to one request, whichever kind of rule chose it: answer an error
// instead of running the operation, or run it and then answer an error or drop the connection.

export type FaultOutcome =
  | { timing: 'instead-of-operation'; error: GraphRequestError }
  | { timing: 'after-operation'; error: GraphRequestError }
  | { timing: 'after-operation'; drop: true };

// Small, so tests that let the Graph client retry a 503 stay fast; Graph may send a Retry-After on 503 (throttling.md).
const retryAfterSecondsFor503 = 1;

/** Count-based rules (POST /_sim/faults) come first; only when none matches does a random rule draw. */
export function decideFault(state: SimulatorState, request: SimRequest): FaultOutcome | undefined {
  const rule = state.faults.take(request.method, request.path);
  if (rule !== undefined) {
    return rule.afterCreate === true ? { timing: 'after-operation', drop: true } : { timing: 'instead-of-operation', error: faultError(rule) };
  }
  const kind = state.randomFaults.roll(request.method, request.path);
  return kind === undefined ? undefined : randomFaultOutcome(kind);
}

function randomFaultOutcome(kind: RandomFaultKind): FaultOutcome {
  switch (kind) {
    case '500':
      return { timing: 'instead-of-operation', error: faultError({ status: 500 }) };
    case '503':
      return { timing: 'instead-of-operation', error: faultError({ status: 503, retryAfterSeconds: retryAfterSecondsFor503 }) };
    case '504':
      return { timing: 'instead-of-operation', error: faultError({ status: 504 }) };
    case '504-after-create':
      // The gateway gave up waiting, but the backend finished the operation.
      return { timing: 'after-operation', error: faultError({ status: 504 }) };
    case 'drop-after-create':
      return { timing: 'after-operation', drop: true };
  }
}
