/**
 * The bot as production runs it: the release `npm run stage` puts in a clean folder (what the App Service
 * zip deploy and the Dockerfile's run stage hold: `npm run build` output, the card templates, production
 * dependencies only), started with plain `node dist/app/main.js`: no TypeScript loader, no dev dependency,
 * nothing read from the source tree.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stopProcess, waitForOutput } from '../../local/processes.js';
import { stageRelease } from '../../scripts/stage-release.js';
import { message, postActivity } from '../support/activities.js';
import { cardOf, cardText } from '../support/connector-recorder.js';
import { startLocalServices, type LocalServices } from '../support/local-services.js';

let folder: string;
let services: LocalServices;
let bot: ChildProcess;
let baseUrl: string;

beforeAll(async () => {
  folder = stageRelease(join(mkdtempSync(join(tmpdir(), 'guest-invites-production-')), 'release'));

  services = await startLocalServices();
  // Only the settings a deployment gives: nothing from this test process's own configuration.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(GRAPH_|AZURE_|Microsoft|BOT_|PORT$|NODE_ENV$|NODE_OPTIONS$|VITEST)/.test(name)));
  bot = spawn(process.execPath, ['dist/app/main.js'], {
    cwd: folder,
    env: { ...inherited, ...services.env, PORT: '0', BOT_AUTHENTICATION: 'off' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const line = await waitForOutput(bot, /Guest Invites is listening/, 30_000, 'the production bot');
  const { port } = JSON.parse(line) as { port: number };
  baseUrl = `http://127.0.0.1:${port}`;
}, 300_000);

afterAll(async () => {
  if (bot) await stopProcess(bot);
  await services?.close();
  if (folder) rmSync(join(folder, '..'), { recursive: true, force: true });
});

describe('production install', () => {
  it('holds no dev dependency and no TypeScript source', () => {
    for (const devOnly of ['tsx', 'typescript', 'vitest', 'eslint', 'azurite']) {
      expect(existsSync(join(folder, 'node_modules', devOnly)), devOnly).toBe(false);
    }
    expect(existsSync(join(folder, 'src'))).toBe(false);
    expect(existsSync(join(folder, 'dist', 'app', 'main.js'))).toBe(true);
  });

  it('answers the health probe', async () => {
    const response = await fetch(`${baseUrl}/healthz`);
    expect(response.status).toBe(200);
  });

  it('serves its privacy and terms pages from the templates it ships', async () => {
    for (const page of ['privacy', 'terms']) {
      const response = await fetch(`${baseUrl}/${page}`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('<html lang="en">');
    }
  });

  it('answers a turn on /api/messages with a card sent to the connector', async () => {
    const { connector, simulator } = services;
    const response = await postActivity(`${baseUrl}/api/messages`, message('help', { serviceUrl: connector.serviceUrl, tenantId: simulator.tenantId }));
    expect(response.status).toBe(200);
    const [reply] = await connector.waitFor((call) => call.method === 'POST' && call.activity.type === 'message');
    const card = cardOf(reply!);
    expect(card).toMatchObject({ type: 'AdaptiveCard' });
    expect(cardText(card)).toMatch(/invite/i);
  });
});
