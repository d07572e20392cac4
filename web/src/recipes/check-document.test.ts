import type { Workflow, WorkflowSignature } from '@atelier/graph';
import { validateWorkflow } from '@atelier/graph';
import { registry } from '@atelier/nodes';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useRecipes } from '../store/recipes-store';
import { checkDocument } from './check-document';

/** The pinned recipe: prompt p1 exposed as "subject" → generate g1 named "hero". */
const recipe: Workflow = {
  format: 'atelier.workflow',
  version: 1,
  name: 'Product shot',
  nodes: [
    { id: 'p1', type: 'prompt', position: { x: 0, y: 0 }, data: { text: 'a cup' } },
    { id: 'g1', type: 'generate', position: { x: 300, y: 0 }, data: {} },
  ],
  edges: [{ id: 'e1', source: 'p1', sourceHandle: 'text', target: 'g1', targetHandle: 'prompt' }],
  inputs: [{ name: 'subject', node: 'p1', field: 'text' }],
  outputs: [{ name: 'hero', node: 'g1', port: 'image' }],
};
const signature: WorkflowSignature = {
  inputs: [{ name: 'subject', kind: 'text', default: 'a cup' }],
  outputs: [{ name: 'hero', kind: 'image' }],
};

/** A prompt wired into the recipe node's "subject", its "hero" wired into an edit. */
const outer: Workflow = {
  format: 'atelier.workflow',
  version: 1,
  name: 'Kettle',
  nodes: [
    { id: 'p', type: 'prompt', position: { x: 0, y: 0 }, data: { text: 'a kettle' } },
    {
      id: 'r',
      type: 'recipe',
      position: { x: 300, y: 0 },
      data: { workflowId: 'wf_shot', version: 1, inputs: {} },
    },
    { id: 'e', type: 'edit', position: { x: 600, y: 0 }, data: { instruction: 'dusk' } },
  ],
  edges: [
    { id: 'a', source: 'p', sourceHandle: 'text', target: 'r', targetHandle: 'subject' },
    { id: 'b', source: 'r', sourceHandle: 'hero', target: 'e', targetHandle: 'image' },
  ],
  inputs: [],
};

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** The server at the network boundary: the recipe's version and signature, or nothing. */
const serve = (found: boolean) =>
  vi.stubGlobal(
    'fetch',
    vi.fn((input: string | URL | Request) => {
      const url = input instanceof Request ? input.url : String(input);
      if (!found)
        return Promise.resolve(
          json({ error: { code: 'workflow_not_found', message: 'No workflow "wf_shot".' } }, 404),
        );
      if (url.includes('/signature')) return Promise.resolve(json(signature));
      return Promise.resolve(
        json({ id: 'wf_shot', version: 1, name: recipe.name, savedAt: 1, document: recipe }),
      );
    }),
  );

afterEach(() => {
  vi.unstubAllGlobals();
  useRecipes.setState({ entries: {} });
});

describe('checking a document with recipe nodes before a run', () => {
  it("gives a recipe node its recipe's ports, so wires into and out of it are valid", async () => {
    // Checked by the node types alone, a recipe node has no ports and both wires are refused.
    const byType = validateWorkflow(outer, registry);
    expect(byType.ok).toBe(false);
    serve(true);
    const checked = await checkDocument(outer);
    expect(checked.ok ? [] : checked.issues).toEqual([]);
  });

  it('names the recipe node whose recipe is not in the library, as the server does', async () => {
    serve(false);
    const checked = await checkDocument(outer);
    expect(checked.ok).toBe(false);
    expect(checked.ok ? [] : checked.issues.map((i) => [i.path, i.code])).toContainEqual([
      'nodes[1].data.version',
      'unknown_recipe',
    ]);
  });

  it('refuses a saved workflow that uses itself as a recipe', async () => {
    serve(true);
    const checked = await checkDocument(outer, { workflowId: 'wf_shot', name: 'Product shot' });
    expect(checked.ok ? [] : checked.issues.map((i) => i.code)).toContain('recipe_cycle');
  });
});
