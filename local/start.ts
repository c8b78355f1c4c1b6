/** `npm start`: the whole local stack on the usual ports, until Ctrl+C. */
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import PinoPretty from 'pino-pretty';
import { SETTING_NAMES } from '../src/app/config.js';
import { startLocalStack } from './stack.js';
import { removeStackFile, STACK_FILE, writeStackFile } from './stack-file.js';

/** Bot settings given to `npm start` (e.g. APPROVAL_BATCH_SIZE=2) reach the bot; the stack sets the rest. */
const botEnv = Object.fromEntries(
  SETTING_NAMES.filter((name) => name !== 'PORT' && process.env[name] !== undefined).map((name) => [name, process.env[name] as string]),
);

// The bot's JSON log lines wait until the banner is out, then show as readable lines.
const botLog = new PassThrough();

process.stdout.write('Starting Guest Invites locally: Azurite, the tenant simulator, the bot and the Agents Playground…\n');
const began = performance.now();
const stack = await startLocalStack({
  botPort: Number(process.env.PORT ?? 3978),
  playgroundPort: Number(process.env.PLAYGROUND_PORT ?? 56150),
  withPlayground: true,
  playgroundWorkDir: fileURLToPath(new URL('../.local/playground/', import.meta.url)),
  logLevel: process.env.LOG_LEVEL ?? 'info',
  botEnv,
  // Whom the Playground's UI acts as: Dana Scully (a User Administrator) unless PLAYGROUND_USER_ID names another.
  ...(process.env.PLAYGROUND_USER_ID ? { playgroundUserId: process.env.PLAYGROUND_USER_ID } : {}),
  botOutput: botLog,
});
const seconds = ((performance.now() - began) / 1000).toFixed(1);
const running = writeStackFile(stack);

process.stdout.write(`
Guest Invites is running locally (started in ${seconds} s).

  Chat with the bot:   ${running.playground}   (Agents Playground: personal chat, group chat, team channel)
  Bot endpoint:        ${running.bot}
  Tenant simulator:    ${running.simulator.url}   (tenant ${running.simulator.tenantId}; control API under /_sim, see local/simulator/README.md)
  Table storage:       ${running.tableEndpoint}   (Azurite, in memory)
  Queue storage:       ${running.queueEndpoint}   (Azurite, in memory: the sending queue)

Try: invite jane@fabrikam.com, press Send, then play the guest in another terminal:
     npm run guest -- accept jane@fabrikam.com
Ctrl+C stops everything (where it all listens: ${STACK_FILE.replace(`${process.cwd()}/`, '')}).

The bot's log:
`);
botLog.pipe(
  PinoPretty({
    colorize: process.stdout.isTTY,
    translateTime: 'SYS:HH:MM:ss',
    singleLine: true,
    ignore: 'pid,hostname,service',
    destination: process.stdout,
  }),
);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    removeStackFile();
    void stack.close().then(() => process.exit(0));
  });
}
