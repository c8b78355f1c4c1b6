import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, misspeltSettings } from '../../src/app/config.js';

const REQUIRED = {
  GRAPH_TENANT_ID: 'tenant-1',
  GRAPH_CLIENT_ID: 'client-1',
  GRAPH_CLIENT_SECRET: 's3cret',
  AZURE_STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true',
};

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
      bot: { appId: '', appType: 'MultiTenant' },
      graph: { baseUrl: 'https://graph.microsoft.com', authorityHost: 'https://login.microsoftonline.com', tenantId: 'tenant-1' },
      invitations: { redirectUrl: 'https://myapps.microsoft.com/?tenantid=tenant-1', delivery: 'microsoft' },
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
    expect(config.sending).toMatchObject({ rateLimit: { requests: 50, windowSeconds: 1 }, dailyLimit: 500, recheckSeconds: [0.2, 0.4] });
    expect(config.invitations).toMatchObject({ delivery: 'mailbox', mailbox: 'invitations@contoso.com' });
  });

  it('names every missing required setting', () => {
    const problems = problemsOf({});
    for (const name of Object.keys(REQUIRED)) expect(problems.some((p) => p.startsWith(name))).toBe(true);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ GRAPH_BASE_URL: 'http://graph.local' }, 'GRAPH_BASE_URL must use https'],
    [{ ENTRA_AUTHORITY_HOST: 'not a url' }, 'ENTRA_AUTHORITY_HOST'],
    [{ MicrosoftAppType: 'Global' }, 'MicrosoftAppType'],
    [{ MicrosoftAppId: 'app', MicrosoftAppPassword: '' }, 'MicrosoftAppPassword is required when MicrosoftAppId is set'],
    [{ SEND_INVITATION_EMAIL: 'true' }, 'SEND_INVITATION_EMAIL was replaced by INVITATION_DELIVERY'],
    [{ INVITATION_DELIVERY: 'pigeon' }, 'INVITATION_DELIVERY must be microsoft, mailbox or link'],
    [{ INVITATION_DELIVERY: 'mailbox' }, 'INVITATION_MAILBOX is required when INVITATION_DELIVERY is mailbox'],
    [{ INVITE_RATE_LIMIT: '150 per 5s' }, 'INVITE_RATE_LIMIT must be requests/seconds'],
    [{ INVITE_RATE_LIMIT: '0/5' }, 'INVITE_RATE_LIMIT must be positive'],
    [{ DIRECTORY_RECHECK_SECONDS: '1;2' }, 'DIRECTORY_RECHECK_SECONDS must be seconds separated by commas'],
    [{ SEND_CONCURRENCY: '0' }, 'SEND_CONCURRENCY'],
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
