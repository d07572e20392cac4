import { describe, expect, it } from 'vitest';
import { diffSize, diffWorkflows, jsonEqual } from './diff';
import type { Workflow } from './document';
import { catalogue, image, workflowOf } from './testing/catalogue';

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** Version 1 of a recipe; `after` below differs from it in every kind of way. */
const before: Workflow = {
  ...workflowOf(
    [
      { id: 'p1', type: 'prompt', data: { text: 'a cat' } },
      { id: 'p2', type: 'prompt', data: { text: 'gone soon' } },
      { id: 'r1', type: 'reference', data: { image: image(64, 64) } },
      { id: 'g1', type: 'generate', data: { size: 'auto' } },
      { id: 'x1', type: 'prompt', data: { text: 'turns into a generate' } },
    ],
    [
      ['p1', 'text', 'g1', 'prompt'],
      ['p2', 'text', 'g1', 'context'],
    ],
    [
      { name: 'subject', node: 'p1', field: 'text' },
      { name: 'old_input', node: 'p2', field: 'text' },
      { name: 'photo', node: 'r1', field: 'image', label: 'Photo' },
    ],
    [
      { name: 'hero', node: 'g1', port: 'image' },
      { name: 'caption', node: 'g1', port: 'revised_prompt' },
    ],
  ),
  name: 'Poster',
  description: 'first try',
};

const after: Workflow = {
  ...workflowOf(
    [
      { id: 'p1', type: 'prompt', data: { text: 'a dog' } },
      { id: 'r1', type: 'reference', data: { image: image(128, 128) } },
      { id: 'g1', type: 'generate', data: { size: '1024x1024', variant: 2 } },
      { id: 'x1', type: 'generate', data: {} },
      { id: 'p3', type: 'prompt', data: { text: 'new context' } },
    ],
    [
      ['p1', 'text', 'g1', 'prompt'],
      ['p3', 'text', 'g1', 'context'],
    ],
    [
      { name: 'subject', node: 'p1', field: 'text', label: 'Subject' },
      { name: 'photo', node: 'r1', field: 'image', label: 'Photo' },
      { name: 'context', node: 'p3', field: 'text' },
    ],
    [
      { name: 'hero', node: 'x1', port: 'image' },
      { name: 'text', node: 'p1', port: 'text' },
    ],
  ),
  name: 'Poster v2',
  description: undefined,
};
after.nodes[0] = { ...after.nodes[0]!, position: { x: 40, y: 10 }, view: { title: 'Subject' } };
after.nodes[1] = { ...after.nodes[1]!, position: { x: 0, y: 300 } };
// The same wire as before under another id: not an edge change.
after.edges[0] = { ...after.edges[0]!, id: 'renamed-edge' };

