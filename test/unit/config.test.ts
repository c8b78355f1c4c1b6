import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, misspeltSettings } from '../../src/app/config.js';
import { REQUIRED } from '../support/required-settings.js';

/** REQUIRED without the given settings. */
const without = (...names: (keyof typeof REQUIRED)[]) => Object.fromEntries(Object.entries(REQUIRED).filter(([name]) => !names.includes(name as keyof typeof REQUIRED)));
const BOT = { MicrosoftAppId: 'b0b0b0b0-0000-4000-8000-000000000001', MicrosoftAppTenantId: 'tenant-1' };

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return [...(error as ConfigError).problems];
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig(REQUIRED);
    expect(config).toMatchObject({
      port: 3978,
      bot: { appId: '', appType: 'SingleTenant', authentication: 'off' },
      storage: { kind: 'connection-string', connectionString: 'UseDevelopmentStorage=true' },
      shutdownGraceSeconds: 25,
      graph: { baseUrl: 'https://graph.microsoft.com', authorityHost: 'https://login.microsoftonline.com', tenantId: 'tenant-1' },
      invitations: { redirectUrl: 'https://myapps.microsoft.com/?tenantid=tenant-1', delivery: 'microsoft', maxPasteCharacters: 200_000 },
      sending: {
        rateLimit: { requests: 150, windowSeconds: 5 },
        dailyLimit: 0,
        concurrency: 4,
        leaseSeconds: 60,
        requestTimeoutSeconds: 30,
        recheckSeconds: [1, 2, 4],
      },
      logLevel: 'info',
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('reads the sending settings', () => {
    const config = loadConfig({ ...REQUIRED, INVITE_RATE_LIMIT: '50 / 1', INVITE_DAILY_LIMIT: '500', DIRECTORY_RECHECK_SECONDS: '0.2, 0.4', INVITATION_DELIVERY: 'mailbox', INVITATION_MAILBOX: 'invitations@contoso.com' });
    expect(config.sending).toMatchObject({ rateLimit: { requests: 50, windowSeconds: 1 }, pacing: 'shared', dailyLimit: 500, recheckSeconds: [0.2, 0.4] });
    expect(loadConfig({ ...REQUIRED, INVITE_PACING: 'instance' }).sending.pacing).toBe('instance');
    expect(config.invitations).toMatchObject({ delivery: 'mailbox', mailbox: 'invitations@contoso.com' });
  });

  it('reads the notification channel’s language, time zone and digest hour, refusing a zone or locale that does not exist', () => {
    expect(loadConfig(REQUIRED).admin).toMatchObject({ locale: 'en', timeZone: 'UTC', digestHour: 8 });
    expect(loadConfig({ ...REQUIRED, ADMIN_LOCALE: 'de-DE', ADMIN_TIME_ZONE: 'Europe/Berlin', NOTIFY_DIGEST_HOUR: '7' }).admin).toMatchObject({ locale: 'de-DE', timeZone: 'Europe/Berlin', digestHour: 7 });
    expect(problemsOf({ ...REQUIRED, ADMIN_TIME_ZONE: 'Europe/Atlantis' }).join('\n')).toContain('ADMIN_TIME_ZONE');
    expect(problemsOf({ ...REQUIRED, ADMIN_LOCALE: 'not a locale' }).join('\n')).toContain('ADMIN_LOCALE');
  });

  it('names every missing required setting', () => {
    const problems = problemsOf({});
    for (const name of ['GRAPH_TENANT_ID', 'GRAPH_CLIENT_ID']) expect(problems.some((p) => p.startsWith(name))).toBe(true);
    const rest = problemsOf({ GRAPH_TENANT_ID: 't', GRAPH_CLIENT_ID: 'c' });
    for (const name of ['MicrosoftAppId', 'GRAPH_CREDENTIAL', 'AZURE_STORAGE_CONNECTION_STRING']) expect(rest.some((p) => p.startsWith(name))).toBe(true);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ GRAPH_BASE_URL: 'http://graph.local' }, 'GRAPH_BASE_URL must use https'],
    [{ ENTRA_AUTHORITY_HOST: 'not a url' }, 'ENTRA_AUTHORITY_HOST'],
    [{ MicrosoftAppType: 'Global' }, 'MicrosoftAppType'],
    [{ MicrosoftAppType: 'MultiTenant', MicrosoftAppId: 'app', BOT_AUTHENTICATION: '' }, 'MicrosoftAppPassword is required when MicrosoftAppType is MultiTenant'],
    [{ SEND_INVITATION_EMAIL: 'true' }, 'SEND_INVITATION_EMAIL was replaced by INVITATION_DELIVERY'],
    [{ INVITATION_DELIVERY: 'pigeon' }, 'INVITATION_DELIVERY must be microsoft, mailbox or link'],
    [{ INVITATION_DELIVERY: 'mailbox' }, 'INVITATION_MAILBOX is required when INVITATION_DELIVERY is mailbox'],
    [{ INVITE_RATE_LIMIT: '150 per 5s' }, 'INVITE_RATE_LIMIT must be requests/seconds'],
    [{ INVITE_RATE_LIMIT: '0/5' }, 'INVITE_RATE_LIMIT must be positive'],
    [{ INVITE_PACING: 'alone' }, 'INVITE_PACING must be shared or instance'],
    [{ DIRECTORY_RECHECK_SECONDS: '1;2' }, 'DIRECTORY_RECHECK_SECONDS must be seconds separated by commas'],
    [{ SEND_CONCURRENCY: '0' }, 'SEND_CONCURRENCY'],
    [{ MAX_PASTE_CHARACTERS: '50k' }, 'MAX_PASTE_CHARACTERS'],
    [{ PUBLIC_BASE_URL: 'https://bot.contoso.example' }, 'NOTIFICATION_CLIENT_STATE is required with PUBLIC_BASE_URL'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
  ])('refuses %j naming the setting', (bad, expected) => {
    expect(problemsOf({ ...REQUIRED, ...bad }).join('\n')).toContain(expected);
  });

  it('suggests the setting a misspelt name probably meant', () => {
    expect(misspeltSettings({ GRAPH_CLIENTID: 'x', HOME: '/root' })).toEqual(['GRAPH_CLIENTID is not a setting: did you mean GRAPH_CLIENT_ID?']);
    expect(problemsOf({ ...REQUIRED, GRAPH_TENANT_ID: '', GRAPH_TENANTID: 't' }).join('\n')).toContain('did you mean GRAPH_TENANT_ID');
  });
});

