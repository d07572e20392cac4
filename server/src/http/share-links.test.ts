import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskBytes, maskedEditWorkflow, photoBytes } from '../sharing/fixtures';
import { collectSse } from './sse-reader';
import type { TestApp } from './test-app';
import { createTestApp } from './test-app';

const TOKEN = 'server-token-for-the-owner';
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ token: TOKEN });
});
afterAll(() => t.close());

const owner = (init: RequestInit = {}): RequestInit => ({
  ...init,
  headers: {
    authorization: `Bearer ${TOKEN}`,
    'content-type': 'application/json',
    ...init.headers,
  },
});
const ownerPost = async <T>(path: string, body: unknown, status = 201): Promise<T> => {
  const res = await t.app.request(path, owner({ method: 'POST', body: JSON.stringify(body) }));
  expect(res.status, await res.clone().text()).toBe(status);
  return (await res.json()) as T;
};
/** A visitor: no server token, only the link. */
const visit = (path: string, init?: RequestInit) => t.app.request(path, init);

let shade = 0;
const savedWorkflow = async () => {
  shade++;
  const put = async (bytes: Uint8Array) =>
    (await (
      await t.app.request(
        '/api/blobs',
        owner({ method: 'POST', body: bytes, headers: { 'content-type': 'image/png' } }),
      )
    ).json()) as {
      blob: string;
      mime: string;
      width: number;
      height: number;
    };
  const photo = await put(await photoBytes(256, 40 + shade));
  const mask = await put(await maskBytes(256, 40 + shade));
  const document = maskedEditWorkflow(photo, mask);
  document.nodes[2]!.data = { text: `A beach, link test ${shade}` };
  const saved = await ownerPost<{ id: string }>('/api/workflows', document);
  const { id: runId } = await ownerPost<{ id: string }>('/api/runs', { workflowId: saved.id }, 202);
  await collectSse(await t.app.request(`/api/runs/${runId}/events`, owner()));
  const run = (await (await t.app.request(`/api/runs/${runId}`, owner())).json()) as {
    nodes: Record<string, { outputs: { image: { blob: string } } }>;
  };
  return { id: saved.id, photo, output: run.nodes.swap!.outputs.image.blob };
};
const share = (id: string, body: Record<string, unknown>) =>
  ownerPost<{ id: string; url: string; token: string; access: string }>(
    `/api/workflows/${id}/shares`,
    body,
  );
const pathOf = (url: string) => `/api/s/${new URL(url).pathname.split('/').pop()}`;

