import type { WorkflowGroup, WorkflowInput, WorkflowNote, WorkflowOutput } from '@atelier/graph';
import type { NodeDataByType, NodeType } from '@atelier/nodes';
import type { Edge, Node } from '@xyflow/react';

/** A node's view state kept in the document (its own title, …): never part of a cache key. */
export type NodeViewState = Record<string, unknown>;
/** An editor node of one type: its `data` is what that type's schema derives (registry). */
export type NodeOf<T extends NodeType> = Node<NodeDataByType[T], T> & { view?: NodeViewState };
/**
 * A recipe used as a node (DESIGN.md §13): its ports and fields come from the pinned library
 * version's signature, not from the registry, so its data is open.
 */
export type RecipeFlowNode = Node<Record<string, unknown>, 'recipe'> & { view?: NodeViewState };
/** Any editor node: the union over the registry's node types and recipes, by `type`. */
export type FlowNode = { [T in NodeType]: NodeOf<T> }[NodeType] | RecipeFlowNode;
/** Every node type the editor holds. */
export type EditorNodeType = FlowNode['type'];
/** A node's fields: plain JSON, exactly the document's `data` (never functions). */
export type NodeData = FlowNode['data'];
export type FlowEdge = Edge;

/** What is saved and shared (DESIGN.md §3): no selection, no run state. */
export interface DocSnapshot {
  name: string;
  description?: string;
  nodes: FlowNode[];
  edges: FlowEdge[];
  inputs: WorkflowInput[];
  /** Named outputs (DESIGN.md §13); kept through editing so a recipe's signature survives a save. */
  outputs?: WorkflowOutput[];
  /** Sticky notes and groups (view only, never run): see web/src/annotations. */
  notes?: WorkflowNote[];
  groups?: WorkflowGroup[];
}
