import { describe, expect, it } from 'vitest';
import {
  fieldValue,
  newRecipeData,
  recipeFields,
  recipePorts,
  recipeRefOf,
  withField,
} from './recipe-node';

const signature = {
  inputs: [
    { name: 'subject', kind: 'text' as const, default: 'a cup' },
    { name: 'photo', kind: 'image' as const },
  ],
  outputs: [{ name: 'hero', kind: 'image' as const }],
};

describe('recipe node', () => {
  it('has the recipe inputs as optional ports and its outputs as ports', () => {
    expect(recipePorts(signature)).toEqual({
      inputs: [
        {
          name: 'subject',
          kind: 'text',
          label: 'subject',
          optional: true,
          inline: 'inputs.subject',
        },
        { name: 'photo', kind: 'image', label: 'photo', optional: true, inline: 'inputs.photo' },
      ],
      outputs: [{ name: 'hero', kind: 'image', label: 'hero' }],
    });
  });

  it('has the recipe inputs as fields that edit data.inputs', () => {
    expect(recipeFields(signature).map((f) => [f.name, f.kind])).toEqual([
      ['inputs.subject', 'text'],
      ['inputs.photo', 'image'],
    ]);
    const data = withField({ workflowId: 'w', inputs: { photo: 1 } }, 'inputs.subject', 'a pot');
    expect(data).toEqual({ workflowId: 'w', inputs: { photo: 1, subject: 'a pot' } });
    expect(fieldValue(data, 'inputs.subject')).toBe('a pot');
    expect(withField({ text: 'a' }, 'text', 'b')).toEqual({ text: 'b' });
  });

  it('starts pinned, with the recipe defaults as its input values', () => {
    const data = newRecipeData({ workflowId: 'w1', version: 3 }, signature);
    expect(data).toEqual({ workflowId: 'w1', version: 3, inputs: { subject: 'a cup' } });
    expect(recipeRefOf({ type: 'recipe', data })).toEqual({ workflowId: 'w1', version: 3 });
    expect(recipeRefOf({ type: 'prompt', data })).toBeUndefined();
  });
});
