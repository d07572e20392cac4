import { describe, expect, it } from 'vitest';
import { nodeDefinitions } from '@atelier/nodes';
import type { NodeDefinition } from '@atelier/nodes';
import { compatibleTypes, wireEnds } from './compatible-types';

const defs = nodeDefinitions as readonly NodeDefinition[];
const typesFor = (side: 'source' | 'target', kind: 'text' | 'image' | 'mask' | 'sources') =>
  compatibleTypes(defs, { nodeId: 'n', handle: 'h', side, kind }).map((d) => d.type);
const byType = (type: string) => defs.find((d) => d.type === type)!;

describe('compatibleTypes', () => {
  it('offers, for an image output, exactly the types with an image input', () => {
    const expected = defs
      .filter((d) => d.inputs.some((p) => p.kind === 'image'))
      .map((d) => d.type);
    expect(typesFor('source', 'image')).toEqual(expected);
    expect(typesFor('source', 'image')).toContain('edit');
    expect(typesFor('source', 'image')).not.toContain('prompt');
  });

  it('offers, for a mask input dragged backwards, the types with a mask output', () => {
    expect(typesFor('target', 'mask')).toEqual(
      defs.filter((d) => d.outputs.some((p) => p.kind === 'mask')).map((d) => d.type),
    );
    expect(typesFor('target', 'mask')).toContain('mask');
  });

  it('offers nothing that takes sources when no type has a sources input', () => {
    expect(typesFor('source', 'sources')).toEqual(
      defs.filter((d) => d.inputs.some((p) => p.kind === 'sources')).map((d) => d.type),
    );
  });
});

describe('wireEnds', () => {
  it("wires an image output into an edit's required image input, not its references", () => {
    const wire = { nodeId: 'r1', handle: 'image', side: 'source' as const, kind: 'image' as const };
    expect(wireEnds(byType('edit'), wire, 'e1')).toEqual({
      source: 'r1',
      sourceHandle: 'image',
      target: 'e1',
      targetHandle: 'image',
    });
  });

  it("wires a new node's output into the input the wire was dragged from", () => {
    const wire = { nodeId: 'g1', handle: 'prompt', side: 'target' as const, kind: 'text' as const };
    expect(wireEnds(byType('prompt'), wire, 'p1')).toEqual({
      source: 'p1',
      sourceHandle: 'text',
      target: 'g1',
      targetHandle: 'prompt',
    });
  });
});
