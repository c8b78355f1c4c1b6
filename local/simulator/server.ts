import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { handleControlRequest } from './control/control-api.js';
import { handleEntraRequest } from './entra/entra-api.js';
import { handleManagedIdentityRequest, MANAGED_IDENTITY_PATH } from './entra/managed-identity-endpoint.js';
import { decideFault } from './fault-outcome.js';
import { handleGraphRequest } from './graph/graph-api.js';
import { graphErrorResponse } from './graph/errors.js';
import { readRequest, type SimRequest } from './http/request.js';
import { writeResponse, type SimResponse } from './http/response.js';
import type { SimulatorContext } from './simulator-state.js';

export interface TlsMaterial {
  cert: string;
  key: string;
}

/** The HTTPS server: /_sim is the control API, /v1.0 is Graph, everything else is Entra. */
export function createSimulatorServer(tls: TlsMaterial, context: SimulatorContext): Server {
  const server = createServer({ cert: tls.cert, key: tls.key }, (incoming, response) => {
    handle(context, incoming, response).catch((error: unknown) => {
      // A bug in the simulator: say so on stderr, answer 500 and keep serving.
      console.error('tenant simulator: unexpected error', error);
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  return server;
}

async function handle(context: SimulatorContext, incoming: IncomingMessage, response: ServerResponse): Promise<void> {
  const request = await readRequest(incoming);
  if (request.segments[0] === '_sim') {
    writeResponse(response, await handleControlRequest(context.state, request));
    return;
  }

  const call = context.state.calls.record(request);
  response.on('close', () => {
    call.status = response.writableFinished ? response.statusCode : null;
  });

  const fault = decideFault(context.state, request);
  if (fault?.timing === 'instead-of-operation') {
    writeResponse(response, graphErrorResponse(request, fault.error));
    return;
  }
  const answer = await answerRequest(context, request);
  if (fault === undefined) {
    writeResponse(response, answer);
  } else if ('drop' in fault) {
    // The operation took effect; the caller never learns it (a connection dropped after the create).
    incoming.socket.destroy();
  } else {
    // The operation took effect, but the caller is told it failed (a gateway timeout after the create).
    writeResponse(response, graphErrorResponse(request, fault.error));
  }
}

async function answerRequest(context: SimulatorContext, request: SimRequest): Promise<SimResponse> {
  if (request.path === `/${MANAGED_IDENTITY_PATH}`) return handleManagedIdentityRequest(context, request);
  if (request.segments[0] !== 'v1.0') return handleEntraRequest(context, request);
  const latency = context.state.graphLatencyMs;
  if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));
  return handleGraphRequest(context, request);
}
