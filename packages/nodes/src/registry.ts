import type { z } from 'zod';
import type { NodeDefinition, NodeRegistry } from './definition';
import { editNode } from './edit';
import { generateNode } from './generate';
import { maskNode } from './mask';
import { promptNode } from './prompt';
import { recipeNode } from './recipe';
import { referenceNode } from './reference';
import { textJoinNode } from './text-join';
import { webSearchNode } from './web-search';

/** Every node type, in the order the editor's palette shows them. */
export const nodeDefinitions = [
  promptNode,
  referenceNode,
  maskNode,
  textJoinNode,
  webSearchNode,
  generateNode,
  editNode,
  recipeNode,
] as const;

/** The union of node type names, derived from the list above. */
export type NodeType = (typeof nodeDefinitions)[number]['type'];

/** Each node type's normalised `data` (after its schema filled the defaults). */
export type NodeDataByType = {
  [D in (typeof nodeDefinitions)[number] as D['type']]: z.output<D['data']>;
};

/** Builds a registry, refusing two definitions of one type. */
export const createRegistry = (definitions: readonly NodeDefinition[]): NodeRegistry => {
  const map = new Map<string, NodeDefinition>();
  for (const definition of definitions) {
    if (map.has(definition.type))
      throw new Error(`Node type "${definition.type}" is defined twice`);
    map.set(definition.type, definition);
  }
  return map;
};

/** Map from type to definition; also a NodeCatalogue for @atelier/graph validation. */
export const registry: NodeRegistry = createRegistry(nodeDefinitions as readonly NodeDefinition[]);

export const isNodeType = (type: string): type is NodeType => registry.has(type);
