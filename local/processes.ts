/** Child processes of the local stack: wait for a line that says they are ready, stop them cleanly. */
import type { ChildProcess } from 'node:child_process';

/**
 * Resolves with the first output line matching `pattern`; rejects if the process exits or time runs out,
 * and then kills it, so a process that never became ready is not left running.
 */
export function waitForOutput(child: ChildProcess, pattern: RegExp, timeoutMs: number, name: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      const line = seen.split('\n').find((candidate) => pattern.test(candidate));
      if (line !== undefined) finish(() => resolve(line));
    };
    const onExit = (code: number | null) => finish(() => reject(new Error(`${name} exited (code ${code}) before it was ready:\n${seen.slice(-2000)}`)));
    const timer = setTimeout(
      () =>
        finish(() => {
          child.kill('SIGKILL');
          reject(new Error(`${name} was not ready within ${timeoutMs} ms:\n${seen.slice(-2000)}`));
        }),
      timeoutMs,
    );
    const finish = (settle: () => void) => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onData);
      child.off('exit', onExit);
      settle();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
  });
}

/** SIGTERM, then SIGKILL if it has not gone after a grace period. */
export async function stopProcess(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}
