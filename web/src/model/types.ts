import type { WorkflowInput, WorkflowOutput } from '@atelier/graph';
import type { Edge, Node } from '@xyflow/react';

/** A node's fields: plain JSON, exactly the document's `data` (never functions). */
export type NodeData = Record<string, unknown>;
/** A node's view state kept in the document (its own title, …): never part of a cache key. */
export type NodeViewState = Record<string, unknown>;
export type FlowNode = Node<NodeData, string> & { view?: NodeViewState };
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
}
