import type { FakeOpenAI } from '@atelier/fake-openai';
import type { ImageValue, MaskValue, Workflow } from '@atelier/graph';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Stack } from './run-service-harness';
import {
  asset,
  example,
  openStack,
  removeDir,
  responseBodies,
  startFake,
  tempDir,
} from './run-service-harness';

let fake: FakeOpenAI;
let dir: string;
let stack: Stack;
beforeAll(async () => {
  fake = await startFake();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.configure({ faults: {}, latency: {} });
  fake.resetStats();
  dir = tempDir();
  stack = openStack(fake, join(dir, 'atelier.db'));
});
afterEach(async () => {
  await stack.close();
  removeDir(dir);
});

const run = async (
  workflow: Workflow,
  inputs: Record<string, string | ImageValue | MaskValue> = {},
  force?: string[],
) => stack.service.wait(stack.service.start({ workflow, inputs, force }).id);

const ranNodes = (record: Awaited<ReturnType<typeof run>>) =>
  Object.entries(record.nodes)
    .filter(([, node]) => node.status === 'succeeded' && !node.cached)
    .map(([id]) => id)
    .sort();

/** p1 → g1 → e1 (edit) and, independent of them, p2 → g2. */
const twoBranches = (second = 'a green apple'): Workflow => ({
  format: 'atelier.workflow',
  version: 1,
  name: 'Two branches',
  nodes: [
    { id: 'p1', type: 'prompt', position: { x: 0, y: 0 }, data: { text: 'a red bicycle' } },
    {
      id: 'g1',
      type: 'generate',
      position: { x: 0, y: 0 },
      data: { size: '1024x1024', quality: 'low', partial_images: 0 },
    },
    { id: 'i1', type: 'prompt', position: { x: 0, y: 0 }, data: { text: 'make it blue' } },
    {
      id: 'e1',
      type: 'edit',
      position: { x: 0, y: 0 },
      data: { size: '1024x1024', quality: 'low', partial_images: 0 },
    },
    { id: 'p2', type: 'prompt', position: { x: 0, y: 0 }, data: { text: second } },
    {
      id: 'g2',
      type: 'generate',
      position: { x: 0, y: 0 },
      data: { size: '1024x1024', quality: 'low', partial_images: 0 },
    },
  ],
  edges: [
    { id: 'a', source: 'p1', sourceHandle: 'text', target: 'g1', targetHandle: 'prompt' },
    { id: 'b', source: 'g1', sourceHandle: 'image', target: 'e1', targetHandle: 'image' },
    { id: 'c', source: 'i1', sourceHandle: 'text', target: 'e1', targetHandle: 'instruction' },
    { id: 'd', source: 'p2', sourceHandle: 'text', target: 'g2', targetHandle: 'prompt' },
  ],
  inputs: [{ name: 'second', node: 'p2', field: 'text' }],
});

const single = (prompt: string): Workflow => ({
  format: 'atelier.workflow',
  version: 1,
  name: 'Single',
  nodes: [
    { id: 'p1', type: 'prompt', position: { x: 0, y: 0 }, data: { text: prompt } },
    {
      id: 'g1',
      type: 'generate',
      position: { x: 0, y: 0 },
      data: { size: '1024x1024', quality: 'low', partial_images: 1 },
    },
  ],
  edges: [{ id: 'a', source: 'p1', sourceHandle: 'text', target: 'g1', targetHandle: 'prompt' }],
  inputs: [],
});

describe('the edit chain', () => {
  it('continues each edit from the previous response instead of re-sending the image', async () => {
    const record = await run(example('edit-chain.json'));
    expect(record.status).toBe('succeeded');
    const bodies = responseBodies(fake);
    expect(bodies).toHaveLength(3);
    const draftId = (record.nodes.draft?.outputs?.image as ImageValue).responseId;
    const catId = (record.nodes.with_cat?.outputs?.image as ImageValue).responseId;
    expect(bodies[1]?.previous_response_id).toBe(draftId);
    expect(bodies[2]?.previous_response_id).toBe(catId);
    expect(JSON.stringify(bodies[1]?.input)).not.toContain('input_image');
  });

  it('falls back to sending the image once when the API forgot the response', async () => {
    await run(example('edit-chain.json'));
    fake.forgetResponses();
    fake.resetStats();
    const record = await run(example('edit-chain.json'), {}, ['with_cat']);
    expect(record.status).toBe('succeeded');
    const bodies = responseBodies(fake);
    // with_cat: chained attempt → 400 previous_response_not_found → one retry with the image.
    expect(bodies).toHaveLength(3);
    expect(bodies[0]?.previous_response_id).toBeDefined();
    expect(bodies[1]?.previous_response_id).toBeUndefined();
    expect(JSON.stringify(bodies[1]?.input)).toContain('input_image');
    expect(record.nodes.with_cat?.log.join('\n')).toMatch(/re-sent the image/);
    // night chains on the fresh response of with_cat again.
    expect(bodies[2]?.previous_response_id).toBe(
      (record.nodes.with_cat?.outputs?.image as ImageValue).responseId,
    );
  });
});

