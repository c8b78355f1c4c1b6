/** A crash is logged with its stack, then the process exits non-zero so the platform restarts it. */
import type { Logger } from './logger.js';

/** EX_SOFTWARE: an internal error, as opposed to 78 (configuration) or 1 (forced out after the grace period). */
export const CRASH_EXIT_CODE = 70;

interface CrashSource {
  on(event: 'uncaughtException' | 'unhandledRejection', listener: (error: unknown) => void): unknown;
  exit(code: number): void;
}

export function exitOnCrash(logger: Logger, target: CrashSource = process): void {
  const crash = (kind: string) => (error: unknown) => {
    logger.fatal({ err: error }, `${kind}: exiting`);
    target.exit(CRASH_EXIT_CODE);
  };
  target.on('uncaughtException', crash('uncaught exception'));
  target.on('unhandledRejection', crash('unhandled promise rejection'));
}
