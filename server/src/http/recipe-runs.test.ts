import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectSse, readSse } from './sse-reader';
import type { TestApp } from './test-app';
import { createTestApp, json, posterWorkflow } from './test-app';
import { runToEnd, type RunRecord } from './run-to-end';
import { edge, node } from './test-graph';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** "Poster": subject → generate; named output `poster`. */
const recipe = () => ({
  ...posterWorkflow('A poster of a lighthouse'),
  outputs: [{ name: 'poster', node: 'g1', port: 'image' }],
});

const save = async (doc: unknown, app: TestApp = t) => {
  const res = await app.app.request('/api/workflows', json(doc));
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
};

/** Two uses of Poster with the same subject (set on the node), one with a subject wired in. */
const twoUses = (poster: string, wired = 'A poster of a red fox') => ({
  format: 'atelier.workflow',
  version: 1,
  name: 'Two posters',
  nodes: [
    node('a', 'recipe', {
      workflowId: poster,
      version: 1,
      inputs: { subject: 'A poster of a whale' },
    }),
    node('b', 'recipe', {
      workflowId: poster,
      version: 1,
      inputs: { subject: 'A poster of a whale' },
    }),
    node('p', 'prompt', { text: wired }),
    node('c', 'recipe', { workflowId: poster, version: 1 }),
  ],
  edges: [edge('e1', 'p.text', 'c.subject')],
  inputs: [{ name: 'animal', node: 'p', field: 'text' }],
  outputs: [
    { name: 'whale', node: 'a', port: 'poster' },
    { name: 'fox', node: 'c', port: 'poster' },
  ],
});

describe('running a document with recipe nodes', { timeout: 60_000 }, () => {
  it('runs the recipes’ nodes inside the run: outputs by name, one call for two equal uses, pins recorded', async () => {
    const poster = await save(recipe());
    const before = t.fake.stats.responses;
    const run = await runToEnd(t, { workflow: twoUses(poster) });
    expect(run.status).toBe('succeeded');
    // a and b ask for the same image: it is made once; c makes its own.
    expect(t.fake.stats.responses - before).toBe(2);
    expect([run.nodes['a/g1']!.cached, run.nodes['b/g1']!.cached].sort()).toEqual([false, true]);
    expect(run.nodes['c/p1']!.outputs).toEqual({ text: 'A poster of a red fox' });
    // The recipe node's outputs are its recipe's named outputs.
    expect(run.nodes.a!.outputs!.poster).toEqual(run.nodes['a/g1']!.outputs!.image);
    expect(run.outputs.whale!.blob).toBe(run.outputs.whale!.blob);
    expect(run.outputs.fox!.blob).not.toBe(run.outputs.whale!.blob);
    expect(run.recipes).toEqual({
      a: { workflowId: poster, version: 1, name: 'Poster' },
      b: { workflowId: poster, version: 1, name: 'Poster' },
      c: { workflowId: poster, version: 1, name: 'Poster' },
    });
  });

  it('reruns unchanged for 0 calls, and after an outer change pays only for what changed', async () => {
    const poster = await save(recipe());
    const outer = await save(twoUses(poster, 'A poster of an owl'));
    await runToEnd(t, { workflowId: outer });
    const before = t.fake.stats.responses;
    const again = await runToEnd(t, { workflowId: outer });
    expect(again.status).toBe('succeeded');
    expect(t.fake.stats.responses).toBe(before);
    const changed = await runToEnd(t, {
      workflowId: outer,
      inputs: { animal: 'A poster of a moth' },
    });
    expect(changed.status).toBe('succeeded');
    expect(t.fake.stats.responses - before).toBe(1);
    expect(changed.nodes['c/g1']!.cached).toBe(false);
    expect(changed.nodes['a/g1']!.cached).toBe(true);
  });

  it('runs nested recipes, with events of inner nodes named after the recipe nodes holding them', async () => {
    const poster = await save(recipe());
    const framed = await save({
      format: 'atelier.workflow',
      version: 1,
      name: 'Framed',
      nodes: [
        node('inner', 'recipe', {
          workflowId: poster,
          version: 1,
          inputs: { subject: 'A poster of a heron' },
        }),
        node('i', 'prompt', { text: 'Add a gold frame' }),
        node('ed', 'edit', { quality: 'low' }),
      ],
      edges: [edge('x1', 'inner.poster', 'ed.image'), edge('x2', 'i.text', 'ed.instruction')],
      inputs: [{ name: 'frame', node: 'i', field: 'text' }],
      outputs: [{ name: 'framed', node: 'ed', port: 'image' }],
    });
    const res = await t.app.request(
      '/api/runs',
      json({
        workflow: {
          format: 'atelier.workflow',
          version: 1,
          name: 'Gallery',
          nodes: [node('top', 'recipe', { workflowId: framed, version: 1 })],
          edges: [],
          outputs: [{ name: 'hero', node: 'top', port: 'framed' }],
        },
      }),
    );
    const { id } = (await res.json()) as { id: string };
    const messages = await collectSse(await t.app.request(`/api/runs/${id}/events`));
    const started = messages
      .filter((m) => m.event === 'node.started')
      .map((m) => (JSON.parse(m.data) as { nodeId: string }).nodeId);
    expect(started).toEqual(expect.arrayContaining(['top/inner/g1', 'top/ed']));
    const partial = messages.find((m) => m.event === 'node.partial_image');
    expect(partial && (JSON.parse(partial.data) as { nodeId: string }).nodeId).toMatch(/^top\//);
    const run = (await (await t.app.request(`/api/runs/${id}`)).json()) as RunRecord;
    expect(run.status).toBe('succeeded');
    expect(run.outputs.hero).toEqual(run.nodes['top/ed']!.outputs!.image);
    expect(run.recipes!['top/inner']).toEqual({ workflowId: poster, version: 1, name: 'Poster' });
  });

  it('refuses a recipe node whose recipe is missing before any call (422, path to the node)', async () => {
    const before = t.fake.stats.responses;
    const res = await t.app.request(
      '/api/runs',
      json({
        workflow: {
          format: 'atelier.workflow',
          version: 1,
          nodes: [node('r', 'recipe', { workflowId: 'wf_nope', version: 1 })],
          edges: [],
        },
      }),
    );
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: { path: string } }).error.path).toBe(
      'workflow.nodes[0].data.version',
    );
    expect(t.fake.stats.responses).toBe(before);
  });

  it('cancel stops the nodes inside a recipe', async () => {
    const slow = await createTestApp({ fake: { latency: { perEventMs: 200 } } });
    const poster = await save(recipe(), slow);
    const res = await slow.app.request(
      '/api/runs',
      json({
        workflow: {
          format: 'atelier.workflow',
          version: 1,
          nodes: [
            node('r', 'recipe', { workflowId: poster, version: 1, inputs: { subject: 'slow' } }),
          ],
          edges: [],
        },
      }),
    );
    const { id } = (await res.json()) as { id: string };
    for await (const message of readSse(await slow.app.request(`/api/runs/${id}/events`)))
      if (message.event === 'node.started' && message.data.includes('"r/g1"'))
        await slow.app.request(`/api/runs/${id}/cancel`, { method: 'POST' });
    const run = (await (await slow.app.request(`/api/runs/${id}`)).json()) as RunRecord;
    expect(run.status).toBe('cancelled');
    expect(run.nodes['r/g1']!.status).toBe('cancelled');
    expect(run.nodes.r!.status).toBe('cancelled');
    await slow.close();
  });
});
