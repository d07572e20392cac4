import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectSse, readSse } from './sse-reader';
import type { TestApp } from './test-app';
import { createTestApp, json, pngBytes, posterWorkflow } from './test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const start = async (body: unknown): Promise<string> => {
  const res = await t.app.request('/api/runs', json(body));
  expect(res.status, await res.clone().text()).toBe(202);
  return ((await res.json()) as { id: string }).id;
};
const events = async (id: string, init?: RequestInit) =>
  collectSse(await t.app.request(`/api/runs/${id}/events`, init));
const record = async (id: string) =>
  (await (await t.app.request(`/api/runs/${id}`)).json()) as {
    id: string;
    status: string;
    nodes: Record<string, { status: string; cached: boolean; outputs?: Record<string, unknown> }>;
    usage: { requests: number };
    cost: number;
    saved: { nodes: number; cost: number };
  };

describe('POST /api/runs and GET /api/runs/:id/events', () => {
  it('runs a saved workflow with new inputs and streams its events to the end', async () => {
    const saved = (await (
      await t.app.request('/api/workflows', json(posterWorkflow()))
    ).json()) as {
      id: string;
    };
    const id = await start({ workflowId: saved.id, inputs: { subject: 'A poster of a red fox' } });
    const messages = await events(id);
    const types = messages.map((m) => m.event);
    expect(types[0]).toBe('run.started');
    expect(types).toContain('node.partial_image');
    expect(types.at(-1)).toBe('run.completed');
    expect(messages.map((m) => Number(m.id))).toEqual(messages.map((_, i) => i + 1));
    const partial = JSON.parse(messages.find((m) => m.event === 'node.partial_image')!.data) as {
      nodeId: string;
      url: string;
      image: { blob: string };
    };
    expect(partial.nodeId).toBe('g1');
    expect(partial.url).toBe(`/api/blobs/${partial.image.blob}`);
    expect(messages.some((m) => m.data.includes('base64'))).toBe(false);
    const image = await t.app.request(partial.url);
    expect(image.status).toBe(200);

    const run = await record(id);
    expect(run.status).toBe('succeeded');
    expect(run.nodes.g1).toMatchObject({ status: 'succeeded', cached: false });
    expect(run.usage.requests).toBe(1);
    expect(t.lines).toContainEqual(
      expect.stringMatching(new RegExp(`run ${id} node g1 completed`)),
    );
  });

  it('replays from Last-Event-ID (or ?after=) and ends after run.completed', async () => {
    const id = await start({ workflow: posterWorkflow('A poster of a quiet bay') });
    const all = await events(id);
    const fromHeader = await events(id, { headers: { 'last-event-id': '2' } });
    expect(fromHeader.map((m) => m.id)).toEqual(all.slice(2).map((m) => m.id));
    const fromQuery = await collectSse(await t.app.request(`/api/runs/${id}/events?after=3`));
    expect(fromQuery.map((m) => m.id)).toEqual(all.slice(3).map((m) => m.id));
    // Already seen everything of a finished run: 204, which stops EventSource reconnecting.
    const last = all.at(-1)!.id!;
    for (const seen of [last, String(Number(last) + 5)]) {
      const done = await t.app.request(`/api/runs/${id}/events`, {
        headers: { 'last-event-id': seen },
      });
      expect(done.status).toBe(204);
      expect(await done.text()).toBe('');
    }
    const doneByQuery = await t.app.request(`/api/runs/${id}/events?after=${last}`);
    expect(doneByQuery.status).toBe(204);
    // One event short of the end: that event, and no run.ended after run.completed.
    const tail = await events(id, { headers: { 'last-event-id': String(Number(last) - 1) } });
    expect(tail.map((m) => m.event)).toEqual(['run.completed']);
  });

  it('ends the stream of a run that ended without run.completed with run.ended, once', async () => {
    // What a process killed mid-run leaves behind once start-up has marked it interrupted.
    const { sqlite } = t.deps.db;
    sqlite
      .prepare(
        `insert into runs (id, document, inputs, force, status, provider, cost, created_at) values ('run_killed', '{"format":"atelier.workflow","version":1,"nodes":[]}', '{}', '[]', 'interrupted', 'simulator', 0, 1)`,
      )
      .run();
    sqlite
      .prepare(
        `insert into run_events (run_id, seq, type, payload, at) values ('run_killed', 1, 'run.started', '{"type":"run.started","at":1}', 1)`,
      )
      .run();
    const replay = await events('run_killed');
    expect(replay.map((m) => m.event)).toEqual(['run.started', 'run.ended']);
    expect(JSON.parse(replay[1]!.data)).toEqual({ status: 'interrupted' });
    const again = await t.app.request('/api/runs/run_killed/events', {
      headers: { 'last-event-id': '1' },
    });
    expect(again.status).toBe(204);
  });

  it('serves an identical second run from the cache with zero API calls', async () => {
    const doc = posterWorkflow('A poster of a cached cat');
    const first = await start({ workflow: doc });
    await events(first);
    const before = t.fake.stats.requests;
    const second = await start({ workflow: doc });
    await events(second);
    expect(t.fake.stats.requests).toBe(before);
    const run = await record(second);
    expect(run.nodes.g1!.cached).toBe(true);
    expect(run.saved.nodes).toBeGreaterThanOrEqual(1);
  });

  it('resolves {blob} inputs to uploaded images', async () => {
    const upload = await t.app.request('/api/blobs', {
      method: 'POST',
      body: await pngBytes(64, 64),
    });
    const { blob } = (await upload.json()) as { blob: string };
    const doc = {
      format: 'atelier.workflow',
      version: 1,
      nodes: [{ id: 'r1', type: 'reference', data: {} }],
      inputs: [{ name: 'photo', node: 'r1', field: 'image' }],
    };
    const id = await start({ workflow: doc, inputs: { photo: { blob } } });
    await events(id);
    const run = await record(id);
    expect(run.status).toBe('succeeded');
    expect(run.nodes.r1!.outputs!.image).toMatchObject({ blob, mime: 'image/png', width: 64 });
  });

  it('lists runs newest first, filtered by workflow', async () => {
    const saved = (await (
      await t.app.request('/api/workflows', json(posterWorkflow()))
    ).json()) as {
      id: string;
    };
    const a = await start({ workflowId: saved.id, target: 'p1' });
    const b = await start({ workflowId: saved.id, target: 'p1' });
    await events(a);
    await events(b);
    const res = await t.app.request(`/api/runs?workflowId=${saved.id}&limit=10`);
    const list = (await res.json()) as { id: string }[];
    expect(list.map((r) => r.id)).toEqual([b, a]);
    const one = (await (await t.app.request('/api/runs?limit=1')).json()) as unknown[];
    expect(one).toHaveLength(1);
  });
});