describe('bot authentication fails closed', () => {
  it('refuses to start without MicrosoftAppId unless BOT_AUTHENTICATION=off, saying what to set', () => {
    const problems = problemsOf(without('BOT_AUTHENTICATION')).join('\n');
    expect(problems).toContain('MicrosoftAppId is required');
    expect(problems).toContain('BOT_AUTHENTICATION=off');
    expect(problems).toContain('127.0.0.1');
  });

  it('turns authentication on with an app id, single-tenant by default', () => {
    const config = loadConfig({ ...without('BOT_AUTHENTICATION'), ...BOT, MicrosoftAppPassword: 'p' });
    expect(config.bot).toMatchObject({ appId: BOT.MicrosoftAppId, appType: 'SingleTenant', appTenantId: 'tenant-1', authentication: 'on' });
  });

  it.each([
    [{ ...BOT }, 'MicrosoftAppPassword is required when MicrosoftAppType is SingleTenant'],
    [{ MicrosoftAppId: BOT.MicrosoftAppId, MicrosoftAppPassword: 'p' }, 'MicrosoftAppTenantId is required when MicrosoftAppType is SingleTenant'],
    [{ ...BOT, MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppPassword: 'p' }, 'MicrosoftAppPassword must not be set when MicrosoftAppType is UserAssignedMSI'],
    [{ MicrosoftAppId: BOT.MicrosoftAppId, MicrosoftAppType: 'UserAssignedMSI' }, 'MicrosoftAppTenantId is required when MicrosoftAppType is UserAssignedMSI'],
    [{ ...BOT, CertificateThumbprint: 'AB12' }, 'CertificatePrivateKey is required with the other'],
    [{ ...BOT, MicrosoftAppPassword: 'p', BOT_AUTHENTICATION: 'off' }, 'BOT_AUTHENTICATION off contradicts MicrosoftAppId'],
    [{ ...BOT, MicrosoftAppType: 'Global' }, 'MicrosoftAppType must be SingleTenant, UserAssignedMSI or MultiTenant'],
  ])('with an app id, refuses %j', (bad, expected) => {
    expect(problemsOf({ ...without('BOT_AUTHENTICATION'), ...bad }).join('\n')).toContain(expected);
  });

  it('accepts a user-assigned managed identity without a password, and a certificate instead of one; the type in any case', () => {
    expect(loadConfig({ ...without('BOT_AUTHENTICATION'), ...BOT, MicrosoftAppType: 'userassignedmsi' }).bot).toMatchObject({ appType: 'UserAssignedMSI', authentication: 'on' });
    expect(loadConfig({ ...without('BOT_AUTHENTICATION'), ...BOT, CertificateThumbprint: 'AB12', CertificatePrivateKey: 'pem' }).bot).toMatchObject({
      appType: 'SingleTenant',
      certificate: { thumbprint: 'AB12', privateKey: 'pem' },
    });
  });
});

