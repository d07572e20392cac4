import { describe, expect, it } from 'vitest';
import type { WorkflowNode } from './document';
import { recipeFromSelection } from './recipe-from-selection';
import { workflowSignature } from './signature';
import { catalogue, image, workflowOf } from './testing/catalogue';
import { validateWorkflow } from './validate';

const standIns = {
  text: { type: 'prompt', field: 'text', port: 'text' },
  image: { type: 'reference', field: 'image', port: 'image' },
};
const portsOf = (node: WorkflowNode) => catalogue.get(node.type);
const options = {
  name: 'Shot',
  recipeNodeId: 'rec',
  standIns,
  portsOf,
  valueOf: (edge: { source: string }) => (edge.source === 'p1' ? 'a cup' : undefined),
};

/** p1 → g1 → e1 → e2, with p2 → e1 and a reference r1 → g1; {g1, e1} is the selection. */
const graph = () =>
  workflowOf(
    [
      { id: 'p1', type: 'prompt', data: { text: 'a cup' } },
      { id: 'p2', type: 'prompt', data: { text: 'make it blue' } },
      { id: 'r1', type: 'reference', data: { image: image() } },
      { id: 'g1', type: 'generate' },
      { id: 'e1', type: 'edit' },
      { id: 'e2', type: 'edit' },
    ],
    [
      ['p1', 'text', 'g1', 'prompt'],
      ['r1', 'image', 'g1', 'references'],
      ['g1', 'image', 'e1', 'image'],
      ['p2', 'text', 'e1', 'instruction'],
      ['e1', 'image', 'e2', 'image'],
      ['p2', 'text', 'e2', 'instruction'],
    ],
  );

describe('recipeFromSelection', () => {
  it('makes each outside output feeding the selection an input and each output leaving it an output', () => {
    const made = recipeFromSelection(graph(), ['g1', 'e1'], options);
    if (!made.ok) throw new Error(made.message);
    const { recipe } = made;
    expect(recipe.name).toBe('Shot');
    expect(recipe.inputs.map((i) => i.name)).toEqual(['prompt', 'references', 'instruction']);
    expect(recipe.outputs).toEqual([{ name: 'image', node: 'e1', port: 'image' }]);
    const standIn = recipe.nodes.find((n) => n.id === 'in_prompt')!;
    expect(standIn).toMatchObject({ type: 'prompt', data: { text: 'a cup' } });
    expect(recipe.nodes.find((n) => n.id === 'in_references')?.type).toBe('reference');
    expect(validateWorkflow(recipe, catalogue).ok).toBe(true);
  });

  it('puts a recipe node wired as the selection was in its place', () => {
    const made = recipeFromSelection(graph(), ['g1', 'e1'], options);
    if (!made.ok) throw new Error(made.message);
    const outer = made.outer({ workflowId: 'wf_1', version: 1 });
    expect(outer.nodes.map((n) => n.id)).toEqual(['p1', 'p2', 'r1', 'e2', 'rec']);
    expect(outer.nodes.at(-1)).toMatchObject({
      type: 'recipe',
      data: { workflowId: 'wf_1', version: 1, inputs: {} },
    });
    const ends = outer.edges.map(
      (e) => `${e.source}.${e.sourceHandle}>${e.target}.${e.targetHandle}`,
    );
    expect(ends).toEqual([
      'p1.text>rec.prompt',
      'r1.image>rec.references',
      'p2.text>rec.instruction',
      'rec.image>e2.image',
      'p2.text>e2.instruction',
    ]);
    const signature = workflowSignature(made.recipe, catalogue);
    const recipePorts = {
      inputs: signature.inputs.map((i) => ({
        name: i.name,
        kind: i.kind,
        label: i.name,
        optional: true,
      })),
      outputs: signature.outputs.map((o) => ({ name: o.name, kind: o.kind, label: o.name })),
    };
    const withRecipe = new Map([
      ...catalogue,
      ['recipe', { ...catalogue.get('edit')!, type: 'recipe', inputs: [], outputs: [] }],
    ]);
    const valid = validateWorkflow(
      { ...outer, nodes: outer.nodes.map((n) => (n.type === 'recipe' ? { ...n, data: {} } : n)) },
      withRecipe,
      { portsOf: (n) => (n.type === 'recipe' ? recipePorts : undefined) },
    );
    expect(valid.ok).toBe(true);
  });

  it('gives one input to an outside output that feeds several selected nodes', () => {
    const made = recipeFromSelection(graph(), ['g1', 'e1', 'e2'], {
      ...options,
      recipeNodeId: 'rec',
    });
    // e2 is selected too: nothing leaves the selection.
    expect(made).toMatchObject({ ok: false, message: expect.stringMatching(/Nothing leaves/) });
    const named = { ...graph(), outputs: [{ name: 'final', node: 'e2', port: 'image' }] };
    const again = recipeFromSelection(named, ['g1', 'e1', 'e2'], options);
    if (!again.ok) throw new Error(again.message);
    expect(again.recipe.inputs.filter((i) => i.name.startsWith('instruction'))).toHaveLength(1);
    expect(again.recipe.outputs).toEqual([{ name: 'final', node: 'e2', port: 'image' }]);
    const outer = again.outer({ workflowId: 'wf_1', version: 2 });
    expect(outer.outputs).toEqual([{ name: 'final', node: 'rec', port: 'final' }]);
    expect(
      outer.edges.filter((e) => e.target === 'rec' && e.targetHandle === 'instruction'),
    ).toHaveLength(1);
  });

  it('refuses a crossing connection of a kind no input can carry, naming it', () => {
    const doc = workflowOf(
      [
        { id: 'r1', type: 'reference', data: { image: image() } },
        { id: 'm1', type: 'mask' },
        { id: 'e1', type: 'edit' },
        { id: 'e2', type: 'edit' },
      ],
      [
        ['r1', 'image', 'm1', 'image'],
        ['m1', 'mask', 'e1', 'mask'],
        ['e1', 'image', 'e2', 'image'],
      ],
    );
    const made = recipeFromSelection(doc, ['e1'], options);
    expect(made).toMatchObject({
      ok: false,
      message: expect.stringMatching(/mask connection m1 → e1.mask/),
    });
  });

  it('refuses an empty selection', () => {
    expect(recipeFromSelection(graph(), [], options).ok).toBe(false);
  });
});
