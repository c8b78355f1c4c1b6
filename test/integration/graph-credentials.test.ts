/**
 * The bot's keyless Graph sign-ins against the tenant simulator, whose Entra checks them as Entra does: a
 * certificate's signed client assertion (registered key, signature, audience, lifetime), and the managed
 * identity as a federated credential of the app registration (the simulator also plays the Azure host's
 * identity endpoint, which ManagedIdentityCredential finds through IDENTITY_ENDPOINT / IDENTITY_HEADER).
 */
import { createHash, X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importPKCS8, SignJWT } from 'jose';
import { generate } from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localIdentities } from '../../local/local-identities.js';
import { loadFixture } from '../../local/simulator/fixture.js';
import { DEFAULT_FIXTURE_PATH, startSimulator, type RunningSimulator } from '../../local/simulator/index.js';
import { graphCredential } from '../../src/app/credentials.js';
import { createGraphClient, GRAPH_SCOPE, type GraphConnection, type GraphCredentialSetting } from '../../src/graph/client.js';
import { controlRequest } from '../support/simulator-control.js';

const app = localIdentities().app;
const identity = loadFixture(DEFAULT_FIXTURE_PATH).managedIdentities[0]!;
const dir = mkdtempSync(join(tmpdir(), 'graph-credentials-'));
let sim: RunningSimulator;

interface KeyPair {
  readonly cert: string;
  readonly key: string;
  /** The PEM GRAPH_CLIENT_CERTIFICATE_PATH names: private key and certificate in one file. */
  readonly path: string;
}

async function certificate(name: string): Promise<KeyPair> {
  const pems = await generate([{ name: 'commonName', value: `guest-invites-${name}` }], { keySize: 2048, algorithm: 'sha256' });
  const path = join(dir, `${name}.pem`);
  writeFileSync(path, `${pems.private}${pems.cert}`, { mode: 0o600 });
  return { cert: pems.cert, key: pems.private, path };
}

let registered: KeyPair;
let unregistered: KeyPair;

beforeAll(async () => {
  sim = await startSimulator();
  [registered, unregistered] = await Promise.all([certificate('registered'), certificate('unregistered')]);
  await controlRequest(sim.url, 'POST', `/_sim/applications/${app.clientId}/certificates`, { certificate: registered.cert });
});

afterAll(async () => {
  await sim?.close();
  rmSync(dir, { recursive: true, force: true });
});

function connection(credential: GraphCredentialSetting): GraphConnection {
  return { baseUrl: sim.url, authorityHost: sim.url, tenantId: sim.tenantId, clientId: app.clientId, credential };
}

const tokenEndpoint = () => `${sim.url}/${sim.tenantId}/oauth2/v2.0/token`;

/** A client assertion as MSAL makes one, with any claim or key changed. */
async function assertion(keys: KeyPair, overrides: { aud?: string; exp?: number; nbf?: number; signWith?: string } = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const thumbprint = createHash('sha256').update(new X509Certificate(keys.cert).raw).digest('base64url');
  return new SignJWT({ jti: crypto.randomUUID() })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', 'x5t#S256': thumbprint })
    .setIssuer(app.clientId)
    .setSubject(app.clientId)
    .setAudience(overrides.aud ?? tokenEndpoint())
    .setNotBefore(overrides.nbf ?? now)
    .setExpirationTime(overrides.exp ?? now + 600)
    .sign(await importPKCS8(overrides.signWith ?? keys.key, 'RS256'));
}

async function redeemAssertion(clientAssertion: string) {
  const response = await fetch(tokenEndpoint(), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: app.clientId,
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: clientAssertion,
      scope: GRAPH_SCOPE,
    }),
  });
  return { status: response.status, body: (await response.json()) as { error?: string; error_description?: string; access_token?: string } };
}

describe('Graph by certificate', () => {
  it('signs in with the PEM of a certificate registered on the app registration, and Graph answers', async () => {
    const credential = graphCredential(connection({ kind: 'certificate', certificatePath: registered.path }));
    const token = await credential.getToken(GRAPH_SCOPE);
    expect(token?.token).toMatch(/^ey/);
    const organization = (await createGraphClient(sim.url, credential).api('/organization').get()) as { value: { id: string }[] };
    expect(organization.value[0]?.id).toBe(sim.tenantId);
  });

  it('refuses a certificate the app registration does not have, with Entra’s AADSTS700027', async () => {
    const credential = graphCredential(connection({ kind: 'certificate', certificatePath: unregistered.path }));
    await expect(credential.getToken(GRAPH_SCOPE)).rejects.toThrow(/AADSTS700027: The certificate with identifier used to sign the client assertion is not registered on application/);
  });

  it('checks the signed assertion itself: the registered key, the audience, the lifetime', async () => {
    expect((await redeemAssertion(await assertion(registered))).status).toBe(200);

    const forged = await redeemAssertion(await assertion(registered, { signWith: unregistered.key }));
    expect(forged).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
    expect(forged.body.error_description).toMatch(/^AADSTS700027: Client assertion failed signature validation/);

    const elsewhere = await redeemAssertion(await assertion(registered, { aud: 'https://login.microsoftonline.com/another-tenant/oauth2/v2.0/token' }));
    expect(elsewhere).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
    expect(elsewhere.body.error_description).toMatch(/^AADSTS700023/);

    const past = Math.floor(Date.now() / 1000) - 3600;
    const expired = await redeemAssertion(await assertion(registered, { nbf: past - 600, exp: past }));
    expect(expired).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
    expect(expired.body.error_description).toMatch(/^AADSTS700024: Client assertion is not within its valid time range/);
  });
});

describe('Graph by the managed identity as a federated credential', () => {
  const saved = { IDENTITY_ENDPOINT: process.env['IDENTITY_ENDPOINT'], IDENTITY_HEADER: process.env['IDENTITY_HEADER'] };
  beforeAll(() => {
    Object.assign(process.env, sim.managedIdentityEnvironment);
  });
  afterAll(() => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });
  const managed = () => graphCredential(connection({ kind: 'managed-identity', managedIdentityClientId: identity.clientId }));

  it('is refused with AADSTS70021 until the app registration trusts the identity', async () => {
    await expect(managed().getToken(GRAPH_SCOPE)).rejects.toThrow(/AADSTS70021: No matching federated identity record found/);
  });

  it('signs in once the identity is a federated credential of the app registration: no secret, no certificate', async () => {
    await controlRequest(sim.url, 'POST', `/_sim/applications/${app.clientId}/federated-credentials`, {
      issuer: `${sim.url}/${sim.tenantId}/v2.0`,
      subject: identity.principalId,
      audiences: ['api://AzureADTokenExchange'],
    });
    const credential = managed();
    expect((await credential.getToken(GRAPH_SCOPE))?.token).toMatch(/^ey/);
    const organization = (await createGraphClient(sim.url, credential).api('/organization').get()) as { value: { id: string }[] };
    expect(organization.value[0]?.id).toBe(sim.tenantId);
  });
});
