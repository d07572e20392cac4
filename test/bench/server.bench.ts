/**
 * Server benchmarks (not tests): the SSE relay latency of partial images, and 50 concurrent
 * runs of a 10-node workflow, over a real loopback port with the fake behind the real SDK.
 *
 * Run alone: `npx tsx test/bench/server.bench.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSse } from '../../server/src/http/sse-reader';
import { runIfMain } from './helpers';
import { mb, quantile, spawnFake, start, startRun } from './server-harness';
import type { BenchResult } from './result';

/** Partial image: fake → SDK → engine → blob store → SQLite → SSE → a fetch client on loopback. */
export const relayLatency = async (): Promise<BenchResult[]> => {
  // The fake in its own process, so its image encoding does not stall the server's event loop.
  const fake = await spawnFake(['--latency-partial', '30']);
  const dataDir = mkdtempSync(join(tmpdir(), 'atelier-bench-relay-'));
  // When each partial image reached the server's SDK client, by "<run tag>:<index>".
  const emitted = new Map<string, number>();
  const server = await start(fake.baseURL, dataDir, 8, (inner) => ({
    identity: inner.identity,
    create: (request, options) => {
      const tag = /relay-(\d+)/.exec(JSON.stringify(request.input))?.[1];
      return inner.create(request, {
        ...options,
        onEvent: (event) => {
          if (event.type === 'response.image_generation_call.partial_image' && tag !== undefined)
            emitted.set(
              `${tag}:${(event as { partial_image_index: number }).partial_image_index}`,
              performance.now(),
            );
          options.onEvent?.(event);
        },
      });
    },
  }));
  const samples: number[] = [];
  try {
    for (let k = 0; k < 20; k++) {
      const id = await startRun(server, {
        workflow: {
          format: 'atelier.workflow',
          version: 1,
          nodes: [
            { id: 'p', type: 'prompt', data: { text: `A lighthouse, relay-${k}` } },
            {
              id: 'g',
              type: 'generate',
              data: { size: '1024x1024', quality: 'low', partial_images: 3 },
            },
          ],
          edges: [
            { id: 'e', source: 'p', sourceHandle: 'text', target: 'g', targetHandle: 'prompt' },
          ],
        },
      });
      const res = await fetch(`${server.url}/api/runs/${id}/events`);
      for await (const message of readSse(res)) {
        if (message.event !== 'node.partial_image') continue;
        const { index } = JSON.parse(message.data) as { index: number };
        const at = emitted.get(`${k}:${index}`);
        if (at !== undefined) samples.push(message.receivedAt - at);
      }
    }
  } finally {
    await server.close();
    await fake.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const note = `${samples.length} partial images over 20 runs; from the SDK receiving the fake's event to an SSE client on loopback`;
  return [
    {
      name: 'server.relay.partial_image.median',
      value: quantile(samples, 0.5),
      unit: 'ms',
      target: 20,
      note,
    },
    { name: 'server.relay.partial_image.p99', value: quantile(samples, 0.99), unit: 'ms', note },
  ];
};

/** 50 runs of a 10-node workflow at once, each watched over SSE. */
export const concurrentRuns = async (): Promise<BenchResult[]> => {
  const fake = await spawnFake(['--latency-first-byte', '20', '--latency-event', '5']);
  const dataDir = mkdtempSync(join(tmpdir(), 'atelier-bench-many-'));
  const server = await start(fake.baseURL, dataDir, 16);
  const workflow = (k: number) => ({
    format: 'atelier.workflow',
    version: 1,
    nodes: [
      { id: 'p', type: 'prompt', data: { text: `A harbour at dawn, batch ${k}` } },
      ...Array.from({ length: 9 }, (_, i) => ({
        id: `g${i}`,
        type: 'generate',
        data: { size: '1024x1024', quality: 'low', partial_images: 0, variant: i },
      })),
    ],
    edges: Array.from({ length: 9 }, (_, i) => ({
      id: `e${i}`,
      source: 'p',
      sourceHandle: 'text',
      target: `g${i}`,
      targetHandle: 'prompt',
    })),
  });
  global.gc?.();
  const before = process.memoryUsage();
  const t0 = performance.now();
  let succeeded = 0;
  let events = 0;
  let wall = 0;
  let after = before;
  try {
    const ids = await Promise.all(
      Array.from({ length: 50 }, (_, k) => startRun(server, { workflow: workflow(k) })),
    );
    await Promise.all(
      ids.map(async (id) => {
        for await (const message of readSse(await fetch(`${server.url}/api/runs/${id}/events`))) {
          events++;
          if (
            message.event === 'run.completed' &&
            JSON.parse(message.data).summary.status === 'succeeded'
          )
            succeeded++;
        }
      }),
    );
    wall = performance.now() - t0;
    after = process.memoryUsage();
  } finally {
    await server.close();
    await fake.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const memoryNote =
    'the server process (also hosting the 50 SSE clients; the fake runs in its own process)';
  return [
    {
      name: 'server.concurrent_runs.succeeded',
      value: succeeded,
      unit: 'runs',
      target: 50,
      better: 'higher',
      note: `50 runs × 10 nodes (450 API calls), concurrency 16, ${events} SSE events`,
    },
    {
      name: 'server.concurrent_runs.wall',
      value: Math.round(wall),
      unit: 'ms',
      note: 'bounded by the fake encoding 450 1024×1024 PNGs in one process',
    },
    { name: 'server.memory.rss_before', value: mb(before.rss), unit: 'MB', note: memoryNote },
    { name: 'server.memory.rss_after', value: mb(after.rss), unit: 'MB', note: memoryNote },
    { name: 'server.memory.heap_before', value: mb(before.heapUsed), unit: 'MB' },
    { name: 'server.memory.heap_after', value: mb(after.heapUsed), unit: 'MB' },
  ];
};

export async function run(): Promise<BenchResult[]> {
  return [...(await relayLatency()), ...(await concurrentRuns())];
}

runIfMain(import.meta.url, run);
