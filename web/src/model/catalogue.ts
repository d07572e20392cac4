import type { FieldSpec, PortKind, PortSpec } from '@atelier/graph';
import type { NodeDefinition, NodeType } from '@atelier/nodes';
import { NODE_CATEGORIES, nodeDefinitions, registry } from '@atelier/nodes';

/** A registry definition whose type is one of the registry's names. */
export type EditorDefinition = NodeDefinition & { type: NodeType };

/** The node definitions the editor offers, in palette order. */
export const definitions: readonly EditorDefinition[] = nodeDefinitions;
/** The types a person adds by name (palette, node search); the definition decides (`palette`). */
export const paletteDefinitions: readonly EditorDefinition[] = definitions.filter(
  (d) => d.palette !== false,
);
export const nodeTypeNames: readonly NodeType[] = definitions.map((d) => d.type);

export const definitionOf = (type: string | undefined): NodeDefinition | undefined =>
  type === undefined ? undefined : registry.get(type);

/** Fresh data for a new node: each field's default (lists copied so nodes never share). */
export const defaultData = (type: string): Record<string, unknown> => {
  const def = definitionOf(type);
  if (!def) return {};
  return Object.fromEntries(def.fields.map((f) => [f.name, cloneDefault(f)]));
};

const cloneDefault = (field: FieldSpec): unknown =>
  Array.isArray(field.default) ? [...field.default] : field.default;

export const inputPort = (
  type: string | undefined,
  name: string | null | undefined,
): PortSpec | undefined => definitionOf(type)?.inputs.find((p) => p.name === name);

export const outputPort = (
  type: string | undefined,
  name: string | null | undefined,
): PortSpec | undefined => definitionOf(type)?.outputs.find((p) => p.name === name);

/** Port kind colours; the legend and the edges use the same CSS variables. */
export const PORT_KIND_LABEL: Record<PortKind, string> = {
  text: 'Text',
  image: 'Image',
  mask: 'Mask',
  sources: 'Sources',
};
export const portColor = (kind: PortKind): string => `var(--port-${kind})`;

/** The palette group of a node type: its label and the colour that marks its cards. */
export const categoryOf = (def: NodeDefinition) => NODE_CATEGORIES[def.category];

type MediaField = Extract<FieldSpec, { kind: 'image' | 'mask' }>;
const isMedia = (f: FieldSpec): f is MediaField => f.kind === 'image' || f.kind === 'mask';

/** The field an image dropped or pasted onto a node of this type goes into, if any. */
export const mediaFieldOf = (type: string | undefined): MediaField | undefined =>
  definitionOf(type)?.fields.find(isMedia);

/**
 * The node type a loose image becomes (dropped or pasted on the canvas, an output dragged out):
 * the first input node holding an image field, with that field.
 */
export const imageHolder = (() => {
  for (const def of definitions) {
    const field = def.role === 'input' ? def.fields.find((f) => f.kind === 'image') : undefined;
    if (field) return { type: def.type, field: field.name };
  }
  return undefined;
})();

/**
 * What an input node gives on an output port before any run: the field of that port's kind
 * (a reference's image, a prompt's text). Undefined for nodes that make their outputs.
 */
export const inputNodeValue = (
  node: { type?: string; data: Record<string, unknown> },
  port: string | null | undefined,
): unknown => {
  const def = definitionOf(node.type);
  if (def?.role !== 'input') return undefined;
  const kind = def.outputs.find((p) => p.name === port)?.kind;
  const field = def.fields.find((f) => f.kind === kind);
  return field ? node.data[field.name] : undefined;
};

/**
 * The input node that can stand for a value of `kind` (a prompt for text, a reference for an
 * image): an input node with an exposable field and an output of that kind.
 */
export const standInFor = (
  kind: PortKind,
): { type: string; field: string; port: string } | undefined => {
  for (const def of definitions) {
    if (def.role !== 'input') continue;
    const field = def.fields.find((f) => f.kind === kind && f.exposable);
    const port = def.outputs.find((p) => p.kind === kind);
    if (field && port && def.inputs.length === 0)
      return { type: def.type, field: field.name, port: port.name };
  }
  return undefined;
};