describe('diffWorkflows', () => {
  const diff = diffWorkflows(before, after);

  it('reports the name and description', () => {
    expect(diff.name).toEqual({ from: 'Poster', to: 'Poster v2' });
    expect(diff.description).toEqual({ from: 'first try', to: undefined });
  });

  it('lists nodes added and removed', () => {
    expect(diff.nodes.added.map((n) => n.id)).toEqual(['p3']);
    expect(diff.nodes.removed.map((n) => n.id)).toEqual(['p2']);
  });

  it('lists each changed field of a changed node, old → new', () => {
    const byId = Object.fromEntries(diff.nodes.changed.map((c) => [c.id, c]));
    expect(Object.keys(byId).sort()).toEqual(['g1', 'p1', 'r1', 'x1']);
    expect(byId.p1).toEqual({
      id: 'p1',
      type: 'prompt',
      title: 'Subject',
      changes: [
        { field: 'data.text', from: 'a cat', to: 'a dog' },
        { field: 'view.title', from: undefined, to: 'Subject' },
      ],
    });
    expect(byId.g1?.changes).toEqual([
      { field: 'data.size', from: 'auto', to: '1024x1024' },
      { field: 'data.variant', from: undefined, to: 2 },
    ]);
    expect(byId.r1?.changes).toEqual([
      { field: 'data.image', from: image(64, 64), to: image(128, 128) },
    ]);
  });

  it('reports a node whose type changed, with its data', () => {
    const x1 = diff.nodes.changed.find((c) => c.id === 'x1');
    expect(x1?.type).toBe('generate');
    expect(x1?.changes).toEqual([
      { field: 'type', from: 'prompt', to: 'generate' },
      { field: 'data.text', from: 'turns into a generate', to: undefined },
    ]);
  });

  it('reports moves apart from changes', () => {
    expect(diff.nodes.moved).toEqual([
      { id: 'p1', from: { x: 0, y: 0 }, to: { x: 40, y: 10 } },
      { id: 'r1', from: { x: 0, y: 0 }, to: { x: 0, y: 300 } },
    ]);
  });

  it('matches edges by what they join, not their ids', () => {
    expect(diff.edges.added).toEqual([
      { id: 'e2', source: 'p3', sourceHandle: 'text', target: 'g1', targetHandle: 'context' },
    ]);
    expect(diff.edges.removed).toEqual([
      { id: 'e2', source: 'p2', sourceHandle: 'text', target: 'g1', targetHandle: 'context' },
    ]);
  });

  it('lists named inputs added, removed and changed', () => {
    expect(diff.inputs.added.map((i) => i.name)).toEqual(['context']);
    expect(diff.inputs.removed.map((i) => i.name)).toEqual(['old_input']);
    expect(diff.inputs.changed).toEqual([
      { name: 'subject', changes: [{ field: 'label', from: undefined, to: 'Subject' }] },
    ]);
  });

  it('lists named outputs added, removed and changed', () => {
    expect(diff.outputs.added.map((o) => o.name)).toEqual(['text']);
    expect(diff.outputs.removed.map((o) => o.name)).toEqual(['caption']);
    expect(diff.outputs.changed).toEqual([
      { name: 'hero', changes: [{ field: 'node', from: 'g1', to: 'x1' }] },
    ]);
  });

  it('counts what differs and is neither same nor identical', () => {
    expect(diff.same).toBe(false);
    expect(diff.identical).toBe(false);
    // name + description (2), nodes 1+1+4 changed, edges 1+1, inputs 1+1+1, outputs 1+1+1
    expect(diffSize(diff)).toBe(16);
  });

  it('the reverse diff swaps added and removed and the sides of each change', () => {
    const back = diffWorkflows(after, before);
    expect(back.nodes.added.map((n) => n.id)).toEqual(['p2']);
    expect(back.nodes.removed.map((n) => n.id)).toEqual(['p3']);
    expect(back.nodes.changed.find((c) => c.id === 'p1')?.changes[0]).toEqual({
      field: 'data.text',
      from: 'a dog',
      to: 'a cat',
    });
  });

  it('finds nothing between a document and itself', () => {
    const none = diffWorkflows(before, clone(before));
    expect(none.same).toBe(true);
    expect(none.identical).toBe(true);
    expect(diffSize(none)).toBe(0);
  });

  it('a document that only moved is the same but not identical', () => {
    const moved = clone(before);
    moved.nodes[0]!.position = { x: 5, y: 5 };
    const diff = diffWorkflows(before, moved);
    expect(diff.same).toBe(true);
    expect(diff.identical).toBe(false);
    expect(diff.nodes.changed).toEqual([]);
  });

  it('with the catalogue, a field missing on one side compares as its default', () => {
    const implicit = workflowOf([{ id: 'g1', type: 'generate', data: {} }]);
    const explicit = workflowOf([{ id: 'g1', type: 'generate', data: { size: 'auto' } }]);
    expect(diffWorkflows(implicit, explicit).nodes.changed).toHaveLength(1);
    expect(diffWorkflows(implicit, explicit, { catalogue }).same).toBe(true);
    const changed = workflowOf([{ id: 'g1', type: 'generate', data: { variant: 3 } }]);
    expect(diffWorkflows(implicit, changed, { catalogue }).nodes.changed[0]?.changes).toEqual([
      { field: 'data.variant', from: 0, to: 3 },
    ]);
  });

  it('object key order does not make a change', () => {
    const a = workflowOf([{ id: 'r1', type: 'reference', data: { image: image() } }]);
    const b = clone(a);
    const { blob, mime, width, height } = image();
    b.nodes[0]!.data = { image: { height, width, mime, blob } };
    expect(diffWorkflows(a, b).identical).toBe(true);
  });
});

describe('jsonEqual', () => {
  it('tells arrays from objects and compares element by element', () => {
    expect(jsonEqual([1, 2], [1, 2])).toBe(true);
    expect(jsonEqual([1, 2], [2, 1])).toBe(false);
    expect(jsonEqual([], {})).toBe(false);
    expect(jsonEqual({ a: undefined }, {})).toBe(true);
    expect(jsonEqual(null, {})).toBe(false);
  });
});
