import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { signWebhook } from '../webhooks/webhook-service';
import type { TestApp } from './test-app';
import { createTestApp, json, posterWorkflow } from './test-app';

vi.setConfig({ testTimeout: 30_000 });

const SECRET = 'whsec-test';

interface Received {
  path: string;
  event: string | undefined;
  signature: string | undefined;
  body: string;
}

/** A real receiver: answers each path with the statuses queued for it (then 200). */
let receiver: Server;
let base: string;
const received: Received[] = [];
const answers = new Map<string, number[]>();
beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const path = req.url ?? '';
      received.push({
        path,
        event: req.headers['atelier-event'] as string | undefined,
        signature: req.headers['atelier-signature'] as string | undefined,
        body,
      });
      res.statusCode = answers.get(path)?.shift() ?? 200;
      res.end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ webhooks: { secret: SECRET, baseDelayMs: 20, maxAttempts: 4 } });
});
afterAll(() => t.close());

const hookOf = async (path: string) => {
  for (;;) {
    const res = await t.app.request(path);
    const hook = (await res.json()) as { status: string; attempts: number; log: unknown[] };
    if (hook.status !== 'pending') return hook;
    await new Promise((r) => setTimeout(r, 20));
  }
};

/** What a receiver does: recompute the signature over `t.body` with the shared secret. */
const verifies = (r: Received): boolean => {
  const t = /^t=(\d+),v1=[0-9a-f]{64}$/.exec(r.signature ?? '')?.[1];
  return t !== undefined && signWebhook(SECRET, Number(t), r.body) === r.signature;
};

describe('webhooks', () => {
  it('calls a run’s webhook when it finishes, signed, retrying after 500s, with a delivery log', async () => {
    answers.set('/run', [500, 503]);
    const res = await t.app.request(
      '/api/runs',
      json({ workflow: posterWorkflow('A webhook kite'), webhook: `${base}/run` }),
    );
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    const hook = await hookOf(`/api/runs/${id}/webhook`);
    expect(hook).toMatchObject({ status: 'delivered', attempts: 3 });
    expect(hook.log.map((a) => (a as { status?: number }).status)).toEqual([500, 503, 200]);
    const calls = received.filter((r) => r.path === '/run');
    expect(calls).toHaveLength(3);
    expect(calls.every(verifies)).toBe(true);
    const payload = JSON.parse(calls[2]!.body) as Record<string, unknown>;
    expect(payload).toMatchObject({ event: 'run.finished', id, status: 'succeeded' });
    expect(calls[2]!.event).toBe('run.finished');
    // A body changed on the way fails the receiver's check.
    expect(verifies({ ...calls[2]!, body: calls[2]!.body.replace('succeeded', 'failed') })).toBe(
      false,
    );
  });

  it('gives up after the attempts run out and says so in the log', async () => {
    answers.set('/down', [500, 500, 500, 500, 500]);
    const res = await t.app.request(
      '/api/runs',
      json({ workflow: posterWorkflow('A webhook owl'), webhook: `${base}/down` }),
    );
    const { id } = (await res.json()) as { id: string };
    const hook = await hookOf(`/api/runs/${id}/webhook`);
    expect(hook).toMatchObject({ status: 'failed', attempts: 4 });
  });

  it('calls a batch’s webhook once, when the batch has finished', async () => {
    const saved = (await (
      await t.app.request('/api/workflows', json(posterWorkflow('A webhook batch')))
    ).json()) as { id: string };
    const res = await t.app.request(
      '/api/batches',
      json({
        workflowId: saved.id,
        rows: [{ subject: 'hook fox' }, { subject: 'hook lynx' }],
        webhook: `${base}/batch`,
      }),
    );
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    const hook = await hookOf(`/api/batches/${id}/webhook`);
    expect(hook).toMatchObject({ status: 'delivered', attempts: 1 });
    const calls = received.filter((r) => r.path === '/batch');
    expect(calls).toHaveLength(1);
    expect(verifies(calls[0]!)).toBe(true);
    expect(JSON.parse(calls[0]!.body)).toMatchObject({
      event: 'batch.finished',
      id,
      status: 'succeeded',
      succeeded: 2,
    });
  });

  it('refuses a webhook it cannot call before starting anything', async () => {
    const before = t.fake.stats.responses;
    for (const webhook of ['ftp://example.com/x', 'not a url', 'https://user:pw@example.com/']) {
      const res = await t.app.request(
        '/api/runs',
        json({ workflow: posterWorkflow('never'), webhook }),
      );
      expect(res.status).toBe(422);
      expect(await res.json()).toMatchObject({
        error: { code: 'invalid_webhook', path: 'webhook' },
      });
    }
    expect(t.fake.stats.responses).toBe(before);
    const none = await t.app.request('/api/runs/run_nope/webhook');
    expect(none.status).toBe(404);
  });
});
