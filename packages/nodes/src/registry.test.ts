import { describe, expect, it } from 'vitest';
import { NODE_CATEGORIES } from './categories';
import type { NodeDefinition } from './definition';
import { DEFAULT_MODELS, STATIC_CATALOGUE } from './models';
import { promptNode } from './prompt';
import type { NodeDataByType } from './registry';
import { createRegistry, nodeDefinitions, registry } from './registry';
import { webSearchNode } from './web-search';

/** The node types DESIGN.md §4 names; more may be registered beside them. */
const CONTRACT_TYPES = ['prompt', 'reference', 'mask', 'web_search', 'generate', 'edit'];
const contractDefinitions = nodeDefinitions.filter((d) => CONTRACT_TYPES.includes(d.type));
/** Types whose ports and fields are their own (not a recipe's, resolved by the host). */
const staticDefinitions = (nodeDefinitions as readonly NodeDefinition[]).filter(
  (d) => !d.dynamicPorts,
);

describe('registry', () => {
  it('holds the six node types of DESIGN.md §4, in palette order', () => {
    expect([...registry.keys()].filter((t) => CONTRACT_TYPES.includes(t))).toEqual(CONTRACT_TYPES);
  });

  it('derives its list from the definitions, one entry each', () => {
    expect([...registry.keys()]).toEqual(nodeDefinitions.map((d) => d.type));
  });

  it('rejects two definitions of one type', () => {
    expect(() => createRegistry([promptNode, promptNode] as NodeDefinition[])).toThrow(
      'Node type "prompt" is defined twice',
    );
  });

  it('marks exactly the contract nodes that call the API', () => {
    expect(contractDefinitions.filter((d) => d.callsApi).map((d) => d.type)).toEqual([
      'web_search',
      'generate',
      'edit',
    ]);
  });

  it.each(staticDefinitions.map((d) => [d.type, d] as const))(
    'gives %s field defaults equal to what its data schema fills in',
    (_type, definition) => {
      const defaults = Object.fromEntries(definition.fields.map((f) => [f.name, f.default]));
      expect(definition.data.parse({})).toEqual(defaults);
    },
  );

  it.each(staticDefinitions.map((d) => [d.type, d] as const))(
    'gives %s ports with unique names',
    (_type, definition) => {
      const names = [...definition.inputs, ...definition.outputs].map((p) => `${p.name}`);
      expect(new Set(definition.inputs.map((p) => p.name)).size).toBe(definition.inputs.length);
      expect(new Set(definition.outputs.map((p) => p.name)).size).toBe(definition.outputs.length);
      expect(names.length).toBeGreaterThan(0);
    },
  );

  it('exposes port shapes exactly as the contract says', () => {
    const ports = Object.fromEntries(
      contractDefinitions.map((d) => [
        d.type,
        {
          in: d.inputs.map(
            (p) => `${p.name}:${p.kind}${p.multiple ? '*' : ''}${p.optional ? '?' : ''}`,
          ),
          out: d.outputs.map((p) => `${p.name}:${p.kind}`),
        },
      ]),
    );
    expect(ports).toEqual({
      prompt: { in: [], out: ['text:text'] },
      reference: { in: [], out: ['image:image'] },
      mask: { in: ['image:image'], out: ['mask:mask'] },
      web_search: { in: ['query:text?'], out: ['text:text', 'sources:sources'] },
      generate: {
        in: ['prompt:text', 'context:text*?', 'references:image*?'],
        out: ['image:image', 'revised_prompt:text'],
      },
      edit: {
        in: ['image:image', 'instruction:text', 'mask:mask?', 'references:image*?'],
        out: ['image:image', 'revised_prompt:text'],
      },
    });
  });

  it.each(nodeDefinitions.map((d) => [d.type, d] as const))(
    'gives %s a known category, a card width and required fields only of image kinds',
    (_type, definition) => {
      expect(Object.keys(NODE_CATEGORIES)).toContain(definition.category);
      expect(definition.view.width).toBeGreaterThanOrEqual(200);
      for (const field of definition.fields.filter((f) => f.required))
        expect(['image', 'mask']).toContain(field.kind);
    },
  );

  it('says which contract nodes only pass on what they were given', () => {
    expect(contractDefinitions.filter((d) => d.role === 'input').map((d) => d.type)).toEqual([
      'prompt',
      'reference',
      'mask',
    ]);
  });

  it('defaults to live models: a mainline model that calls the image tool and a gpt-image-2.6', () => {
    const now = Date.parse('2026-12-01T12:00:00Z');
    const model = STATIC_CATALOGUE.info(DEFAULT_MODELS.model, now);
    const image = STATIC_CATALOGUE.info(DEFAULT_MODELS.imageModel, now);
    expect([model.status, model.imageTool, image.status]).toEqual(['active', true, 'active']);
    expect(DEFAULT_MODELS.imageModel).toMatch(/^gpt-image-2\.6-/);
  });
});

describe('NodeDataByType', () => {
  it('types each node data from its schema', () => {
    const data: NodeDataByType['web_search'] = webSearchNode.data.parse({});
    expect(data.max_age).toBe(3600);
  });
});
