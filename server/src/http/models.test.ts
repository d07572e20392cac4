/**
 * Issue "Work with today's OpenAI API", end to end: the real app, the real `openai` SDK and
 * the fake Responses API following the real API's lifecycle, limits and faults.
 */
import type { Workflow } from '@atelier/graph';
import type { FakeOpenAIOptions } from '@atelier/fake-openai';
import { ImageRateLimiter } from '@atelier/engine';
import { MODEL_CATALOGUE } from '@atelier/nodes';
import { afterEach, describe, expect, it } from 'vitest';
import { collectSse } from './sse-reader';
import type { TestApp } from './test-app';
import { createTestApp, json, posterWorkflow } from './test-app';

/** A clock that reads 2026-12-01 12:00 UTC now and runs on from there. */
const DEC_1 = Date.parse('2026-12-01T12:00:00Z');
const clockAt = (at: number) => {
  const skew = at - Date.now();
  return () => Date.now() + skew;
};

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const app = async (
  fake: FakeOpenAIOptions = {},
  extra: Omit<Parameters<typeof createTestApp>[0] & object, 'fake'> = {},
) => {
  t = await createTestApp({
    fake: { lifecycle: true, now: new Date(DEC_1).toISOString(), ...fake },
    now: clockAt(DEC_1),
    ...extra,
  });
  return t;
};

interface RunRecordBody {
  status: string;
  cost: number;
  usage: { requests: number; costEstimated?: boolean };
  nodes: Record<
    string,
    {
      status: string;
      cost: number;
      log: string[];
      error?: { code: string; message: string };
      usage?: {
        requests: number;
        costEstimated?: boolean;
        imageTokens?: { output: number; textInput: number; imageInput: number };
      };
    }
  >;
}

const run = async (a: TestApp, workflow: unknown) => {
  const res = await a.app.request('/api/runs', json({ workflow }));
  const body = (await res.json()) as {
    id?: string;
    warnings?: { code: string; message: string }[];
    error?: { code: string; path: string; message: string };
  };
  if (res.status !== 202) return { status: res.status, body };
  await collectSse(await a.app.request(`/api/runs/${body.id}/events`));
  const record = (await (await a.app.request(`/api/runs/${body.id}`)).json()) as RunRecordBody;
  return { status: res.status, body, record };
};

describe('models against the API as it is on 2026-12-01', () => {
  it('refuses a shut-down image model over HTTP before any call, naming the replacement; nothing is recorded', async () => {
    const a = await app();
    const { status, body } = await run(
      a,
      posterWorkflow('A teapot', { image_model: 'gpt-image-1.5' }),
    );
    expect(status).toBe(422);
    expect(body.error).toMatchObject({
      code: 'model_shut_down',
      path: 'nodes[1].data.image_model',
      message: expect.stringContaining(
        'gpt-image-1.5 was shut down by OpenAI on 2026-12-01; switch to gpt-image-2.6-sunburst',
      ),
    });
    expect(a.fake.stats.responses).toBe(0);
    expect(await (await a.app.request('/api/runs')).json()).toEqual([]);
  });

  it('would otherwise fail the way the real API fails (the simulator knows the lifecycle too)', async () => {
    const a = await app();
    // Straight to the fake through the SDK path the product uses, skipping the product's check.
    const res = await fetch(`${a.fake.baseURL}/responses`, {
      method: 'POST',
      headers: { authorization: 'Bearer test', 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'gpt-6.1-sol',
        input: 'a teapot',
        tools: [{ type: 'image_generation', model: 'gpt-image-1.5' }],
      }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      error: {
        code: 'image_generation_user_error',
        message: "The model 'gpt-image-1.5' does not exist.",
      },
    });
  });

  it('runs a deprecated model with a warning carrying its date and replacement', async () => {
    const a = await app();
    const { status, body, record } = await run(a, posterWorkflow('A teapot', { model: 'gpt-5' }));
    expect(status).toBe(202);
    expect(body.warnings).toEqual([
      expect.objectContaining({
        code: 'model_deprecated',
        message: 'g1: gpt-5 shuts down on 2026-12-11, in 10 days; switch to gpt-6.1-sol',
      }),
    ]);
    expect(record?.status).toBe('succeeded');
  });

  it("lets the API's model list win over the catalogue (GET /v1/models with shutdown_date)", async () => {
    const a = await app({ models: { 'gpt-image-2.6-flare': { shutdown: '2026-11-30' } } });
    const models = (await (await a.app.request('/api/models')).json()) as {
      models: { id: string; status: string; replacement?: string }[];
      defaults: { imageModel: string };
      checkedAt: string | null;
    };
    expect(models.checkedAt).not.toBeNull();
    expect(models.defaults.imageModel).toBe('gpt-image-2.6-sunburst');
    // The catalogue says 2.6-flare is live; this API says it is gone, so it is refused.
    expect(models.models.find((m) => m.id === 'gpt-image-2.6-flare')?.status).not.toBe('active');
    const { status, body } = await run(
      a,
      posterWorkflow('A teapot', { image_model: 'gpt-image-2.6-flare' }),
    );
    expect([status, body.error?.code]).toEqual([422, 'model_unavailable']);
    expect(models.models.find((m) => m.id === 'gpt-image-2.6-sunburst')?.status).toBe('active');
  });
});

