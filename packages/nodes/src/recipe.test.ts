import { describe, expect, it } from 'vitest';
import { recipeNode } from './recipe';
import { registry } from './registry';

describe('recipe node', () => {
  it('is registered, with ports left to its recipe', () => {
    expect(registry.get('recipe')).toBe(recipeNode);
    expect(recipeNode.dynamicPorts).toBe(true);
    expect([recipeNode.inputs, recipeNode.outputs, recipeNode.fields]).toEqual([[], [], []]);
  });

  it('is the one type the generic palette does not offer (it is made from a library recipe)', () => {
    expect([...registry.values()].filter((d) => d.palette === false)).toEqual([recipeNode]);
  });

  it('pins a recipe version; input values default to none', () => {
    expect(recipeNode.data.parse({ workflowId: 'wf_a', version: 2 })).toEqual({
      workflowId: 'wf_a',
      version: 2,
      inputs: {},
    });
    expect(recipeNode.data.safeParse({ workflowId: 'wf_a', version: 0 }).success).toBe(false);
    expect(recipeNode.data.safeParse({ workflowId: 'wf a', version: 1 }).success).toBe(false);
  });

  it('passes on the recipe outputs gathered into it, by name', async () => {
    const result = await recipeNode.run({
      inputs: { hero: 'a', caption: undefined },
    } as unknown as Parameters<typeof recipeNode.run>[0]);
    expect(result).toEqual({ outputs: { hero: 'a' } });
  });
});
