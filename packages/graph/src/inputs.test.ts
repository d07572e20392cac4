import { describe, expect, it } from 'vitest';
import { applyInputs, recipeSignature } from './inputs';
import { catalogue, image, workflowOf } from './testing/catalogue';

const recipe = workflowOf(
  [
    { id: 'p1', type: 'prompt', data: { text: 'a cat' } },
    { id: 'r1', type: 'reference' },
    { id: 'm1', type: 'mask' },
    { id: 'g1', type: 'generate' },
  ],
  [['p1', 'text', 'g1', 'prompt']],
  [
    { name: 'subject', node: 'p1', field: 'text', label: 'Subject' },
    { name: 'photo', node: 'r1', field: 'image' },
    { name: 'area', node: 'm1', field: 'mask' },
  ],
);

describe('recipeSignature', () => {
  it('lists named inputs with kinds and saved defaults', () => {
    expect(recipeSignature(recipe, catalogue)).toEqual([
      {
        name: 'subject',
        label: 'Subject',
        kind: 'text',
        node: 'p1',
        field: 'text',
        default: 'a cat',
      },
      { name: 'photo', label: 'Image', kind: 'image', node: 'r1', field: 'image', default: null },
      { name: 'area', label: 'Mask', kind: 'mask', node: 'm1', field: 'mask', default: null },
    ]);
  });

  it('leaves out inputs that point nowhere', () => {
    const broken = { ...recipe, inputs: [{ name: 'x', node: 'ghost', field: 'text' }] };
    expect(recipeSignature(broken, catalogue)).toEqual([]);
  });
});

describe('applyInputs', () => {
  it('sets a text input on its field', () => {
    const result = applyInputs(recipe, catalogue, { subject: 'a dog' });
    expect(result.ok && result.workflow.nodes[0]?.data).toEqual({ text: 'a dog' });
  });

  it('sets an image input on its field', () => {
    const result = applyInputs(recipe, catalogue, { photo: image(32, 32) });
    expect(result.ok && result.workflow.nodes[1]?.data.image).toEqual(image(32, 32));
  });

  it('does not change the workflow it was given', () => {
    applyInputs(recipe, catalogue, { subject: 'a dog' });
    expect(recipe.nodes[0]?.data).toEqual({ text: 'a cat' });
  });

  it('reports an unknown name at inputs.<name>', () => {
    const result = applyInputs(recipe, catalogue, { colour: 'red' });
    expect(result.ok ? [] : result.issues).toEqual([
      expect.objectContaining({ path: 'inputs.colour', code: 'unknown_input' }),
    ]);
  });

  it('reports text given to an image input', () => {
    const result = applyInputs(recipe, catalogue, { photo: 'cat.png' });
    expect(result.ok ? [] : result.issues).toEqual([
      expect.objectContaining({ path: 'inputs.photo', code: 'input_kind_mismatch' }),
    ]);
  });

  it('reports a JPEG given to a mask input', () => {
    const result = applyInputs(recipe, catalogue, {
      area: { ...image(), mime: 'image/jpeg' as const },
    });
    expect(result.ok ? [] : result.issues.map((i) => i.code)).toEqual(['input_kind_mismatch']);
  });

  it('reports a value the field itself rejects', () => {
    const result = applyInputs(recipe, catalogue, { subject: 'x'.repeat(101) });
    expect(result.ok ? [] : result.issues).toEqual([
      expect.objectContaining({ path: 'inputs.subject', code: 'invalid_field' }),
    ]);
  });

  it('reports every bad input at once', () => {
    const result = applyInputs(recipe, catalogue, { a: 'x', b: 'y', subject: 'ok' });
    expect(result.ok ? [] : result.issues.map((i) => i.path)).toEqual(['inputs.a', 'inputs.b']);
  });
});
