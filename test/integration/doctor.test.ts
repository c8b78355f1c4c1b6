/** `npm run doctor` as operators run it: its own process, the bot's environment, one line per check, exit 0 or 1. */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFixture } from '../../local/simulator/fixture.js';
import { DEFAULT_FIXTURE_PATH } from '../../local/simulator/index.js';
import { startLocalServices, type LocalServices } from '../support/local-services.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

interface DoctorRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** The line of the check with this name. */
  line(name: string): string;
}

/** Asynchronous on purpose: the simulator and Azurite's proxy answer from this process's event loop. */
function runDoctor(env: Record<string, string>): Promise<DoctorRun> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(GRAPH_|AZURE_|IDENTITY_|Microsoft|INVITATION_|BOT_AUTHENTICATION$|PORT$)/.test(name)));
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/app/doctor/main.ts'], { cwd: ROOT, env: { ...clean, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      const lines = stdout.split('\n');
      resolve({
        status,
        stdout,
        stderr,
        line: (name) => lines.find((line) => new RegExp(`^\\S+ (PASS|WARN|FAIL|SKIP)  ${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s{2,}`).test(line)) ?? `(no "${name}" line in:\n${stdout}${stderr})`,
      });
    });
  });
}

describe('npm run doctor', () => {
  let services: LocalServices;

  beforeAll(async () => {
    services = await startLocalServices();
  }, 60_000);

  afterAll(async () => {
    await services?.close();
  });

  it('passes every check with the seeded app, warning about Reset redemption and the missing Bot Framework auth', async () => {
    const run = await runDoctor(services.env);
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.line('Sign-in')).toMatch(/^✔ PASS .*with its client secret \(GRAPH_CLIENT_SECRET\)/);
    expect(run.line('Permissions')).toMatch(/^✔ PASS .*User\.Invite\.All, User\.Read\.All, Organization\.Read\.All, Policy\.Read\.All/);
    expect(run.line('Permissions: paths')).toMatch(/^✔ PASS .*IdentityProvider\.Read\.All, CrossTenantInformation\.ReadBasic\.All/);
    expect(run.line('Permissions: roles')).toMatch(/^✔ PASS .*RoleManagement\.Read\.Directory/);
    expect(run.line('Permissions: membership')).toMatch(/^✔ PASS .*TeamMember\.ReadWrite\.All, Channel\.ReadBasic\.All, ChannelMember\.ReadWrite\.All, ChatMember\.ReadWrite\.All, GroupMember\.ReadWrite\.All/);
    expect(run.line('Permissions: reset')).toMatch(/^! WARN .*User\.ReadWrite\.All.*Reset redemption.*admin consent/);
    expect(run.line('Graph')).toMatch(/^✔ PASS .*Contoso.*contoso\.com \(default\), contoso\.onmicrosoft\.com/);
    expect(run.line('Table storage')).toMatch(/^✔ PASS .* by connection string: tables invitations, batches, batchoutcomes, quotas, audit, tracker, settings/);
    expect(run.line('Queue storage')).toMatch(/^✔ PASS .*invite-work, invite-work-poison/);
    expect(run.line('Bot Framework')).toMatch(/^! WARN .*BOT_AUTHENTICATION=off: .*127\.0\.0\.1 only/);
    expect(run.stdout).not.toMatch(/FAIL|Mailbox/);
    expect(run.stdout).toMatch(/All checks passed \(2 warnings\)\.\n$/);
    // No secret, no token, no account key.
    expect(run.stdout + run.stderr).not.toContain(services.env.GRAPH_CLIENT_SECRET);
    expect(run.stdout + run.stderr).not.toMatch(/eyJ[\w-]{10,}/);
    expect(run.stdout + run.stderr).not.toMatch(/AccountKey/);
  });

  it('fails the sign-in with AADSTS7000215 for a wrong client secret, and skips what needs a token', async () => {
    const run = await runDoctor({ ...services.env, GRAPH_CLIENT_SECRET: 'not-the-right-secret' });
    expect(run.status).toBe(1);
    expect(run.line('Sign-in')).toMatch(/^✖ FAIL .*AADSTS7000215.*GRAPH_CLIENT_SECRET/);
    expect(run.line('Graph')).toMatch(/^- SKIP/);
    expect(run.line('Table storage')).toMatch(/^✔ PASS/);
    expect(run.stdout + run.stderr).not.toContain('not-the-right-secret');
  });

  it('fails the permissions check for the Directory Reader app, naming User.Invite.All and admin consent', async () => {
    const run = await runDoctor({
      ...services.env,
      GRAPH_CLIENT_ID: '22222222-3333-4444-8555-666666666666',
      GRAPH_CLIENT_SECRET: 'local-dev-reader-secret-not-for-production',
    });
    expect(run.status).toBe(1);
    expect(run.line('Sign-in')).toMatch(/^✔ PASS/);
    expect(run.line('Permissions')).toMatch(/^✖ FAIL .*User\.Invite\.All \[POST \/invitations\].*Organization\.Read\.All.*admin consent/);
    expect(run.line('Permissions')).not.toMatch(/missing User\.Read\.All/);
    expect(run.line('Permissions')).toMatch(/Policy\.Read\.All \[who your organisation lets invite/);
    // Missing prediction and role permissions are a warning only.
    expect(run.line('Permissions: paths')).toMatch(/^! WARN .*IdentityProvider\.Read\.All/);
    expect(run.line('Permissions: roles')).toMatch(/^! WARN .*RoleManagement\.Read\.Directory.*ADMIN_GROUP_IDS/);
    expect(run.line('Permissions: membership')).toMatch(/^! WARN .*TeamMember\.ReadWrite\.All.*team or chat they were invited from/);
    expect(run.line('Graph')).toMatch(/^✖ FAIL .*403.*Organization\.Read\.All/);
  });

  it('fails the storage checks when storage cannot be reached', async () => {
    const unreachable = services.env.AZURE_STORAGE_CONNECTION_STRING!.replace(/(Table|Queue)Endpoint=http:\/\/127\.0\.0\.1:\d+/g, '$1Endpoint=http://127.0.0.1:9');
    expect(unreachable).toContain('127.0.0.1:9/');
    const run = await runDoctor({ ...services.env, AZURE_STORAGE_CONNECTION_STRING: unreachable });
    expect(run.status).toBe(1);
    expect(run.line('Table storage')).toMatch(/^✖ FAIL .*could not be reached.*AZURE_STORAGE_CONNECTION_STRING/);
    expect(run.line('Queue storage')).toMatch(/^✖ FAIL .*could not be reached.*AZURE_STORAGE_CONNECTION_STRING/);
    expect(run.line('Sign-in')).toMatch(/^✔ PASS/);
    expect(run.stdout + run.stderr).not.toMatch(/AccountKey/);
  });

  it('checks the mailbox for mailbox delivery: an existing mailbox passes', async () => {
    const run = await runDoctor({ ...services.env, INVITATION_DELIVERY: 'mailbox', INVITATION_MAILBOX: 'invitations@contoso.com' });
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.line('Permissions: mailbox')).toMatch(/^✔ PASS .*Mail\.Send/);
    expect(run.line('Mailbox')).toMatch(/^✔ PASS .*invitations@contoso\.com/);
  });

  it('checks the mailbox for mailbox delivery: a user who does not exist fails', async () => {
    const run = await runDoctor({ ...services.env, INVITATION_DELIVERY: 'mailbox', INVITATION_MAILBOX: 'nobody@contoso.com' });
    expect(run.status).toBe(1);
    expect(run.line('Mailbox')).toMatch(/^✖ FAIL .*INVITATION_MAILBOX nobody@contoso\.com is not a user in tenant/);
  });

  it('stops with exit code 78 and the bot’s message on a configuration error', async () => {
    const run = await runDoctor({ NODE_EXTRA_CA_CERTS: services.env.NODE_EXTRA_CA_CERTS! });
    expect(run.status).toBe(78);
    expect(run.stderr).toContain('Guest Invites cannot start. Invalid configuration');
    expect(run.stderr).toContain('GRAPH_TENANT_ID');
  });

  it('checks a certificate: one the app registration has passes, another fails with AADSTS700027 and what to upload', async () => {
    const [registered, unregistered] = await Promise.all([certificate('registered'), certificate('unregistered')]);
    await services.sim.registerCertificate(services.env.GRAPH_CLIENT_ID!, registered.cert);
    const certificateEnv = { ...services.env, GRAPH_CLIENT_SECRET: '', GRAPH_CREDENTIAL: 'certificate' };

    const good = await runDoctor({ ...certificateEnv, GRAPH_CLIENT_CERTIFICATE_PATH: registered.path });
    expect(good.status, good.stdout + good.stderr).toBe(0);
    expect(good.line('Sign-in')).toMatch(new RegExp(`^✔ PASS .*with its certificate \\(${registered.path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\)`));

    const wrong = await runDoctor({ ...certificateEnv, GRAPH_CLIENT_CERTIFICATE_PATH: unregistered.path });
    expect(wrong.status).toBe(1);
    expect(wrong.line('Sign-in')).toMatch(/^✖ FAIL .*AADSTS700027: .*not registered on that app registration.*Upload the certificate in GRAPH_CLIENT_CERTIFICATE_PATH/);
    expect(wrong.stdout + wrong.stderr).not.toContain('PRIVATE KEY');
  });

  it('checks the managed identity as a federated credential: refused with what to add until the app registration trusts it', async () => {
    const identity = loadFixture(DEFAULT_FIXTURE_PATH).managedIdentities[0]!;
    const managedEnv = { ...services.env, ...services.simulator.managedIdentityEnvironment, GRAPH_CLIENT_SECRET: '', GRAPH_CREDENTIAL: 'managed-identity', AZURE_CLIENT_ID: identity.clientId };

    const untrusted = await runDoctor(managedEnv);
    expect(untrusted.status).toBe(1);
    expect(untrusted.line('Sign-in')).toMatch(/^✖ FAIL .*AADSTS70021: .*no federated credential matching the managed identity .*subject the managed identity's object \(principal\) id, audience api:\/\/AzureADTokenExchange/);

    await services.sim.addFederatedCredential(services.env.GRAPH_CLIENT_ID!, {
      issuer: `${services.simulator.url}/${services.simulator.tenantId}/v2.0`,
      subject: identity.principalId,
      audiences: ['api://AzureADTokenExchange'],
    });
    const trusted = await runDoctor(managedEnv);
    expect(trusted.status, trusted.stdout + trusted.stderr).toBe(0);
    expect(trusted.line('Sign-in')).toMatch(new RegExp(`^✔ PASS .*with its managed identity ${identity.clientId} as a federated credential`));
  });

  it('checks storage by its endpoints: without a managed identity or az login, it says which to set up', async () => {
    const run = await runDoctor({
      ...services.env,
      AZURE_STORAGE_CONNECTION_STRING: '',
      AZURE_STORAGE_TABLE_URL: 'https://guestinvites.table.core.windows.net/',
      AZURE_STORAGE_QUEUE_URL: 'https://guestinvites.queue.core.windows.net/',
    });
    expect(run.status).toBe(1);
    expect(run.line('Table storage')).toMatch(/^✖ FAIL .*no token for storage.*AZURE_CLIENT_ID.*az login/);
    expect(run.line('Queue storage')).toMatch(/^✖ FAIL .*no token for storage.*AZURE_CLIENT_ID.*az login/);
  });
});

const certificates = mkdtempSync(join(tmpdir(), 'doctor-certificates-'));
afterAll(() => rmSync(certificates, { recursive: true, force: true }));

/** A self-signed certificate and the PEM (key and certificate) GRAPH_CLIENT_CERTIFICATE_PATH names. */
async function certificate(name: string): Promise<{ cert: string; path: string }> {
  const pems = await generate([{ name: 'commonName', value: `doctor-${name}` }], { keySize: 2048, algorithm: 'sha256' });
  const path = join(certificates, `${name}.pem`);
  writeFileSync(path, `${pems.private}${pems.cert}`, { mode: 0o600 });
  return { cert: pems.cert, path };
}
