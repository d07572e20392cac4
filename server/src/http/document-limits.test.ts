import { MAX_JSON_DEPTH, MAX_NODES } from '@atelier/graph';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from './test-app';
import { createTestApp, json, posterWorkflow } from './test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

type Answer = { error?: { code: string; message: string; path?: string } } & Record<
  string,
  unknown
>;
const send = async (path: string, body: unknown, method = 'POST') => {
  const res = await t.app.request(path, json(body, method));
  return { status: res.status, body: (await res.json()) as Answer };
};

/** JSON text with 5,000 levels under nodes[0].<where>.deep (JSON.stringify would overflow). */
const withDeep = (where: 'data' | 'view', wrap = (doc: string) => doc): string => {
  const doc = posterWorkflow();
  const [first, second] = doc.nodes;
  const node = { ...first, [where]: { deep: 'DEEP' } };
  const text = wrap(JSON.stringify({ ...doc, nodes: [node, second] }));
  return text.replace('"DEEP"', `${'{"a":'.repeat(5000)}"bottom"${'}'.repeat(5000)}`);
};
const sendText = async (path: string, body: string) => {
  const res = await t.app.request(path, { method: 'POST', body });
  return { status: res.status, body: (await res.json()) as Answer };
};

const count = (table: string) =>
  (t.deps.db.sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;

describe('documents a person would never make', () => {
  it(`refuses more than ${MAX_NODES} nodes with 413 too_many_nodes, storing nothing`, async () => {
    const doc = posterWorkflow();
    const nodes = Array.from({ length: MAX_NODES + 1 }, (_, i) => ({
      id: `p${i}`,
      type: 'prompt',
      data: { text: 'x' },
    }));
    const before = [count('workflows'), count('runs')];
    const saved = await send('/api/workflows', { ...doc, nodes, edges: [], inputs: [] });
    expect(saved.status).toBe(413);
    expect(saved.body.error).toMatchObject({ code: 'too_many_nodes', path: 'nodes' });
    expect(saved.body.error?.message).toMatch(`at most ${MAX_NODES}`);
    const run = await send('/api/runs', { workflow: { ...doc, nodes, edges: [], inputs: [] } });
    expect(run.status).toBe(413);
    expect(run.body.error).toMatchObject({ code: 'too_many_nodes', path: 'workflow.nodes' });
    expect([count('workflows'), count('runs')]).toEqual(before);
  });

  it('answers 5,000 levels of nesting in data or view with 400 too_deep and the path (was a 500)', async () => {
    for (const where of ['data', 'view'] as const) {
      const saved = await sendText('/api/workflows', withDeep(where));
      expect(saved.status, where).toBe(400);
      expect(saved.body.error?.code).toBe('too_deep');
      expect(saved.body.error?.path).toMatch(new RegExp(`^nodes\\[0\\]\\.${where}\\.deep\\.a\\.a`));
      expect(saved.body.error?.message).toMatch(`more than ${MAX_JSON_DEPTH} levels`);
      const run = await sendText(
        '/api/runs',
        withDeep(where, (doc) => `{"workflow":${doc}}`),
      );
      expect(run.status, where).toBe(400);
      expect(run.body.error?.path).toMatch(
        new RegExp(`^workflow\\.nodes\\[0\\]\\.${where}\\.deep`),
      );
    }
  });

  it('stores a name with a lone surrogate as U+FFFD and gives back exactly that', async () => {
    const saved = await send('/api/workflows', { ...posterWorkflow(), name: 'Poster \uD83D' });
    expect(saved.status).toBe(201);
    const id = saved.body.id as string;
    const got = await t.app.request(`/api/workflows/${id}`);
    const body = (await got.json()) as { name: string; document: { name: string } };
    expect(body.name).toBe('Poster \uFFFD');
    expect(body.document.name).toBe('Poster \uFFFD');
    const renamed = await send(`/api/workflows/${id}`, { name: 'Renamed \uDE00x' }, 'PATCH');
    expect(renamed.status).toBe(200);
    const list = (await (await t.app.request('/api/workflows')).json()) as {
      id: string;
      name: string;
    }[];
    expect(list.find((w) => w.id === id)?.name).toBe('Renamed \uFFFDx');
  });
});
