/** `npm start`: the whole local stack on the usual ports, until Ctrl+C. */
import { fileURLToPath } from 'node:url';
import { SETTING_NAMES } from '../src/app/config.js';
import { startLocalStack } from './stack.js';

/** Bot settings given to `npm start` (e.g. APPROVAL_BATCH_SIZE=2) reach the bot; the stack sets the rest. */
const botEnv = Object.fromEntries(
  SETTING_NAMES.filter((name) => name !== 'PORT' && process.env[name] !== undefined).map((name) => [name, process.env[name] as string]),
);

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
  echoBotOutput: true,
});
const seconds = ((performance.now() - began) / 1000).toFixed(1);

process.stdout.write(`
Guest Invites is running locally (started in ${seconds} s).

  Chat with the bot:   http://localhost:${stack.playground?.port}/   (Agents Playground: personal chat, group chat, team channel)
  Bot endpoint:        ${stack.bot.messagesEndpoint}
  Tenant simulator:    ${stack.simulator.url}   (tenant ${stack.simulator.tenantId}; control API under /_sim, see local/simulator/README.md)
  Table storage:       ${stack.azurite.tableEndpoint}   (Azurite, in memory)
  Queue storage:       ${stack.azurite.queueEndpoint}   (Azurite, in memory: the sending queue)

Try: invite jane@fabrikam.com   ·   help
Ctrl+C stops everything.
`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void stack.close().then(() => process.exit(0));
  });
}
