/**
 * The bot process as a platform sees it: authentication that fails closed, liveness and readiness probes,
 * and a clean stop. Each bot is its own process started exactly as `npm run bot` starts it.
 */
import { generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBotProcess, type RunningBot } from '../../local/bot-process.js';
import { message, postActivity } from '../support/activities.js';
import { startLocalServices, type LocalServices } from '../support/local-services.js';

const BOT_APP_ID = '5b1f3c2d-0e4a-4b6c-8d7e-9f0a1b2c3d4e';
let services: LocalServices;
const running: RunningBot[] = [];

beforeAll(async () => {
  services = await startLocalServices();
});

afterAll(async () => {
  for (const bot of running) await bot.close();
  await services?.close();
});

async function bot(overrides: Record<string, string> = {}): Promise<RunningBot> {
  const started = await startBotProcess({ ...services.env, PORT: '0', ...overrides });
  running.push(started);
  return started;
}

const activity = () => message('help', { serviceUrl: services.connector.serviceUrl, tenantId: services.simulator.tenantId });

/** Milliseconds a request takes, with its status. */
async function timed(request: Promise<Response>): Promise<{ status: number; ms: number; body: string }> {
  const started = Date.now();
  const response = await request;
  return { status: response.status, ms: Date.now() - started, body: await response.text() };
}

describe('authentication fails closed', () => {
  let secured: RunningBot;
  beforeAll(async () => {
    // BOT_AUTHENTICATION from the local settings is removed: an app id turns authentication on.
    secured = await bot({ BOT_AUTHENTICATION: '', MicrosoftAppId: BOT_APP_ID, MicrosoftAppPassword: 'bot-secret', MicrosoftAppTenantId: services.simulator.tenantId });
  });

  it('refuses a turn without a token (401) and sends nothing', async () => {
    const answer = await timed(postActivity(secured.messagesEndpoint, activity()));
    expect(answer.status).toBe(401);
    expect(services.connector.calls).toHaveLength(0);
  });

  it('refuses a token signed by a key of our own (401), promptly, although Bot Framework’s signing keys cannot be fetched here', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    for (const issuer of ['https://api.botframework.com', `https://sts.windows.net/${services.simulator.tenantId}/`, 'https://login.example.com']) {
      const forged = await new SignJWT({ serviceurl: services.connector.serviceUrl, appid: BOT_APP_ID })
        .setProtectedHeader({ alg: 'RS256', kid: 'forged-key' })
        .setIssuer(issuer)
        .setAudience(BOT_APP_ID)
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(privateKey);
      const answer = await timed(postActivity(secured.messagesEndpoint, activity(), { authorization: `Bearer ${forged}` }));
      expect(answer.status, issuer).toBe(401);
      // Well inside botbuilder's own waits and the Bot Connector's 15 s: refused, not hanging.
      expect(answer.ms, issuer).toBeLessThan(11_000);
    }
    expect(services.connector.calls).toHaveLength(0);
  });

  it('listens on every interface with authentication on', () => {
    expect(secured.output()).toMatch(/"authentication":"on".*is listening/);
    expect(secured.output()).not.toContain('127.0.0.1 only');
  });
});

describe('without authentication (local)', () => {
  it('listens on 127.0.0.1 only and says so in one line at start', async () => {
    const local = await bot();
    const lines = local.output().split('\n');
    expect(lines.filter((line) => line.includes('BOT_AUTHENTICATION=off'))).toHaveLength(1);
    expect(lines.find((line) => line.includes('is listening'))).toMatch(/"address":"127\.0\.0\.1".*"authentication":"off"/);
  });
});

describe('probes', () => {
  it('/healthz says alive and /readyz ready when storage and Graph answer', async () => {
    const healthy = await bot();
    expect((await timed(fetch(`${healthy.url}/healthz`))).status).toBe(200);
    const ready = await fetch(`${healthy.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', storage: 'ok', graph: 'ok' });
  });

  it('with storage down, /healthz stays 200 (no restart) and /readyz is 503 naming storage', async () => {
    const connection = services.azurite.connectionString.replace(/TableEndpoint=http:\/\/127\.0\.0\.1:\d+/, 'TableEndpoint=http://127.0.0.1:9');
    const noStorage = await bot({ AZURE_STORAGE_CONNECTION_STRING: connection });
    expect((await fetch(`${noStorage.url}/healthz`)).status).toBe(200);
    const answer = await fetch(`${noStorage.url}/readyz`);
    expect(answer.status).toBe(503);
    const body = (await answer.json()) as Record<string, string>;
    expect(body).toMatchObject({ status: 'not ready', graph: 'ok' });
    expect(body['storage']).toMatch(/^failing: /);
  });

  it('with a wrong Graph secret, /readyz is 503 naming Graph', async () => {
    const noGraph = await bot({ GRAPH_CLIENT_SECRET: 'not-the-secret' });
    const answer = await fetch(`${noGraph.url}/readyz`);
    expect(answer.status).toBe(503);
    const body = (await answer.json()) as Record<string, string>;
    expect(body).toMatchObject({ storage: 'ok' });
    expect(body['graph']).toMatch(/^failing: .*AADSTS7000215/);
    expect(JSON.stringify(body)).not.toContain('not-the-secret');
  });
});