describe('failures end as they should', () => {
  it('a refusal fails the node with moderation_blocked', async () => {
    const record = await run(single('a poster [sim:moderation]'));
    expect(record.status).toBe('failed');
    expect(record.nodes.g1?.error?.code).toBe('moderation_blocked');
  });

  it('an exhausted quota says to add billing', async () => {
    const record = await run(single('a poster [sim:quota]'));
    expect(record.nodes.g1?.error).toMatchObject({ code: 'insufficient_quota' });
    expect(record.nodes.g1?.error?.message).toMatch(/no credit left/);
    expect(record.nodes.g1?.error?.message).not.toContain('sk-integration');
  });

  it('a 429 on every other request is retried until the run succeeds', async () => {
    fake.configure({ faults: { rateLimit: { everyNth: 2 }, retryAfterMs: 5 } });
    const record = await run(twoBranches());
    expect(record.status).toBe('succeeded');
    const statuses = fake.requestLog.filter((e) => e.path === '/v1/responses').map((e) => e.status);
    expect(statuses).toContain(429);
  });

  it('a stream cut mid-way fails the node as stream_incomplete and skips what depends on it', async () => {
    const workflow = twoBranches();
    workflow.nodes[0]!.data.text = 'a red bicycle [sim:cut]';
    const record = await run(workflow);
    expect(record.status).toBe('failed');
    expect(record.nodes.g1?.error?.code).toBe('stream_incomplete');
    expect(record.nodes.e1?.status).toBe('skipped');
    expect(record.nodes.g2?.status).toBe('succeeded');
  });

  it('a stalled stream is stopped by the watchdog as stream_stalled', async () => {
    await stack.close();
    stack = openStack(fake, join(dir, 'atelier.db'), { idleTimeoutMs: 300 });
    const record = await run(single('a poster [sim:stall]'));
    expect(record.nodes.g1?.error?.code).toBe('stream_stalled');
  });
});

describe('the cache', () => {
  it('reruns an unchanged graph with zero API calls', async () => {
    await run(twoBranches());
    fake.resetStats();
    const record = await run(twoBranches());
    expect(fake.stats.responses).toBe(0);
    expect(ranNodes(record)).toEqual([]);
    expect(record.saved.nodes).toBe(6);
  });

  it('reruns exactly the changed node and what depends on it', async () => {
    await run(twoBranches());
    fake.resetStats();
    const record = await run(twoBranches(), { second: 'a yellow pear' });
    expect(ranNodes(record)).toEqual(['g2', 'p2']);
    expect(fake.stats.responses).toBe(1);
  });

  it('does not serve one provider identity the outputs of another', async () => {
    await run(single('a quiet harbour'));
    await stack.close();
    stack = openStack(fake, join(dir, 'atelier.db'), { identity: `openai:${fake.baseURL}` });
    fake.resetStats();
    const record = await run(single('a quiet harbour'));
    expect(record.nodes.g1?.cached).toBe(false);
    expect(fake.stats.responses).toBe(1);
  });

  it('keeps outputs and run records after the database file is closed and reopened', async () => {
    const first = await run(example('masked-background-swap.json'), await swapInputs());
    expect(first.status).toBe('succeeded');
    await stack.close();
    stack = openStack(fake, join(dir, 'atelier.db'));
    fake.resetStats();
    expect(stack.service.get(first.id)?.nodes.swap?.outputs).toEqual(first.nodes.swap?.outputs);
    const again = await run(example('masked-background-swap.json'), await swapInputs());
    expect(fake.stats.responses).toBe(0);
    expect(again.nodes.swap).toMatchObject({ cached: true, outputs: first.nodes.swap?.outputs });
    const image = again.nodes.swap?.outputs?.image as ImageValue;
    expect((await stack.blobs.get(image.blob)).length).toBeGreaterThan(0);
  });
});

const swapInputs = async () => {
  const photo = await stack.blobs.put(asset('product.png'));
  const mask = await stack.blobs.put(asset('product-mask.png'));
  return { photo, mask: { ...mask, mime: 'image/png' as const } };
};
