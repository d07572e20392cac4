import { describe, expect, it } from 'vitest';
import { createDocumentStore } from './document-store';
import { useRecipes } from './recipes-store';
import { fieldOf } from '../model/node-data';

const at = { x: 0, y: 0 };
const v1 = {
  inputs: [
    { name: 'subject', kind: 'text' as const, default: 'a cup' },
    { name: 'style', kind: 'text' as const, default: 'flat' },
  ],
  outputs: [{ name: 'hero', kind: 'image' as const }],
};
const v2 = {
  inputs: [{ name: 'subject', kind: 'text' as const, default: 'a mug' }],
  outputs: [{ name: 'hero', kind: 'image' as const }],
};
const doc = {
  format: 'atelier.workflow' as const,
  version: 1 as const,
  name: 'Shot',
  nodes: [],
  edges: [],
  inputs: [],
};

describe('document store: named outputs', () => {
  it('names an output port, renames it in place and removes it, each one undo step', () => {
    const store = createDocumentStore();
    const g = store.getState().addNode('generate', at);
    expect(store.getState().setOutput(g, 'image', 'hero')).toBeUndefined();
    expect(store.getState().setOutput(g, 'revised_prompt', 'caption')).toBeUndefined();
    expect(store.getState().setOutput(g, 'image', 'shot')).toBeUndefined();
    expect(store.getState().outputs).toEqual([
      { name: 'shot', node: g, port: 'image' },
      { name: 'caption', node: g, port: 'revised_prompt' },
    ]);
    store.getState().setOutput(g, 'image', null);
    expect(store.getState().outputs?.map((o) => o.name)).toEqual(['caption']);
    store.getState().undo();
    expect(store.getState().outputs?.map((o) => o.name)).toEqual(['shot', 'caption']);
  });

  it('refuses a name another output has, or one that is not a name', () => {
    const store = createDocumentStore();
    const g = store.getState().addNode('generate', at);
    store.getState().setOutput(g, 'image', 'hero');
    expect(store.getState().setOutput(g, 'revised_prompt', 'hero')).toMatch(/already an output/);
    expect(store.getState().setOutput(g, 'revised_prompt', '2 words')).toMatch(/letters/);
    expect(store.getState().setOutput(g, 'revised_prompt', '__proto__')).toMatch(/reserved/);
    expect(store.getState().outputs).toHaveLength(1);
  });
});

describe('document store: recipe nodes', () => {
  it('wires to a recipe node by its signature and upgrades it in one undo step', () => {
    useRecipes.setState({
      entries: {
        'w1@1': { status: 'ready', signature: v1, document: doc },
        'w1@2': { status: 'ready', signature: v2, document: doc },
      },
    });
    const store = createDocumentStore();
    const p = store.getState().addNode('prompt', at);
    const r = store.getState().addNode('recipe', at, {
      data: { workflowId: 'w1', version: 1, inputs: { subject: 'a pot', style: 'bold' } },
    });
    const e = store.getState().addNode('edit', at);
    const wire = (source: string, sourceHandle: string, target: string, targetHandle: string) =>
      store.getState().connect({ source, sourceHandle, target, targetHandle });
    expect(wire(p, 'text', r, 'subject').ok).toBe(true);
    expect(wire(p, 'text', r, 'style').ok).toBe(true);
    expect(wire(r, 'hero', e, 'image').ok).toBe(true);
    expect(wire(r, 'hero', e, 'instruction')).toEqual({
      ok: false,
      reason: "Can't connect image → text",
    });
    store.getState().updateField(r, 'inputs.subject', 'a vase');
    expect(
      fieldOf(
        store.getState().nodes.find((n) => n.id === r)!,
        'inputs',
      ),
    ).toEqual({
      subject: 'a vase',
      style: 'bold',
    });

    store.getState().upgradeRecipe(r, 2, v1, v2);
    const node = store.getState().nodes.find((n) => n.id === r)!;
    expect(node.data).toMatchObject({ version: 2, inputs: { subject: 'a vase' } });
    expect(store.getState().edges.map((x) => x.targetHandle)).toEqual(['subject', 'image']);

    store.getState().undo();
    expect(
      fieldOf(
        store.getState().nodes.find((n) => n.id === r)!,
        'version',
      ),
    ).toBe(1);
    expect(store.getState().edges).toHaveLength(3);
  });
});
