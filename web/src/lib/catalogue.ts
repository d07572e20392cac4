import type { FieldSpec, PortKind, PortSpec } from '@atelier/graph';
import type { NodeDefinition } from '@atelier/nodes';
import { nodeDefinitions, registry } from '@atelier/nodes';

/** The node definitions the editor offers, in palette order. */
export const definitions: readonly NodeDefinition[] = nodeDefinitions as readonly NodeDefinition[];
export const nodeTypeNames: readonly string[] = definitions.map((d) => d.type);

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
