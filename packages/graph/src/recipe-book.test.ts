import { describe, expect, it } from 'vitest';
import { resolveRecipes } from './recipe-book';
import { catalogue, image, workflowOf } from './testing/catalogue';
import { librarySource, recipeNodeOf, withRecipes } from './testing/recipes';
import { validateWithRecipes } from './validate-with-recipes';

/** "Product shot": subject (text) and photo (image) in; hero image and caption out. */
const shot = (name = 'Product shot') => ({
  ...workflowOf(
    [
      { id: 'p1', type: 'prompt', data: { text: 'a cat' } },
      { id: 'ref', type: 'reference' },
      { id: 'g1', type: 'generate' },
    ],
    [
      ['p1', 'text', 'g1', 'prompt'],
      ['ref', 'image', 'g1', 'references'],
    ],
    [
      { name: 'subject', node: 'p1', field: 'text' },
      { name: 'photo', node: 'ref', field: 'image' },
    ],
    [
      { name: 'hero', node: 'g1', port: 'image' },
      { name: 'caption', node: 'p1', port: 'text' },
    ],
  ),
  name,
});

const library = () => {
  const source = librarySource();
  source.add('wf_shot', 1, shot());
  // Version 2 drops the caption output and the photo input.
  const v2 = shot();
  source.add('wf_shot', 2, {
    ...v2,
    inputs: v2.inputs.slice(0, 1),
    outputs: v2.outputs!.slice(0, 1),
  });
  return source;
};

const issuesOf = (result: { ok: boolean; issues?: { path: string; code: string }[] }) =>
  result.ok ? [] : result.issues!.map((i) => [i.path, i.code]);

describe('recipes resolved for validation', () => {
  it('gives a recipe node its pinned recipe’s signature as ports', () => {
    const resolved = resolveRecipes(
      workflowOf([recipeNodeOf('r1', 'wf_shot', 1)]),
      library(),
      withRecipes,
    );
    if (!resolved.ok) throw new Error(JSON.stringify(resolved.issues));
    const ports = resolved.book.portsOf({
      ...recipeNodeOf('r1', 'wf_shot', 1),
      position: { x: 0, y: 0 },
    });
    expect(ports?.inputs.map((p) => [p.name, p.kind, p.optional])).toEqual([
      ['subject', 'text', true],
      ['photo', 'image', true],
    ]);
    expect(ports?.outputs.map((p) => [p.name, p.kind])).toEqual([
      ['hero', 'image'],
      ['caption', 'text'],
    ]);
  });

  it('validates edges into and out of a recipe node against its pinned version', () => {
    const doc = (version: number) =>
      workflowOf(
        [
          { id: 'p0', type: 'prompt', data: { text: 'a hat' } },
          recipeNodeOf('r1', 'wf_shot', version),
          { id: 'e1', type: 'edit' },
        ],
        [
          ['p0', 'text', 'r1', 'subject'],
          ['r1', 'hero', 'e1', 'image'],
          ['r1', 'caption', 'e1', 'instruction'],
        ],
      );
    expect(validateWithRecipes(doc(1), withRecipes, library()).ok).toBe(true);
    // Version 2 has no caption: the edge out of it is reported, and edit's instruction is unwired.
    expect(issuesOf(validateWithRecipes(doc(2), withRecipes, library()))).toEqual([
      ['edges[2].sourceHandle', 'unknown_port'],
      ['nodes[2].inputs.instruction', 'missing_input'],
    ]);
  });

  it('refuses a recipe that is not in the library, naming the node', () => {
    const result = validateWithRecipes(
      workflowOf([recipeNodeOf('r1', 'wf_shot', 7)]),
      withRecipes,
      library(),
    );
    expect(issuesOf(result)).toEqual([['nodes[0].data.version', 'unknown_recipe']]);
  });

  it('checks the values a recipe node sets for its inputs: names, kinds and field limits', () => {
    const result = validateWithRecipes(
      workflowOf([
        recipeNodeOf('r1', 'wf_shot', 1, {
          subject: 'x'.repeat(101),
          photo: 'not an image',
          nope: 'x',
        }),
        recipeNodeOf('r2', 'wf_shot', 1, { subject: 'a dog', photo: image() }),
      ]),
      withRecipes,
      library(),
    );
    expect(issuesOf(result)).toEqual([
      ['nodes[0].data.inputs.subject', 'invalid_field'],
      ['nodes[0].data.inputs.photo', 'input_kind_mismatch'],
      ['nodes[0].data.inputs.nope', 'unknown_input'],
    ]);
  });

  it('resolves nested recipes: an output of an inner recipe node can be the outer recipe’s output', () => {
    const source = library();
    source.add('wf_outer', 1, {
      ...workflowOf(
        [recipeNodeOf('inner', 'wf_shot', 1, { subject: 'a lamp' })],
        [],
        [],
        [{ name: 'picture', node: 'inner', port: 'hero' }],
      ),
      name: 'Outer',
    });
    const result = validateWithRecipes(
      workflowOf(
        [recipeNodeOf('r', 'wf_outer', 1), { id: 'e', type: 'edit' }],
        [
          ['r', 'picture', 'e', 'image'],
          ['r', 'picture', 'e', 'references'],
        ],
      ),
      withRecipes,
      source,
    );
    expect(issuesOf(result)).toEqual([['nodes[1].inputs.instruction', 'missing_input']]);
  });

  it('refuses a recipe that contains itself through another, naming the chain', () => {
    const source = librarySource();
    source.add('wf_a', 1, { ...workflowOf([recipeNodeOf('b', 'wf_b', 1)]), name: 'A' });
    source.add('wf_b', 1, { ...workflowOf([recipeNodeOf('a', 'wf_a', 1)]), name: 'B' });
    const result = validateWithRecipes(
      workflowOf([{ id: 'p', type: 'prompt' }, recipeNodeOf('x', 'wf_a', 1)]),
      withRecipes,
      source,
    );
    expect(issuesOf(result)).toEqual([['nodes[1]', 'recipe_cycle']]);
    expect(result.ok ? '' : result.issues[0]!.message).toContain(
      '"A" (wf_a) → "B" (wf_b) → "A" (wf_a)',
    );
  });

  it('refuses a workflow that uses itself, at any version', () => {
    const source = library();
    const result = validateWithRecipes(
      workflowOf([recipeNodeOf('r1', 'wf_shot', 1)]),
      withRecipes,
      source,
      { self: { workflowId: 'wf_shot', name: 'Product shot' } },
    );
    expect(issuesOf(result)).toEqual([['nodes[0]', 'recipe_cycle']]);
  });

  it('without recipe nodes, validates as before (the plain catalogue is enough)', () => {
    const result = validateWithRecipes(shot(), catalogue, librarySource());
    expect(result.ok).toBe(true);
  });
});
