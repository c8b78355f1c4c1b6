/** What one deployment check found, and how the doctor prints it: one line, a mark, the check's name, what to do. */
type CheckStatus = 'pass' | 'warn' | 'fail' | 'skip';

export interface CheckResult {
  readonly status: CheckStatus;
  readonly name: string;
  /** What was found; for a warning or a failure, what to do about it. Never a secret or a token. */
  readonly message: string;
}

export const pass = (name: string, message: string): CheckResult => ({ status: 'pass', name, message });
export const warn = (name: string, message: string): CheckResult => ({ status: 'warn', name, message });
export const fail = (name: string, message: string): CheckResult => ({ status: 'fail', name, message });
export const skip = (name: string, message: string): CheckResult => ({ status: 'skip', name, message });

const MARKS: Record<CheckStatus, string> = { pass: '✔ PASS', warn: '! WARN', fail: '✖ FAIL', skip: '- SKIP' };

export function formatResult(result: CheckResult, nameWidth: number): string {
  return `${MARKS[result.status]}  ${result.name.padEnd(nameWidth)}  ${result.message}`;
}

/** A check that hangs (a black-holed address) fails instead of holding the doctor forever. */
export function withTimeout<T>(work: Promise<T>, seconds: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(`${what} did not answer within ${seconds} s`)), seconds * 1000);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export class TimeoutError extends Error {
  override readonly name = 'TimeoutError';
}
