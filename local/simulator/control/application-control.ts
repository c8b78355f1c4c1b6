import { X509Certificate } from 'node:crypto';
import { z } from 'zod';
import type { SimRequest } from '../http/request.js';
import type { Application } from '../fixture.js';
import type { SimulatorState } from '../simulator-state.js';
import { ControlError, parseBody } from './control-handler.js';

// What an administrator does under an app registration's "Certificates & secrets": upload a certificate's
// public part, or add a federated credential (a managed identity, say). Undone by /_sim/reset.

const certificateBody = z.object({ certificate: z.string() });
const federatedBody = z.object({ issuer: z.string().min(1), subject: z.string().min(1), audiences: z.array(z.string().min(1)).min(1) });

export function addCertificate(state: SimulatorState, request: SimRequest, params: Record<string, string>): void {
  const { certificate } = parseBody(request, certificateBody);
  try {
    new X509Certificate(certificate);
  } catch {
    throw new ControlError(400, 'certificate must be a PEM certificate (-----BEGIN CERTIFICATE-----).');
  }
  applicationOf(state, params).certificates.push(certificate);
}

export function addFederatedCredential(state: SimulatorState, request: SimRequest, params: Record<string, string>): void {
  applicationOf(state, params).federatedCredentials.push(parseBody(request, federatedBody));
}

function applicationOf(state: SimulatorState, params: Record<string, string>): Application {
  const app = state.tenant.findApplication(params['clientId'] ?? '');
  if (!app) throw new ControlError(404, `No app registration with client id ${params['clientId'] ?? ''}.`);
  return app;
}
