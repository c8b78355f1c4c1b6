/** `npm run bot` as operators start it: configured only by its environment, refusing to start on bad settings. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function startBot(env: Record<string, string>) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(GRAPH_|AZURE_|Microsoft|BOT_AUTHENTICATION$|PORT$)/.test(name)));
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/app/main.ts'], { cwd: ROOT, env: { ...clean, ...env }, encoding: 'utf8', timeout: 20_000 });
}

describe('bot start-up', () => {
  it('stops with exit code 78 and names every missing setting', () => {
    const result = startBot({});
    expect(result.status).toBe(78);
    for (const name of ['GRAPH_TENANT_ID', 'GRAPH_CLIENT_ID']) expect(result.stderr).toContain(name);
    const rest = startBot({ GRAPH_TENANT_ID: 't', GRAPH_CLIENT_ID: 'c' });
    expect(rest.status).toBe(78);
    for (const name of ['MicrosoftAppId', 'GRAPH_CREDENTIAL', 'AZURE_STORAGE_CONNECTION_STRING']) expect(rest.stderr).toContain(name);
  });

  it('fails closed: without MicrosoftAppId it refuses to start, saying what to set', () => {
    const result = startBot({ GRAPH_TENANT_ID: 't', GRAPH_CLIENT_ID: 'c', GRAPH_CLIENT_SECRET: 's', AZURE_STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true' });
    expect(result.status).toBe(78);
    expect(result.stderr).toMatch(/MicrosoftAppId is required: the Azure Bot’s app id .*BOT_AUTHENTICATION=off .*127\.0\.0\.1 only/);
  });

  it('names a malformed setting and what is wrong with it, without echoing secrets', () => {
    const result = startBot({
      GRAPH_TENANT_ID: 't',
      GRAPH_CLIENT_ID: 'c',
      GRAPH_CLIENT_SECRET: 'super-secret-value',
      AZURE_STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true',
      BOT_AUTHENTICATION: 'off',
      GRAPH_BASE_URL: 'http://graph.example',
    });
    expect(result.status).toBe(78);
    expect(result.stderr).toContain('GRAPH_BASE_URL must use https');
    expect(result.stderr + result.stdout).not.toContain('super-secret-value');
  });
});