describe("a real key's failure modes", () => {
  it('repeats a call without streaming when streaming is refused for an unverified organization, and skips the refused attempt later', async () => {
    const a = await app({ faults: { unverifiedStreaming: ['gpt-6.1-sol'] } });
    const first = await run(a, posterWorkflow('A teapot'));
    expect(first.record?.status).toBe('succeeded');
    expect(first.record?.nodes.g1?.log.join('\n')).toMatch(
      /refused to stream gpt-6\.1-sol because this organization is not verified; ran the call without streaming, so no partial images/,
    );
    expect(a.fake.stats.faults.unverified).toBe(1);
    const second = await run(a, posterWorkflow('A kettle'));
    expect(second.record?.status).toBe('succeeded');
    // No second refused stream: the model is known to need the non-streaming path.
    expect(a.fake.stats.faults.unverified).toBe(1);
  });

  it('waits what a 429 without hint headers asks in its message, and counts the retried request', async () => {
    const a = await app({
      faults: { rateLimit: { first: 1 }, rateLimitHints: false, retryAfterMs: 250 },
    });
    const { record } = await run(a, posterWorkflow('A teapot'));
    expect(record?.status).toBe('succeeded');
    // The SDK retried after the wait the message named; the API saw two requests.
    expect(a.fake.stats.statuses['429']).toBe(1);
    expect(record?.usage.requests).toBe(2);
  });

  it(
    'keeps a 20-node graph free of 429s under an images-per-minute limit by queueing',
    { timeout: 60_000 },
    async () => {
      const wide: Workflow = {
        format: 'atelier.workflow',
        version: 1,
        name: 'Wide',
        nodes: [
          { id: 'p', type: 'prompt', position: { x: 0, y: 0 }, data: { text: 'A teapot' } },
          ...Array.from({ length: 20 }, (_, i) => ({
            id: `g${i}`,
            type: 'generate',
            position: { x: 300, y: i * 100 },
            data: { size: '1024x1024', quality: 'low', partial_images: 0, variant: i },
          })),
        ],
        edges: Array.from({ length: 20 }, (_, i) => ({
          id: `e${i}`,
          source: 'p',
          sourceHandle: 'text',
          target: `g${i}`,
          targetHandle: 'prompt',
        })),
        inputs: [],
      };
      const limit = { imagesPerMinute: 4, imageRateWindowMs: 1_000 };
      const a = await app(limit, {
        engine: { imageRate: new ImageRateLimiter(4, 1_000), retry: { maxAttempts: 1 } },
      });
      const { record } = await run(a, wide);
      expect(record?.status).toBe('succeeded');
      expect(a.fake.stats.faults.imagesPerMinute).toBe(0);
      expect(a.fake.stats.images).toBe(20);
      await a.close();

      // Without the limiter the same graph collects 429s, so the check above can fail. The
      // fake's window is a minute here: the fifth image is refused however slow the machine.
      const b = await app(
        { imagesPerMinute: 4, imageRateWindowMs: 60_000 },
        { engine: { retry: { maxAttempts: 1 } } },
      );
      const res = await b.app.request('/api/runs', json({ workflow: wide }));
      const { id } = (await res.json()) as { id: string };
      await expect
        .poll(() => b.fake.stats.faults.imagesPerMinute, { timeout: 30_000 })
        .toBeGreaterThan(0);
      await b.app.request(`/api/runs/${id}/cancel`, { method: 'POST' });
    },
  );

  it(
    'keeps a long generation alive through keepalive events under the stall watchdog',
    { timeout: 30_000 },
    async () => {
      const slow: FakeOpenAIOptions = { latency: { perPartialImageMs: 1_200 }, keepaliveMs: 100 };
      const a = await app(slow, { engine: { idleTimeoutMs: 600 } });
      const { record } = await run(a, posterWorkflow('A teapot', { partial_images: 1 }));
      expect(record?.status).toBe('succeeded');
      expect(a.fake.stats.keepalives).toBeGreaterThan(0);
      await a.close();

      const silent = await app({ ...slow, keepaliveMs: 0 }, { engine: { idleTimeoutMs: 600 } });
      const stalled = await run(silent, posterWorkflow('A teapot', { partial_images: 1 }));
      expect(stalled.record?.nodes.g1?.error?.code).toBe('stream_stalled');
    },
  );
});

describe('exact cost', () => {
  const image26 = MODEL_CATALOGUE.find((m) => m.id === 'gpt-image-2.6-sunburst')!;

  it('prices the image tool from tool_usage with the catalogue, exactly', async () => {
    const a = await app();
    const { record } = await run(a, posterWorkflow('A teapot'));
    const node = record!.nodes.g1!;
    const tokens = node.usage?.imageTokens;
    expect(tokens?.output).toBeGreaterThan(0);
    expect(node.usage?.costEstimated).toBeUndefined();
    expect(record!.usage.costEstimated).toBeUndefined();
    if (image26.family !== 'image') throw new Error('catalogue changed');
    const imagePart =
      (tokens!.output * image26.prices.imageOutputPer1M +
        tokens!.textInput * image26.prices.textInputPer1M +
        tokens!.imageInput * image26.prices.imageInputPer1M) /
      1e6;
    // The mainline tokens come on top of the image tool's.
    expect(node.cost).toBeGreaterThanOrEqual(Math.round(imagePart * 1e6) / 1e6);
  });

  it('marks the cost as an estimate when the API reports no tool_usage', async () => {
    const a = await app({ toolUsage: false });
    const { record } = await run(a, posterWorkflow('A teapot'));
    expect(record!.nodes.g1!.usage?.costEstimated).toBe(true);
    expect(record!.usage.costEstimated).toBe(true);
    expect(record!.cost).toBeGreaterThan(0);
  });
});