describe('an edited saved workflow', () => {
  it('runs the inline document and files the run under the saved id', async () => {
    const saved = (await (
      await t.app.request('/api/workflows', json(posterWorkflow()))
    ).json()) as { id: string };
    const edited = posterWorkflow('A poster of a windmill');
    const id = await start({ workflowId: saved.id, workflow: edited, target: 'p1' });
    await events(id);
    const run = (await (await t.app.request(`/api/runs/${id}`)).json()) as {
      workflowId?: string;
      workflowVersion?: number;
      nodes: Record<string, { outputs?: Record<string, unknown> }>;
    };
    expect(run.workflowId).toBe(saved.id);
    expect(run.workflowVersion).toBeUndefined();
    expect(run.nodes.p1!.outputs!.text).toBe('A poster of a windmill');
    const list = (await (await t.app.request(`/api/runs?workflowId=${saved.id}`)).json()) as {
      id: string;
    }[];
    expect(list.map((r) => r.id)).toContain(id);
  });
});

describe('heartbeats', () => {
  it('sends a comment line on a quiet stream so proxies keep it open', async () => {
    const quiet = await createTestApp({ heartbeatMs: 10, fake: { latency: { firstByteMs: 200 } } });
    const res = await quiet.app.request('/api/runs', json({ workflow: posterWorkflow('quiet') }));
    const { id } = (await res.json()) as { id: string };
    const stream = await quiet.app.request(`/api/runs/${id}/events`);
    const text = await stream.text();
    expect(text).toContain(': heartbeat\n\n');
    expect(text).toContain('event: run.completed');
    await quiet.close();
  });
});

describe('POST /api/runs/:id/cancel', () => {
  it('cancels a running run, then answers 409 run_finished', async () => {
    const slow = await createTestApp({ fake: { latency: { perEventMs: 200 } } });
    const res = await slow.app.request('/api/runs', json({ workflow: posterWorkflow('slow') }));
    const { id } = (await res.json()) as { id: string };
    const seen: string[] = [];
    let cancel: Response | undefined;
    for await (const message of readSse(await slow.app.request(`/api/runs/${id}/events`))) {
      seen.push(message.event);
      // Cancel once the generate call is in flight.
      if (message.event === 'node.started' && message.data.includes('"g1"'))
        cancel = await slow.app.request(`/api/runs/${id}/cancel`, { method: 'POST' });
    }
    expect(cancel?.status).toBe(202);
    expect(seen.at(-1)).toBe('run.completed');
    expect(seen).toContain('node.failed');
    const run = (await (await slow.app.request(`/api/runs/${id}`)).json()) as { status: string };
    expect(run.status).toBe('cancelled');
    const again = await slow.app.request(`/api/runs/${id}/cancel`, { method: 'POST' });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe('run_finished');
    await slow.close();
  });
});
