import { z } from 'zod';
import type { Workflow } from '../document';
import type { BlobId, ImageValue, MaskValue } from '../ports';
import type { NodeCatalogue, NodeSpec } from '../spec';
import { imageValueSchema, maskValueSchema } from '../values';

/** A small catalogue shaped like @atelier/nodes (graph may not import it). */
const specs: NodeSpec[] = [
  {
    type: 'prompt',
    version: 1,
    title: 'Prompt',
    category: 'input',
    description: '',
    inputs: [],
    outputs: [{ name: 'text', kind: 'text', label: 'Text' }],
    fields: [{ name: 'text', kind: 'text', label: 'Text', default: '', exposable: true }],
    data: z.object({ text: z.string().max(100).default('') }),
  },
  {
    type: 'reference',
    version: 1,
    title: 'Reference',
    category: 'input',
    description: '',
    inputs: [],
    outputs: [{ name: 'image', kind: 'image', label: 'Image' }],
    fields: [{ name: 'image', kind: 'image', label: 'Image', default: null, exposable: true }],
    data: z.object({ image: imageValueSchema.nullable().default(null) }),
  },
  {
    type: 'mask',
    version: 1,
    title: 'Mask',
    category: 'input',
    description: '',
    inputs: [{ name: 'image', kind: 'image', label: 'Image' }],
    outputs: [{ name: 'mask', kind: 'mask', label: 'Mask' }],
    fields: [{ name: 'mask', kind: 'mask', label: 'Mask', default: null, exposable: true }],
    data: z.object({ mask: maskValueSchema.nullable().default(null) }),
  },
  {
    type: 'generate',
    version: 1,
    title: 'Generate',
    category: 'image',
    description: '',
    inputs: [
      { name: 'prompt', kind: 'text', label: 'Prompt' },
      { name: 'context', kind: 'text', label: 'Context', multiple: true, optional: true },
      { name: 'references', kind: 'image', label: 'Refs', multiple: true, optional: true, max: 16 },
    ],
    outputs: [
      { name: 'image', kind: 'image', label: 'Image' },
      { name: 'revised_prompt', kind: 'text', label: 'Revised' },
    ],
    fields: [
      {
        name: 'size',
        kind: 'select',
        label: 'Size',
        default: 'auto',
        options: [
          { value: 'auto', label: 'Auto' },
          { value: '1024x1024', label: 'Square' },
        ],
      },
      { name: 'variant', kind: 'number', label: 'Variant', default: 0, min: 0, max: 9 },
    ],
    data: z.object({
      size: z.enum(['auto', '1024x1024']).default('auto'),
      variant: z.number().int().min(0).max(9).default(0),
    }),
  },
  {
    type: 'edit',
    version: 1,
    title: 'Edit',
    category: 'image',
    description: '',
    inputs: [
      { name: 'image', kind: 'image', label: 'Image' },
      { name: 'instruction', kind: 'text', label: 'Instruction' },
      { name: 'mask', kind: 'mask', label: 'Mask', optional: true },
      { name: 'references', kind: 'image', label: 'Refs', multiple: true, optional: true, max: 16 },
    ],
    outputs: [{ name: 'image', kind: 'image', label: 'Image' }],
    fields: [],
    data: z.object({}),
  },
];

export const catalogue: NodeCatalogue = new Map(specs.map((spec) => [spec.type, spec]));

export const BLOB = 'a'.repeat(64) as BlobId;
export const image = (width = 64, height = 64): ImageValue & MaskValue => ({
  blob: BLOB,
  mime: 'image/png',
  width,
  height,
});

type NodeInit = { id: string; type: string; data?: Record<string, unknown> };
type EdgeInit = [source: string, sourceHandle: string, target: string, targetHandle: string];

/** A parsed-shape workflow from terse nodes and `[source, out, target, in]` edges. */
export const workflowOf = (
  nodes: NodeInit[],
  edges: EdgeInit[] = [],
  inputs: Workflow['inputs'] = [],
  outputs?: Workflow['outputs'],
): Workflow => ({
  format: 'atelier.workflow',
  version: 1,
  name: 'Test',
  nodes: nodes.map((n) => ({ position: { x: 0, y: 0 }, data: {}, ...n })),
  edges: edges.map(([source, sourceHandle, target, targetHandle], i) => ({
    id: `e${i + 1}`,
    source,
    sourceHandle,
    target,
    targetHandle,
  })),
  inputs,
  ...(outputs ? { outputs } : {}),
});
