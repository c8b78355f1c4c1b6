/**
 * The one start-up of an e2e file: the whole local stack with the Agents Playground, then Chromium on the
 * Playground once its welcome card shows; closed browser first, then the stack. Registers the
 * beforeAll/afterAll of the file (or of the describe it is called in); read what it started through the getters.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startLocalStack, type LocalStack, type StackOptions } from '../../local/stack.js';
import { openPlaygroundInChromium } from './playground-page.js';

export interface PlaygroundSession {
  readonly stack: LocalStack;
  readonly browser: Browser;
  readonly page: Page;
}

/** The start-up's hook timeout: the stack, the Playground and Chromium under load. */
const START_TIMEOUT_MS = 120_000;

export function usePlaygroundInChromium(
  stackOptions: Omit<StackOptions, 'withPlayground'> = {},
  openOptions: Parameters<typeof openPlaygroundInChromium>[1] = {},
): PlaygroundSession {
  let stack: LocalStack | undefined;
  let opened: { browser: Browser; page: Page } | undefined;

  beforeAll(async () => {
    stack = await startLocalStack({ ...stackOptions, withPlayground: true });
    opened = await openPlaygroundInChromium(stack.playground!.url, openOptions);
  }, START_TIMEOUT_MS);

  afterAll(async () => {
    await opened?.browser.close();
    await stack?.close();
  });

  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the Playground session's ${what} is read before its beforeAll started it`);
    return value;
  };
  return {
    get stack() {
      return started(stack, 'stack');
    },
    get browser() {
      return started(opened, 'browser').browser;
    },
    get page() {
      return started(opened, 'page').page;
    },
  };
}
