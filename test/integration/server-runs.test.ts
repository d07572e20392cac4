/**
 * The HTTP API over a real port: a real SQLite file, the real `openai` SDK against the fake,
 * event streams read with fetch as a browser would.
 */
import { connect } from 'node:net';
import { createFakeOpenAI, type FakeOpenAI } from '@atelier/fake-openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InProcessServer, RunView } from './server-helpers';
import {
  chainWorkflow,
  getJson,
  postJson,
  SECRET_KEY,
  startInProcess,
  watch,
} from './server-helpers';

let fake: FakeOpenAI;
let server: InProcessServer;
beforeAll(async () => {
  fake = await createFakeOpenAI({ latency: { perEventMs: 5 } });
  server = await startInProcess(fake);
});
afterAll(async () => {
  await server?.stop();
  await fake?.close();
});

const startRun = async (body: unknown) => {
  const res = await postJson<{ id: string }>(`${server.url}/api/runs`, body);
  expect(res.status).toBe(202);
  return res.body.id;
};
const events = (id: string, lastEventId?: string) =>
  watch(`${server.url}/api/runs/${id}/events`, { lastEventId });
const run = (id: string) => getJson<RunView>(`${server.url}/api/runs/${id}`);

describe('runs over HTTP', { timeout: 60_000 }, () => {
  it('streams partial images (as blob URLs) and then run.completed for a run with new inputs', async () => {
    const saved = await postJson<{ id: string }>(`${server.url}/api/workflows`, chainWorkflow());
    expect(saved.status).toBe(201);
    const before = fake.stats.requests;
    const id = await startRun({
      workflowId: saved.body.id,
      inputs: { subject: 'A red fox in snow' },
    });
    const messages = await events(id);
    const types = messages.map((m) => m.event);
    const firstPartial = types.indexOf('node.partial_image');
    expect(firstPartial).toBeGreaterThan(0);
    expect(types.at(-1)).toBe('run.completed');
    expect(firstPartial).toBeLessThan(types.lastIndexOf('node.completed'));
    const partial = JSON.parse(messages[firstPartial]!.data) as { url: string };
    const image = await fetch(`${server.url}${partial.url}`);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toMatch(/^image\//);
    expect((await run(id)).status).toBe('succeeded');
    expect(fake.stats.requests - before).toBe(2);
  });

  it('makes zero API calls for a second identical run', async () => {
    const body = { workflow: chainWorkflow('A quiet harbour') };
    await events(await startRun(body));
    const before = fake.stats.requests;
    const second = await startRun(body);
    const messages = await events(second);
    expect(fake.stats.requests).toBe(before);
    expect(messages.some((m) => m.event === 'node.partial_image')).toBe(false);
    const record = await run(second);
    expect(record.status).toBe('succeeded');
    expect(Object.values(record.nodes).every((n) => n.cached)).toBe(true);
  });

  it('finishes two runs started at once', async () => {
    const [a, b] = await Promise.all([
      startRun({ workflow: chainWorkflow('Two at once: a kite') }),
      startRun({ workflow: chainWorkflow('Two at once: a boat') }),
    ]);
    await Promise.all([events(a!), events(b!)]);
    expect((await run(a!)).status).toBe('succeeded');
    expect((await run(b!)).status).toBe('succeeded');
  });

  it('gives late and reconnecting watchers the same events and final state', async () => {
    fake.configure({ latency: { perEventMs: 20 } });
    try {
      const id = await startRun({ workflow: chainWorkflow('Watchers: a windmill') });
      const first = events(id);
      // A watcher that drops after a partial image and reconnects with Last-Event-ID.
      const dropped = await watch(`${server.url}/api/runs/${id}/events`, {
        stopWhen: (m) => m.event === 'node.partial_image',
      });
      const resumed = await events(id, dropped.at(-1)!.id);
      // A watcher that joins late (after the run has moved on).
      const late = await events(id);
      const full = await first;
      const ids = (list: { id?: string }[]) => list.map((m) => m.id);
      expect(ids([...dropped, ...resumed])).toEqual(ids(full));
      expect(late.map((m) => m.data)).toEqual(full.map((m) => m.data));
      expect(full.at(-1)!.event).toBe('run.completed');
      expect((await run(id)).status).toBe('succeeded');
    } finally {
      fake.configure({ latency: { perEventMs: 5 } });
    }
  });

  it('cancels a run in flight; the finished node stays cached', async () => {
    fake.configure({ latency: { perEventMs: 40 } });
    try {
      const doc = chainWorkflow('Cancel me: a castle');
      const id = await startRun({ workflow: doc });
      // Cancel once the edit (second call) has started: the generate output is already stored.
      await watch(`${server.url}/api/runs/${id}/events`, {
        stopWhen: (m) => m.event === 'node.started' && m.data.includes('"e1"'),
      });
      const cancel = await fetch(`${server.url}/api/runs/${id}/cancel`, { method: 'POST' });
      expect(cancel.status).toBe(202);
      const rest = await events(id);
      expect(rest.at(-1)!.event).toBe('run.completed');
      const record = await run(id);
      expect(record.status).toBe('cancelled');
      expect(record.nodes.g1!.status).toBe('succeeded');
      expect(record.nodes.e1!.status).toBe('cancelled');
      const again = await fetch(`${server.url}/api/runs/${id}/cancel`, { method: 'POST' });
      expect(again.status).toBe(409);

      fake.configure({ latency: { perEventMs: 5 } });
      const before = fake.stats.requests;
      const rerun = await startRun({ workflow: doc });
      await events(rerun);
      const rerunRecord = await run(rerun);
      expect(rerunRecord.nodes.g1!.cached).toBe(true);
      expect(rerunRecord.nodes.e1!.cached).toBe(false);
      expect(fake.stats.requests - before).toBe(1);
    } finally {
      fake.configure({ latency: { perEventMs: 5 } });
    }
  });

  it('refuses a Content-Length over 50 MB without the body being sent', async () => {
    const { port } = new URL(server.url);
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write(
          'POST /api/blobs HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: image/png\r\n' +
            `Content-Length: ${60 * 1024 * 1024}\r\n\r\n`,
        );
      });
      let text = '';
      socket.on('data', (chunk) => {
        text += chunk.toString();
        if (text.includes('payload_too_large')) {
          socket.destroy();
          resolve(text);
        }
      });
      socket.on('error', reject);
      socket.on('close', () => resolve(text));
    });
    expect(answer).toMatch(/^HTTP\/1\.1 413/);
    expect(answer).toContain('"code":"payload_too_large"');
  });

  it('logs one line per request and per run step', () => {
    expect(server.lines).toContainEqual(expect.stringMatching(/^POST \/api\/runs 202 \d+ms$/));
    expect(server.lines).toContainEqual(expect.stringMatching(/^run run_\S+ started/));
    expect(server.lines).toContainEqual(expect.stringMatching(/node g1 completed in \d+ ms/));
    expect(server.lines).toContainEqual(expect.stringMatching(/node g1 cached/));
  });

  it('never shows the API key in a response or the log', async () => {
    const runs = await (await fetch(`${server.url}/api/runs?limit=50`)).text();
    const health = await (await fetch(`${server.url}/api/health`)).text();
    for (const text of [runs, health, server.lines.join('\n')])
      expect(text).not.toContain(SECRET_KEY);
  });
});
