import type { Workflow } from '@atelier/graph';
import { recipeFromSelection } from '@atelier/graph';
import { registry } from '@atelier/nodes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runToEnd } from './run-to-end';
import type { TestApp } from './test-app';
import { createTestApp, json } from './test-app';
import { edge, node } from './test-graph';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** subject → generate → edit (instruction from a second prompt) → edit again. */
const shot: Workflow = {
  format: 'atelier.workflow',
  version: 1,
  name: 'Shot',
  nodes: [
    node('p1', 'prompt', { text: 'A ceramic cup on a table' }),
    node('p2', 'prompt', { text: 'Make the background deep blue' }),
    node('g1', 'generate', { size: '1024x1024', quality: 'low' }),
    node('e1', 'edit', { size: '1024x1024', quality: 'low' }),
    node('e2', 'edit', { size: '1024x1024', quality: 'low', instruction: 'Add soft light' }),
  ],
  edges: [
    edge('a', 'p1.text', 'g1.prompt'),
    edge('b', 'g1.image', 'e1.image'),
    edge('c', 'p2.text', 'e1.instruction'),
    edge('d', 'e1.image', 'e2.image'),
  ],
  inputs: [],
};

describe('make recipe from selection, round trip', { timeout: 60_000 }, () => {
  it('runs to the same outputs after the selection became a recipe node, paying nothing again', async () => {
    const before = await runToEnd(t, { workflow: shot });
    expect(before.status).toBe('succeeded');
    const calls = t.fake.stats.responses;

    const made = recipeFromSelection(shot, ['g1', 'e1'], {
      name: 'Blue cup',
      recipeNodeId: 'rec',
      standIns: {
        text: { type: 'prompt', field: 'text', port: 'text' },
        image: { type: 'reference', field: 'image', port: 'image' },
      },
      portsOf: (n) => registry.get(n.type),
      valueOf: (e) => shot.nodes.find((n) => n.id === e.source)?.data.text,
    });
    if (!made.ok) throw new Error(made.message);
    const saved = await t.app.request('/api/workflows', json(made.recipe));
    expect(saved.status, await saved.clone().text()).toBe(201);
    const pin = (await saved.json()) as { id: string; version: number };
    const outer = made.outer({ workflowId: pin.id, version: pin.version });
    expect(outer.nodes.map((n) => n.id).sort()).toEqual(['e2', 'p1', 'p2', 'rec']);

    const after = await runToEnd(t, { workflow: outer });
    expect(after.status).toBe('succeeded');
    // Every image is the one the flat graph made: the inner nodes have the same cache keys.
    expect(after.nodes['rec/g1']!.outputs).toEqual(before.nodes.g1!.outputs);
    expect(after.nodes['rec/e1']!.outputs).toEqual(before.nodes.e1!.outputs);
    expect(after.nodes.e2!.outputs).toEqual(before.nodes.e2!.outputs);
    expect(t.fake.stats.responses - calls).toBe(0);
  });
});
