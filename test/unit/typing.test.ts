/** typingWhileSlow on a controlled clock: nothing for quick work, then typing after a second and every two seconds. */
import type { TurnContext } from 'botbuilder';
import pino from 'pino';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { TYPING_AFTER_MS, TYPING_EVERY_MS, typingWhileSlow } from '../../src/bot/typing.js';

const log = pino({ level: 'silent' });
let sent: string[];
let context: TurnContext;

beforeEach(() => {
  vi.useFakeTimers();
  sent = [];
  context = { sendActivity: async (activity: { type: string }) => void sent.push(activity.type) } as unknown as TurnContext;
});

afterEach(() => vi.useRealTimers());

/** Work that finishes when the test says so. */
function work<T>(value: T) {
  let finish!: () => void;
  const done = new Promise<T>((resolve) => (finish = () => resolve(value)));
  return { done: () => done, finish: () => finish() };
}

it('sends nothing when the work finishes within a second, nor later', async () => {
  const quick = work('card');
  const result = typingWhileSlow(context, log, quick.done);
  await vi.advanceTimersByTimeAsync(TYPING_AFTER_MS - 1);
  quick.finish();
  expect(await result).toBe('card');
  await vi.advanceTimersByTimeAsync(10 * TYPING_EVERY_MS);
  expect(sent).toEqual([]);
});

it('sends typing after a second, again every two seconds, and stops when the work is done', async () => {
  const slow = work('card');
  const result = typingWhileSlow(context, log, slow.done);
  await vi.advanceTimersByTimeAsync(TYPING_AFTER_MS);
  expect(sent).toEqual(['typing']);
  await vi.advanceTimersByTimeAsync(2 * TYPING_EVERY_MS);
  expect(sent).toEqual(['typing', 'typing', 'typing']);
  slow.finish();
  await result;
  await vi.advanceTimersByTimeAsync(10 * TYPING_EVERY_MS);
  expect(sent).toHaveLength(3);
});

it('a typing activity that fails is logged, and the work’s own result or error comes back unchanged', async () => {
  const warnings: unknown[] = [];
  const failing = { sendActivity: () => Promise.reject(new Error('connector down')) } as unknown as TurnContext;
  const watching = { warn: (...args: unknown[]) => void warnings.push(args) } as unknown as pino.Logger;
  const slow = work('card');
  const result = typingWhileSlow(failing, watching, slow.done);
  await vi.advanceTimersByTimeAsync(TYPING_AFTER_MS);
  slow.finish();
  expect(await result).toBe('card');
  expect(warnings).toHaveLength(1);
  await expect(typingWhileSlow(failing, watching, () => Promise.reject(new Error('review failed')))).rejects.toThrow('review failed');
});
