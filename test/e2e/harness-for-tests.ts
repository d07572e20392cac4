import { afterAll, beforeAll } from 'vitest';
import { screenshotFailures } from './editor';
import { startHarness, type Harness, type HarnessOptions } from './harness';

/**
 * One harness for the tests of a file or describe block: started before them (then `ready`,
 * e.g. opening the editor), closed after them, and each failing test's screenshots and log kept
 * (`screenshotFailures`). The handle returned stands for the started harness, so tests keep
 * writing `h.page`; read it inside tests and hooks only (before the start it throws).
 */
export const harnessForTests = (
  options: HarnessOptions = {},
  ready?: (h: Harness) => Promise<unknown>,
): Harness => {
  let started: Harness | undefined;
  screenshotFailures(() => started);
  beforeAll(async () => {
    started = await startHarness(options);
    await ready?.(started);
  }, 300_000);
  afterAll(() => started?.close(), 60_000);
  return new Proxy({} as Harness, {
    get: (_, key) => {
      if (!started) throw new Error('The e2e harness is not started yet: use it inside tests.');
      return Reflect.get(started, key) as unknown;
    },
  });
};
