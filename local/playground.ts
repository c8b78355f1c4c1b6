/**
 * The Microsoft 365 Agents Playground (a local Teams-like client) as a child process, with a config file
 * that fixes its tenant, users and conversation ids, so conversation references stored by the bot still
 * point somewhere after a restart.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { waitForOutput, stopProcess } from './processes.js';

export interface PlaygroundUser {
  readonly aadObjectId: string;
  readonly name: string;
  readonly givenName: string;
  readonly surname: string;
  readonly email: string;
}

export interface PlaygroundOptions {
  readonly botEndpoint: string;
  readonly port: number;
  /** Its config file and its devTools/ log folder live here. */
  readonly workDir: string;
  readonly tenantId: string;
  readonly botName: string;
  readonly currentUser: PlaygroundUser;
  /** The Playground requires exactly five other users. */
  readonly otherUsers: readonly PlaygroundUser[];
}

const PLAYGROUND_CONVERSATIONS = {
  personal: 'a:guest-invites-local-personal',
  groupChat: '19:guest-invites-local-group@thread.v2',
  team: '19:guest-invites-local-general@thread.tacv2',
  channel: '19:guest-invites-local-partners@thread.tacv2',
} as const;

const PLAYGROUND_BOT_ID = '28:guest-invites-local-bot';

export interface RunningPlayground {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

export async function startPlayground(options: PlaygroundOptions): Promise<RunningPlayground> {
  if (options.otherUsers.length !== 5) throw new Error(`The Playground needs exactly 5 other users, got ${options.otherUsers.length}`);
  mkdirSync(options.workDir, { recursive: true });
  const configPath = join(options.workDir, '.m365agentsplayground.yml');
  writeFileSync(configPath, playgroundConfig(options));

  const cli = createRequire(import.meta.url).resolve('@microsoft/m365agentsplayground/cli.js');
  const child: ChildProcess = spawn(
    process.execPath,
    [cli, '-e', options.botEndpoint, '-c', 'msteams', '-p', String(options.port), '--disable-telemetry'],
    {
      cwd: options.workDir,
      env: { ...process.env, TEAMSAPPTESTER_BROWSER: 'none', M365_AGENTS_PLAYGROUND_CONFIG_PATH: configPath },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  // It falls back to a random port when the asked one is taken, so the port is read from what it prints.
  const line = await waitForOutput(child, /Listening on (\d+)/, 30_000, 'Agents Playground');
  const port = Number(/Listening on (\d+)/.exec(line)?.[1] ?? options.port);
  return { url: `http://127.0.0.1:${port}`, port, close: () => stopProcess(child) };
}

function playgroundConfig(options: PlaygroundOptions): string {
  const user = (u: PlaygroundUser) =>
    `{ id: "29:${u.aadObjectId}", name: ${JSON.stringify(u.name)}, userPrincipleName: ${JSON.stringify(u.email)}, aadObjectId: ${JSON.stringify(u.aadObjectId)}, givenName: ${JSON.stringify(u.givenName)}, surname: ${JSON.stringify(u.surname)}, email: ${JSON.stringify(u.email)} }`;
  return [
    '# Written by local/playground.ts on every start; edit the code, not this file.',
    'version: "0.1.1"',
    `tenantId: ${JSON.stringify(options.tenantId)}`,
    `bot: { id: ${JSON.stringify(PLAYGROUND_BOT_ID)}, name: ${JSON.stringify(options.botName)} }`,
    `currentUser: ${user(options.currentUser)}`,
    'users:',
    ...options.otherUsers.map((u) => `  - ${user(u)}`),
    `personalChat: { id: ${JSON.stringify(PLAYGROUND_CONVERSATIONS.personal)} }`,
    `groupChat: { id: ${JSON.stringify(PLAYGROUND_CONVERSATIONS.groupChat)}, name: "Partner onboarding" }`,
    'team:',
    `  id: ${JSON.stringify(PLAYGROUND_CONVERSATIONS.team)}`,
    '  name: "Contoso Partners"',
    '  aadGroupId: "5e3f7d1c-9a2b-4c6d-8e0f-1a2b3c4d5e6f"',
    `  channels: [ { id: ${JSON.stringify(PLAYGROUND_CONVERSATIONS.channel)}, name: "Guest requests" } ]`,
    '',
  ].join('\n');
}
