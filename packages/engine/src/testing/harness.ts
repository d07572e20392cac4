import type { ResponseObject } from '@atelier/nodes';
import type { Workflow } from '@atelier/graph';
import { abortable } from '../api-gate';
import { MemoryCacheStore } from '../memory-cache-store';
import { runWorkflow } from '../run-workflow';
import type { RunEvent, RunOptions, RunSummary } from '../types';
import { deferred, type Deferred } from './deferred';
import { FakeResponses } from './fake-responses';
import { MemoryBlobs } from './memory-blobs';
import { toyRegistry } from './toy-nodes';

/** RunOptions for a toy workflow with fresh fakes; override any part. */
export const toyOptions = (
  workflow: Workflow,
  overrides: Partial<RunOptions> = {},
): RunOptions => ({
  workflow,
  registry: toyRegistry,
  responses: new FakeResponses(),
  blobs: new MemoryBlobs(),
  cache: new MemoryCacheStore(),
  models: { model: 'gpt-6.1-sol', imageModel: 'gpt-image-2.6-sunburst' },
  ...overrides,
});

/** Runs and keeps every event. */
export const runCollecting = async (
  options: RunOptions,
): Promise<{ summary: RunSummary; events: RunEvent[] }> => {
  const events: RunEvent[] = [];
  const summary = await runWorkflow(options, (event) => events.push(event));
  return { summary, events };
};

export interface HeldCall {
  input: string;
  release(): void;
  fail(error: unknown): void;
  gate: Deferred<ResponseObject | undefined>;
  signal: AbortSignal;
}

/**
 * A FakeResponses whose every call waits until the test releases it: `held` lists the
 * calls in arrival order. A held call rejects when its signal aborts.
 */
export const heldResponses = (
  identity = 'simulator',
): { fake: FakeResponses; held: HeldCall[] } => {
  const held: HeldCall[] = [];
  const fake = new FakeResponses({ identity });
  fake.handler = async (request, options) => {
    const gate = deferred<ResponseObject | undefined>();
    held.push({
      input: typeof request.input === 'string' ? request.input : '',
      release: () => gate.resolve(undefined),
      fail: (error) => gate.reject(error),
      gate,
      signal: options.signal,
    });
    const response = await abortable(gate.promise, options.signal);
    return response ?? fake.respond(request, options);
  };
  return { fake, held };
};
