import { findCycles } from '@atelier/graph';
import type { Workflow, WorkflowEdge } from '@atelier/graph';

/**
 * Node ids with every node after the nodes it depends on; among nodes that are ready
 * together, document order (like @atelier/graph's topologicalOrder, but O(nodes + edges):
 * planning runs before every run, and graphs may have a thousand nodes). Throws on a cycle.
 */
export const dependencyOrder = (
  workflow: Workflow,
  incoming: Map<string, WorkflowEdge[]>,
): string[] => {
  const position = new Map(workflow.nodes.map((node, i) => [node.id, i]));
  const waiting = new Map<string, number>();
  const outgoing = new Map<string, string[]>();
  for (const node of workflow.nodes) {
    const sources = new Set((incoming.get(node.id) ?? []).map((edge) => edge.source));
    waiting.set(node.id, sources.size);
    for (const source of sources) {
      const list = outgoing.get(source);
      if (list) list.push(node.id);
      else outgoing.set(source, [node.id]);
    }
  }
  // Ready nodes wait in a min-heap by document position.
  const heap: number[] = [];
  const push = (i: number) => {
    heap.push(i);
    for (let c = heap.length - 1; c > 0;) {
      const p = (c - 1) >> 1;
      if (heap[p]! <= heap[c]!) break;
      [heap[p], heap[c]] = [heap[c]!, heap[p]!];
      c = p;
    }
  };
  const pop = (): number => {
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      for (let p = 0; ;) {
        const l = 2 * p + 1;
        const r = l + 1;
        let m = p;
        if (l < heap.length && heap[l]! < heap[m]!) m = l;
        if (r < heap.length && heap[r]! < heap[m]!) m = r;
        if (m === p) break;
        [heap[p], heap[m]] = [heap[m]!, heap[p]!];
        p = m;
      }
    }
    return top;
  };
  workflow.nodes.forEach((node, i) => waiting.get(node.id) === 0 && push(i));
  const order: string[] = [];
  while (heap.length > 0) {
    const id = workflow.nodes[pop()]!.id;
    order.push(id);
    for (const next of outgoing.get(id) ?? []) {
      const left = waiting.get(next)! - 1;
      waiting.set(next, left);
      if (left === 0) push(position.get(next)!);
    }
  }
  if (order.length < workflow.nodes.length) {
    const cycle = findCycles(workflow)[0] ?? [];
    throw new Error(`The workflow has a cycle through ${cycle.join(' → ')}`);
  }
  return order;
};

/** `target` and every node it depends on, directly or not. */
export const ancestorsAndSelf = (
  target: string,
  incoming: Map<string, WorkflowEdge[]>,
): Set<string> => {
  const seen = new Set([target]);
  const stack = [target];
  while (stack.length > 0)
    for (const edge of incoming.get(stack.pop()!) ?? [])
      if (!seen.has(edge.source)) {
        seen.add(edge.source);
        stack.push(edge.source);
      }
  return seen;
};