describe('Graph credential', () => {
  const dir = mkdtempSync(join(tmpdir(), 'config-cert-'));
  const pem = join(dir, 'graph.pem');
  writeFileSync(pem, '-----BEGIN PRIVATE KEY-----\nx\n-----END PRIVATE KEY-----\n-----BEGIN CERTIFICATE-----\ny\n-----END CERTIFICATE-----\n');
  const keyOnly = join(dir, 'key-only.pem');
  writeFileSync(keyOnly, '-----BEGIN PRIVATE KEY-----\nx\n-----END PRIVATE KEY-----\n');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('infers the kind from the one credential setting present', () => {
    expect(loadConfig(REQUIRED).graph.credential).toEqual({ kind: 'secret', secret: 's3cret' });
    expect(loadConfig({ ...without('GRAPH_CLIENT_SECRET'), GRAPH_CLIENT_CERTIFICATE_PATH: pem }).graph.credential).toEqual({ kind: 'certificate', certificatePath: pem });
  });

  it('takes the managed identity as a federated credential when asked for by name', () => {
    const config = loadConfig({ ...without('GRAPH_CLIENT_SECRET'), GRAPH_CREDENTIAL: 'managed-identity', AZURE_CLIENT_ID: 'mi-client' });
    expect(config.graph.credential).toEqual({ kind: 'managed-identity', managedIdentityClientId: 'mi-client' });
  });

  it.each([
    [{ GRAPH_CLIENT_SECRET: '' }, 'GRAPH_CREDENTIAL is required: how the bot signs in to Graph, one of secret'],
    [{ GRAPH_CLIENT_CERTIFICATE_PATH: pem }, 'GRAPH_CREDENTIAL is required when both GRAPH_CLIENT_SECRET and GRAPH_CLIENT_CERTIFICATE_PATH are set'],
    [{ GRAPH_CREDENTIAL: 'password' }, 'GRAPH_CREDENTIAL must be secret, certificate or managed-identity'],
    [{ GRAPH_CREDENTIAL: 'managed-identity' }, 'AZURE_CLIENT_ID is required when GRAPH_CREDENTIAL is managed-identity'],
    [{ GRAPH_CREDENTIAL: 'certificate' }, 'GRAPH_CLIENT_CERTIFICATE_PATH is required when GRAPH_CREDENTIAL is certificate'],
    [{ GRAPH_CREDENTIAL: 'certificate', GRAPH_CLIENT_CERTIFICATE_PATH: join(dir, 'missing.pem') }, 'GRAPH_CLIENT_CERTIFICATE_PATH cannot be read (ENOENT)'],
    [{ GRAPH_CREDENTIAL: 'certificate', GRAPH_CLIENT_CERTIFICATE_PATH: keyOnly }, 'it has no certificate'],
  ])('refuses %j naming the choices', (bad, expected) => {
    expect(problemsOf({ ...REQUIRED, ...bad }).join('\n')).toContain(expected);
  });
});

describe('storage', () => {
  const endpoints = { AZURE_STORAGE_TABLE_URL: 'https://acct.table.core.windows.net/', AZURE_STORAGE_QUEUE_URL: 'https://acct.queue.core.windows.net/' };

  it('reaches the account by its endpoints with the managed identity, or az login without a client id', () => {
    expect(loadConfig({ ...without('AZURE_STORAGE_CONNECTION_STRING'), ...endpoints, AZURE_CLIENT_ID: 'mi-client' }).storage).toEqual({
      kind: 'endpoints',
      tableUrl: endpoints.AZURE_STORAGE_TABLE_URL,
      queueUrl: endpoints.AZURE_STORAGE_QUEUE_URL,
      managedIdentityClientId: 'mi-client',
    });
    expect(loadConfig({ ...without('AZURE_STORAGE_CONNECTION_STRING'), ...endpoints }).storage).not.toHaveProperty('managedIdentityClientId');
  });

  it.each([
    [{ ...endpoints }, 'set only one'],
    [{ AZURE_STORAGE_CONNECTION_STRING: '', AZURE_STORAGE_TABLE_URL: endpoints.AZURE_STORAGE_TABLE_URL }, 'AZURE_STORAGE_QUEUE_URL is required with the other storage endpoint'],
    [{ AZURE_STORAGE_CONNECTION_STRING: '' }, 'AZURE_STORAGE_CONNECTION_STRING is required, or AZURE_STORAGE_TABLE_URL and AZURE_STORAGE_QUEUE_URL'],
    [{ AZURE_STORAGE_CONNECTION_STRING: '', ...endpoints, AZURE_STORAGE_QUEUE_URL: 'http://acct.queue.core.windows.net/' }, 'AZURE_STORAGE_QUEUE_URL must be the storage account’s https endpoint'],
  ])('refuses %j', (bad, expected) => {
    expect(problemsOf({ ...REQUIRED, ...bad }).join('\n')).toContain(expected);
  });
});
