import { EventEmitter } from 'node:events';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CRASH_EXIT_CODE, exitOnCrash } from '../../src/app/crash.js';
import { createLogger } from '../../src/app/logger.js';

function crashable() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const exits: number[] = [];
  const target = Object.assign(new EventEmitter(), { exit: (code: number) => void exits.push(code) });
  exitOnCrash(createLogger('info', sink), target);
  return { target, lines, exits };
}

describe('exitOnCrash', () => {
  it.each([
    ['uncaughtException', 'uncaught exception: exiting'],
    ['unhandledRejection', 'unhandled promise rejection: exiting'],
  ])('on %s logs the error with its stack, then exits non-zero', (event, message) => {
    const { target, lines, exits } = crashable();
    target.emit(event, new Error('boom in a timer'));
    expect(exits).toEqual([CRASH_EXIT_CODE]);
    expect(CRASH_EXIT_CODE).not.toBe(0);
    const logged = JSON.parse(lines.join('')) as { level: number; msg: string; err: { message: string; stack: string } };
    expect(logged).toMatchObject({ level: 60, msg: message, err: { message: 'boom in a timer' } });
    expect(logged.err.stack).toContain('crash.test.ts');
  });
});
