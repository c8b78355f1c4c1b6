/** The bot as its own process, started exactly as `npm run bot` starts it: configured only by environment. */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { stopProcess, waitForOutput } from './processes.js';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface RunningBot {
  readonly url: string;
  readonly messagesEndpoint: string;
  readonly process: ChildProcess;
  /** Everything the bot wrote, for tests that check its logs. */
  output(): string;
  close(): Promise<void>;
}

export interface BotProcessOptions {
  /** Where the bot's log lines go as they come, besides `output()` (e.g. the terminal of `npm start`). */
  readonly output?: NodeJS.WritableStream;
  /** How long the bot may take to listen (a bench on a busy machine waits longer). */
  readonly readyTimeoutMs?: number;
  /** More node flags, e.g. --cpu-prof for a bench's profile. */
  readonly nodeFlags?: readonly string[];
}

// restify reads Node's internal HTTP parser through process.binding (DEP0111); that one warning says
// nothing a user can act on. Every other warning still shows.
const NODE_FLAGS = ['--disable-warning=DEP0111', '--import', 'tsx'];

export async function startBotProcess(env: Record<string, string>, options: BotProcessOptions = {}): Promise<RunningBot> {
  const child = spawn(process.execPath, [...NODE_FLAGS, ...(options.nodeFlags ?? []), 'src/app/main.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    options.output?.write(chunk);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const line = await waitForOutput(child, /is listening on \/api\/messages/, options.readyTimeoutMs ?? 30_000, 'the bot');
  const port = Number(/"port":(\d+)/.exec(line)?.[1]);
  const url = `http://127.0.0.1:${port}`;
  return { url, messagesEndpoint: `${url}/api/messages`, process: child, output: () => output, close: () => stopProcess(child) };
}
