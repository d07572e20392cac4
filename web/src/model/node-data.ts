import { isNodeType } from '@atelier/nodes';
import type { XYPosition } from '@xyflow/react';
import type { EditorNodeType, FlowNode, NodeViewState } from './types';

/** A node as a document or a field edit describes it, before the editor knows its type. */
export interface LooseNode {
  id: string;
  type: EditorNodeType;
  position: XYPosition;
  data: Record<string, unknown>;
  view?: NodeViewState;
  selected?: boolean;
}

/**
 * The one place a node's `data` becomes its type's derived shape: documents reach the editor
 * through `parseWorkflow` (its schema filled the defaults) and field edits come from the
 * type's own field specs, so a node's data is its type's data by construction.
 */
export const typedNode = (node: LooseNode): FlowNode => node as FlowNode;

/** One field of a node by its key (field specs name their keys as strings). */
export const fieldOf = (node: FlowNode, key: string): unknown =>
  (node.data as Record<string, unknown>)[key];

/** A copy of the node with some fields changed. */
export const withFields = (node: FlowNode, fields: Record<string, unknown>): FlowNode =>
  typedNode({ ...node, data: { ...node.data, ...fields } });

/** A document's type name as the editor's: parseWorkflow refused unknown types already. */
export const knownType = (type: string): EditorNodeType => {
  if (type === 'recipe' || isNodeType(type)) return type;
  throw new Error(`Unknown node type "${type}"`);
};

/** The node as the document holds it: no selection, measured size or drag state. */
export const documentNode = (n: FlowNode): FlowNode =>
  typedNode({
    id: n.id,
    type: n.type,
    position: n.position,
    data: n.data,
    ...(n.view && { view: n.view }),
  });
