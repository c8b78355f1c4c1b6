/**
 * Where a running `npm start` listens, written to .local/stack.json (git-ignored) while it runs, so
 * commands such as `npm run guest` find the stack without being told its ports, which change every run.
 */
import { readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { LocalStack } from './stack.js';

export const STACK_FILE = fileURLToPath(new URL('../.local/stack.json', import.meta.url));

const stackFileSchema = z.object({
  pid: z.number().int(),
  startedAt: z.string(),
  playground: z.string().optional(),
  bot: z.string(),
  simulator: z.object({ url: z.string(), tenantId: z.string() }),
  tableEndpoint: z.string(),
  queueEndpoint: z.string(),
});

export type StackFile = z.infer<typeof stackFileSchema>;

function describeStack(stack: LocalStack): StackFile {
  return {
    pid: process.pid,
    startedAt: new Date().toISOString(),
    ...(stack.playground ? { playground: `http://localhost:${stack.playground.port}/` } : {}),
    bot: stack.bot.messagesEndpoint,
    simulator: { url: stack.simulator.url, tenantId: stack.simulator.tenantId },
    tableEndpoint: stack.azurite.tableEndpoint,
    queueEndpoint: stack.azurite.queueEndpoint,
  };
}

export function writeStackFile(stack: LocalStack, path = STACK_FILE): StackFile {
  const described = describeStack(stack);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(described, null, 2)}\n`);
  return described;
}

/** Removes the file if this process wrote it (a second `npm start` may have replaced it). */
export function removeStackFile(path = STACK_FILE): void {
  const current = readStackFile(path);
  if (current.kind === 'found' && current.stack.pid === process.pid) rmSync(path, { force: true });
}

export type StackFileRead = { kind: 'found'; stack: StackFile } | { kind: 'missing' } | { kind: 'unreadable'; why: string };

export function readStackFile(path = STACK_FILE): StackFileRead {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    return { kind: 'unreadable', why: (error as Error).message };
  }
  try {
    return { kind: 'found', stack: stackFileSchema.parse(JSON.parse(text)) };
  } catch (error) {
    return { kind: 'unreadable', why: error instanceof z.ZodError ? z.prettifyError(error) : (error as Error).message };
  }
}
