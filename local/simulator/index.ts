import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { loadFixture } from './fixture.js';
import { createSimulatorServer } from './server.js';
import { MANAGED_IDENTITY_PATH } from './entra/managed-identity-endpoint.js';
import { SimulatorState } from './simulator-state.js';
import { TenantState } from './tenant-state.js';
import { ensureCertificate } from './tls.js';
import { TokenService } from './tokens.js';

// The tenant simulator: an HTTPS server playing Microsoft Entra (client-credentials sign-in) and a
// subset of Microsoft Graph v1.0, seeded from a fixture, with a test-only control API under /_sim.

export { ensureCertificate } from './tls.js';

export interface SimulatorOptions {
  /** 0 or undefined = a free port. */
  port?: number;
  /** Default: local/simulator/fixtures/tenant.json */
  fixturePath?: string;
  /** Default: ensureCertificate() */
  tls?: { certPath: string; keyPath: string };
}

export interface RunningSimulator {
  /** 'https://127.0.0.1:<port>': the Graph base URL and the Entra authority host. */
  url: string;
  tenantId: string;
  port: number;
  /** What an Azure host puts in its code's environment so ManagedIdentityCredential finds this simulator's identity endpoint. */
  managedIdentityEnvironment: { IDENTITY_ENDPOINT: string; IDENTITY_HEADER: string };
  /** Stops listening and closes every open connection. */
  close(): Promise<void>;
}

export const DEFAULT_FIXTURE_PATH = fileURLToPath(new URL('./fixtures/tenant.json', import.meta.url));

export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const fixturePath = options.fixturePath ?? DEFAULT_FIXTURE_PATH;
  const state = new SimulatorState(() => new TenantState(loadFixture(fixturePath)));
  const tokens = await TokenService.create();
  const identityHeader = randomBytes(16).toString('hex');
  const tls = options.tls ?? ensureCertificate();
  const server = createSimulatorServer(
    { cert: readFileSync(tls.certPath, 'utf8'), key: readFileSync(tls.keyPath, 'utf8') },
    { state, tokens, identityHeader },
  );

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `https://127.0.0.1:${port}`,
    tenantId: state.tenant.tenantId,
    port,
    managedIdentityEnvironment: { IDENTITY_ENDPOINT: `https://127.0.0.1:${port}/${MANAGED_IDENTITY_PATH}`, IDENTITY_HEADER: identityHeader },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        server.closeAllConnections();
      }),
  };
}
