/**
 * Shared set-up for the tenant simulator's integration tests: the real @azure/identity credential
 * and the real Graph client pointed at a running simulator, plus plain HTTPS helpers for the
 * control API and for Graph calls that must bypass the client's retries.
 */
import type { ClientSecretCredential } from '@azure/identity';
import type { Client } from '@microsoft/microsoft-graph-client';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { localIdentities } from '../../../local/local-identities.js';
import { startSimulator, type RunningSimulator } from '../../../local/simulator/index.js';
import { secretCredential, secretGraphClient } from '../../support/app-sign-in.js';
import { controlRequest, SimulatorControl } from '../../support/simulator-control.js';

export const graphScope = 'https://graph.microsoft.com/.default';

export interface AppRegistration {
  clientId: string;
  clientSecret: string;
}

/** The bot's own registration, as the local stack reads it from the fixture. */
export const guestInvitesApp: AppRegistration = localIdentities().app;
// The fixture's other app registrations, for permission tests.
export const directoryReaderApp: AppRegistration = {
  clientId: '22222222-3333-4444-8555-666666666666',
  clientSecret: 'local-dev-reader-secret-not-for-production',
};
export const guestAdministrationApp: AppRegistration = {
  clientId: '33333333-4444-4555-8666-777777777777',
  clientSecret: 'local-dev-admin-secret-not-for-production',
};

/** A fresh credential each call: a second getToken on one credential is served from MSAL's cache. */
export function credentialFor(sim: RunningSimulator, app: AppRegistration = guestInvitesApp): ClientSecretCredential {
  return secretCredential(sim, app) as ClientSecretCredential;
}

/** The bot's own Graph client factory, pointed at the simulator. */
export function graphClientFor(sim: RunningSimulator, app: AppRegistration = guestInvitesApp): Client {
  return secretGraphClient(sim, app);
}

/** What useSimulator started, read once its beforeAll has run. */
export interface SimulatorUnderTest {
  readonly sim: RunningSimulator;
  /** The bot's own Graph client, pointed at the simulator. */
  readonly graph: Client;
  readonly control: SimulatorControl;
}

/** One simulator for the file, with a Graph client and its control API; optionally reset before each test. */
export function useSimulator(options: { resetBeforeEach?: boolean } = {}): SimulatorUnderTest {
  let started: SimulatorUnderTest | undefined;
  beforeAll(async () => {
    const sim = await startSimulator();
    started = { sim, graph: graphClientFor(sim), control: new SimulatorControl(sim.url) };
  });
  afterAll(async () => {
    await started?.sim.close();
  });
  if (options.resetBeforeEach) {
    beforeEach(async () => {
      await control(started!.sim, 'POST', '/reset');
    });
  }
  const get = (): SimulatorUnderTest => {
    if (!started) throw new Error('the simulator is read before its beforeAll started it');
    return started;
  };
  return {
    get sim() {
      return get().sim;
    },
    get graph() {
      return get().graph;
    },
    get control() {
      return get().control;
    },
  };
}

export async function accessToken(sim: RunningSimulator, app: AppRegistration = guestInvitesApp): Promise<string> {
  const token = await credentialFor(sim, app).getToken(graphScope);
  return token.token;
}

export interface HttpAnswer {
  status: number;
  headers: Headers;
  /** Parsed JSON, or undefined for an empty body. */
  body: unknown;
}

/** One HTTPS request to the simulator, without any retry. */
export async function send(
  sim: RunningSimulator,
  method: string,
  path: string,
  options: { body?: unknown; token?: string; headers?: Record<string, string> } = {},
): Promise<HttpAnswer> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token !== undefined) headers['authorization'] = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${sim.url}${path}`, {
    method,
    headers,
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text === '' ? undefined : JSON.parse(text) };
}

/** The body of a control-API call that must succeed. */
export function control<Body = unknown>(sim: RunningSimulator, method: string, path: string, body?: unknown): Promise<Body> {
  return controlRequest(sim.url, method, `/_sim${path}`, body) as Promise<Body>;
}

/** A minimal valid invitation body for `address`. */
export function invitationFor(address: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { invitedUserEmailAddress: address, inviteRedirectUrl: 'https://myapps.microsoft.com/?tenantid=contoso', ...extra };
}

/**
 * One GET (a url relative to the version) sent alone and as a request of a $batch: the status and body of each,
 * an error's innerError (its own request-id and date) left out.
 */
export async function aloneAndBatched(sim: RunningSimulator, url: string, token: string): Promise<{ alone: InnerOutcome; batched: InnerOutcome }> {
  const alone = await send(sim, 'GET', `/v1.0${url}`, { token });
  const batch = await send(sim, 'POST', '/v1.0/$batch', { token, body: { requests: [{ id: '1', method: 'GET', url }] } });
  const [inner] = (batch.body as { responses: { status: number; body?: unknown }[] }).responses;
  return { alone: outcome(alone.status, alone.body), batched: outcome(inner?.status ?? 0, inner?.body) };
}

interface InnerOutcome {
  status: number;
  body: unknown;
}

function outcome(status: number, body: unknown): InnerOutcome {
  const error = (body as { error?: { code?: string; message?: string } } | undefined)?.error;
  return { status, body: error ? { error: { code: error.code, message: error.message } } : body };
}
