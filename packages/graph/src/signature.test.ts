import { describe, expect, it } from 'vitest';
import { namedOutputValues } from './named-outputs';
import { parseWorkflow } from './parse';
import { workflowSignature } from './signature';
import { catalogue, image, workflowOf } from './testing/catalogue';
import { validateWorkflow } from './validate';

const recipe = workflowOf(
  [
    { id: 'p1', type: 'prompt', data: { text: 'a cat' } },
    { id: 'r1', type: 'reference' },
    { id: 'g1', type: 'generate' },
  ],
  [['p1', 'text', 'g1', 'prompt']],
  [
    { name: 'subject', node: 'p1', field: 'text', label: 'Subject' },
    { name: 'photo', node: 'r1', field: 'image' },
  ],
  [
    { name: 'hero', node: 'g1', port: 'image' },
    { name: 'caption', node: 'p1', port: 'text', label: 'Caption' },
  ],
);

describe('named outputs', () => {
  it('a document without outputs still parses, unchanged', () => {
    const { outputs: _, ...old } = recipe;
    const parsed = parseWorkflow(old);
    expect(parsed.ok && parsed.workflow.outputs).toBeUndefined();
  });

  it('validates: the node exists, the port is one of its outputs, names are unique', () => {
    expect(validateWorkflow(recipe, catalogue).ok).toBe(true);
    const bad = {
      ...recipe,
      outputs: [
        { name: 'hero', node: 'ghost', port: 'image' },
        { name: 'hero', node: 'g1', port: 'prompt' },
      ],
    };
    const result = validateWorkflow(bad, catalogue);
    expect(result.ok ? [] : result.issues.map((i) => [i.path, i.code])).toEqual([
      ['outputs[0].node', 'unknown_output'],
      ['outputs[1].name', 'duplicate_output'],
      ['outputs[1].port', 'unknown_output'],
    ]);
    expect(result.ok ? '' : result.issues[2]!.message).toContain('expected one of "image"');
  });

  it('refuses a reserved or malformed output name at parse', () => {
    const parsed = parseWorkflow({
      ...recipe,
      outputs: [{ name: '__proto__', node: 'g1', port: 'image' }],
    });
    expect(parsed.ok ? [] : parsed.issues.map((i) => i.path)).toEqual(['outputs[0].name']);
  });

  it('ports supplied by portsOf count as the node’s outputs', () => {
    const doc = { ...recipe, outputs: [{ name: 'x', node: 'g1', port: 'extra' }] };
    expect(validateWorkflow(doc, catalogue).ok).toBe(false);
    const g1 = catalogue.get('generate')!;
    const portsOf = (node: { id: string }) =>
      node.id === 'g1'
        ? { inputs: g1.inputs, outputs: [{ name: 'extra', kind: 'mask' as const, label: 'X' }] }
        : undefined;
    expect(validateWorkflow(doc, catalogue, { portsOf }).ok).toBe(true);
    expect(workflowSignature(doc, catalogue, { portsOf }).outputs).toEqual([
      { name: 'x', kind: 'mask', label: 'X' },
    ]);
  });

  it('picks the values of a run by name, leaving out what did not run', () => {
    const picture = image();
    expect(
      namedOutputValues(recipe, {
        g1: { outputs: { image: picture } },
        p1: {},
      }),
    ).toEqual({ hero: picture });
  });
});

describe('workflowSignature', () => {
  it('gives inputs with kinds and defaults, outputs with the kinds of their ports', () => {
    expect(workflowSignature(recipe, catalogue)).toEqual({
      inputs: [
        { name: 'subject', kind: 'text', label: 'Subject', default: 'a cat' },
        { name: 'photo', kind: 'image', label: 'Image' },
      ],
      outputs: [
        { name: 'hero', kind: 'image', label: 'Image' },
        { name: 'caption', kind: 'text', label: 'Caption' },
      ],
    });
  });
});