describe('share links', { timeout: 30_000 }, () => {
  it('a view link shows the recipe, its inputs and latest outputs without the server token', async () => {
    const { id, photo, output } = await savedWorkflow();
    const link = await share(id, { access: 'view' });
    expect(link.url).toMatch(/^http:\/\/localhost\/s\/[A-Za-z0-9_-]{43}$/);
    // Only a hash of the token is stored.
    const stored = t.deps.db.sqlite
      .prepare('select token_hash from shares where id = ?')
      .get(link.id) as { token_hash: string };
    expect(stored.token_hash).not.toContain(link.token);
    expect(JSON.stringify(t.deps.db.sqlite.prepare('select * from shares').all())).not.toContain(
      link.token,
    );

    const res = await visit(pathOf(link.url));
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      access: string;
      workflow: { name: string; document: { nodes: unknown[] } };
      inputs: { name: string }[];
      versions: unknown[];
      latestRun: { nodes: Record<string, { outputs: { image: { blob: string } } }> };
    };
    expect(body.access).toBe('view');
    expect(body.inputs.map((i) => i.name)).toEqual(['photo', 'background']);
    // Each input brings its field's editor, for the app page's form.
    expect(body.inputs.map((i) => (i as { control?: { kind: string } }).control?.kind)).toEqual([
      'image',
      'text',
    ]);
    expect(body.versions).toHaveLength(1);
    expect(body.latestRun.nodes.swap!.outputs.image.blob).toBe(output);
    expect((await visit(`${pathOf(link.url)}/blobs/${output}`)).status).toBe(200);
    expect((await visit(`${pathOf(link.url)}/blobs/${photo.blob}`)).status).toBe(200);
    // The server API itself still needs the token.
    expect((await visit(`/api/workflows/${id}`)).status).toBe(401);
    expect((await visit(`/api/blobs/${output}`)).status).toBe(401);
  });

  it('is good for its own workflow only, and refuses writes on a view link', async () => {
    const first = await savedWorkflow();
    const second = await savedWorkflow();
    const link = await share(first.id, { access: 'view' });
    expect((await visit(`${pathOf(link.url)}/blobs/${second.output}`)).status).toBe(404);
    expect((await visit(`${pathOf(link.url)}/blobs/${second.photo.blob}`)).status).toBe(404);
    const run = await visit(`${pathOf(link.url)}/runs`, { method: 'POST', body: '{}' });
    expect(run.status).toBe(403);
    expect(((await run.json()) as { error: { code: string } }).error.code).toBe('read_only_link');
    const upload = await visit(`${pathOf(link.url)}/blobs`, {
      method: 'POST',
      body: await photoBytes(32),
    });
    expect(upload.status).toBe(403);
  });

  it('a run link runs the recipe with new inputs and records the run as made through it', async () => {
    const { id } = await savedWorkflow();
    const link = await share(id, { access: 'run' });
    const base = pathOf(link.url);
    const uploaded = await visit(`${base}/blobs`, {
      method: 'POST',
      body: await photoBytes(256, 99),
    });
    expect(uploaded.status).toBe(201);
    const { blob } = (await uploaded.json()) as { blob: string };
    const started = await visit(`${base}/runs`, {
      method: 'POST',
      body: JSON.stringify({ inputs: { photo: { blob }, background: 'A snowy street' } }),
    });
    expect(started.status, await started.clone().text()).toBe(202);
    const { id: runId } = (await started.json()) as { id: string };
    const events = await collectSse(await visit(`${base}/runs/${runId}/events`));
    expect(events.map((e) => e.event)).toContain('node.partial_image');
    const partial = JSON.parse(events.find((e) => e.event === 'node.partial_image')!.data) as {
      image: { blob: string };
    };
    expect((await visit(`${base}/blobs/${partial.image.blob}`)).status).toBe(200);
    const run = (await (await visit(`${base}/runs/${runId}`)).json()) as {
      status: string;
      nodes: Record<string, { outputs: { image: { blob: string } } }>;
    };
    expect(run.status).toBe('succeeded');
    expect((await visit(`${base}/blobs/${run.nodes.swap!.outputs.image.blob}`)).status).toBe(200);
    const record = (await (await t.app.request(`/api/runs/${runId}`, owner())).json()) as {
      workflowId: string;
      via: string;
    };
    expect(record).toMatchObject({ workflowId: id, via: `share:${link.id}` });
    const list = (await (await t.app.request(`/api/workflows/${id}/shares`, owner())).json()) as {
      id: string;
      runs: number;
    }[];
    expect(list.find((s) => s.id === link.id)!.runs).toBe(1);
  });

  it('never passes its cap: a call whose estimate would pass it is not made', async () => {
    const { id } = await savedWorkflow();
    const spentBy = async (linkId: string) => {
      const list = (await (await t.app.request(`/api/workflows/${id}/shares`, owner())).json()) as {
        id: string;
        spent: number;
      }[];
      return list.find((s) => s.id === linkId)!.spent;
    };
    const go = async (base: string, background: string) => {
      const res = await visit(`${base}/runs`, {
        method: 'POST',
        body: JSON.stringify({ inputs: { background } }),
      });
      expect(res.status, await res.clone().text()).toBe(202);
      const { id: runId } = (await res.json()) as { id: string };
      await collectSse(await visit(`${base}/runs/${runId}/events`));
      return (await (await visit(`${base}/runs/${runId}`)).json()) as {
        status: string;
        nodes: Record<string, { status: string; error?: { code: string; message: string } }>;
      };
    };
    // What one masked edit costs, through a link without a cap.
    const probe = await share(id, { access: 'run' });
    expect((await go(pathOf(probe.url), 'Dunes at dawn')).status).toBe('succeeded');
    const each = await spentBy(probe.id);
    expect(each).toBeGreaterThan(0);
    // Room for one edit's estimate (at most 1.5× its cost), not for a second one on top of
    // what the first spent.
    const maxCost = Math.round(each * 1.6 * 1e6) / 1e6;
    const link = await share(id, { access: 'run', maxCost });
    const base = pathOf(link.url);
    expect((await go(base, 'Dunes at noon')).status).toBe('succeeded');
    const calls = t.fake.stats.requests;
    const second = await go(base, 'Dunes at night');
    expect(second.status).toBe('failed');
    expect(second.nodes.swap?.error?.code).toBe('budget_reached');
    // Whoever runs through the link cannot raise its cap: the message says whom to ask.
    const message = second.nodes.swap!.error!.message;
    expect(message).toMatch(/^This link's budget is too small for this step: it needs about \$/);
    expect(message).toContain(`of $${maxCost.toFixed(2)} is left. Ask the person who shared it`);
    expect(message).not.toMatch(/raise the cap/);
    expect(t.fake.stats.requests).toBe(calls);
    expect(await spentBy(link.id)).toBeLessThanOrEqual(maxCost);
  });

  it('refuses to start once the link has spent all of its cap', async () => {
    const { id } = await savedWorkflow();
    const link = await share(id, { access: 'run', maxCost: 0.01 });
    // Spent as if earlier runs had used it up (the owner's record of runs through the link).
    const empty = {
      format: 'atelier.workflow',
      version: 1,
      name: 'x',
      nodes: [],
      edges: [],
      inputs: [],
    };
    t.deps.db.sqlite
      .prepare(
        "insert into runs (id, workflow_id, document, inputs, force, status, provider, cost, created_at, via) values (?, ?, ?, '{}', '[]', 'succeeded', 'simulator', 0.01, 0, ?)",
      )
      .run(`run_spent_${link.id}`, id, JSON.stringify(empty), `share:${link.id}`);
    const res = await visit(`${pathOf(link.url)}/runs`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('budget_reached');
  });

  it('a revoked or expired link is a 404 that says nothing more than an unknown one', async () => {
    const { id } = await savedWorkflow();
    const unknown = await visit(`/api/s/${'A'.repeat(43)}`);
    expect(unknown.status).toBe(404);
    const unknownBody = await unknown.text();

    const revoked = await share(id, { access: 'view' });
    expect((await visit(pathOf(revoked.url))).status).toBe(200);
    const res = await t.app.request(`/api/shares/${revoked.id}`, owner({ method: 'DELETE' }));
    expect(res.status).toBe(200);
    const afterRevoke = await visit(pathOf(revoked.url));
    expect(afterRevoke.status).toBe(404);
    expect(await afterRevoke.text()).toBe(unknownBody);

    const expiring = await share(id, {
      access: 'view',
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    expect((await visit(pathOf(expiring.url))).status).toBe(200);
    t.deps.db.sqlite
      .prepare('update shares set expires_at = ? where id = ?')
      .run(Date.now() - 1, expiring.id);
    const afterExpiry = await visit(pathOf(expiring.url));
    expect(afterExpiry.status).toBe(404);
    expect(await afterExpiry.text()).toBe(unknownBody);
    // The owner still sees both, marked.
    const list = (await (await t.app.request(`/api/workflows/${id}/shares`, owner())).json()) as {
      id: string;
      status: string;
    }[];
    expect(list.find((s) => s.id === revoked.id)!.status).toBe('revoked');
    expect(list.find((s) => s.id === expiring.id)!.status).toBe('expired');
  });

  it('creating, listing and revoking links needs the server token', async () => {
    const { id } = await savedWorkflow();
    expect(
      (await visit(`/api/workflows/${id}/shares`, { method: 'POST', body: '{"access":"view"}' }))
        .status,
    ).toBe(401);
    expect((await visit(`/api/workflows/${id}/shares`)).status).toBe(401);
    expect((await visit('/api/shares/sh_x', { method: 'DELETE' })).status).toBe(401);
  });

  it('rate-limits guessing: after 30 tokens that open nothing a client gets 429', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++)
      statuses.push((await visit(`/api/s/${String(i).padStart(43, 'x')}`)).status);
    // Earlier tests of this file spent a few misses of the same minute.
    const limited = statuses.indexOf(429);
    expect(limited).toBeGreaterThan(20);
    expect(statuses.slice(0, limited).every((s) => s === 404)).toBe(true);
    expect(statuses.slice(limited).every((s) => s === 429)).toBe(true);
  });
});

describe('request log', () => {
  it('never writes a link token', async () => {
    const { id } = await savedWorkflow();
    const link = await share(id, { access: 'view' });
    await visit(pathOf(link.url));
    expect(t.lines.join('\n')).not.toContain(link.token);
    expect(t.lines).toContainEqual(expect.stringMatching(/^GET \/api\/s\/… 200/));
  });
});
