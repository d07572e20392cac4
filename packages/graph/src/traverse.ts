import type { Workflow, WorkflowEdge } from './document';

type Graph = Pick<Workflow, 'nodes' | 'edges'>;

/** Edges into `nodeId` (optionally into one port), in document order: port value order. */
export const incomingEdges = (workflow: Graph, nodeId: string, port?: string): WorkflowEdge[] =>
  workflow.edges.filter(
    (edge) => edge.target === nodeId && (port === undefined || edge.targetHandle === port),
  );

/** Edges out of `nodeId` (optionally out of one port), in document order. */
export const outgoingEdges = (workflow: Graph, nodeId: string, port?: string): WorkflowEdge[] =>
  workflow.edges.filter(
    (edge) => edge.source === nodeId && (port === undefined || edge.sourceHandle === port),
  );

const reachable = (start: string, next: (id: string) => string[]): Set<string> => {
  const seen = new Set<string>();
  const stack = next(start);
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...next(id));
  }
  seen.delete(start);
  return seen;
};

/** Every node `nodeId` depends on, directly or not (not itself). */
export const ancestorsOf = (workflow: Graph, nodeId: string): Set<string> =>
  reachable(nodeId, (id) => incomingEdges(workflow, id).map((edge) => edge.source));

/** Every node that depends on `nodeId`, directly or not (not itself). */
export const descendantsOf = (workflow: Graph, nodeId: string): Set<string> =>
  reachable(nodeId, (id) => outgoingEdges(workflow, id).map((edge) => edge.target));

/**
 * Strongly connected components that form cycles (Tarjan), each listed in document order;
 * a node with an edge to itself is a cycle of one. Edges to unknown nodes are ignored.
 */
export const findCycles = (workflow: Graph): string[][] => {
  const ids = workflow.nodes.map((node) => node.id);
  const known = new Set(ids);
  const successors = new Map<string, string[]>(ids.map((id) => [id, []]));
  const selfLoops = new Set<string>();
  for (const edge of workflow.edges) {
    if (!known.has(edge.source) || !known.has(edge.target)) continue;
    successors.get(edge.source)!.push(edge.target);
    if (edge.source === edge.target) selfLoops.add(edge.source);
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  let counter = 0;
  // Iterative Tarjan: a deep chain must not overflow the call stack.
  for (const root of ids) {
    if (index.has(root)) continue;
    const work: { id: string; next: number }[] = [{ id: root, next: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const next = successors.get(frame.id)![frame.next++];
      if (next !== undefined) {
        if (!index.has(next)) {
          index.set(next, counter);
          low.set(next, counter++);
          stack.push(next);
          onStack.add(next);
          work.push({ id: next, next: 0 });
        } else if (onStack.has(next)) {
          low.set(frame.id, Math.min(low.get(frame.id)!, index.get(next)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.id, Math.min(low.get(parent.id)!, low.get(frame.id)!));
      if (low.get(frame.id) !== index.get(frame.id)) continue;
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== frame.id);
      if (component.length > 1 || selfLoops.has(frame.id)) cycles.push(component);
    }
  }
  const order = new Map(ids.map((id, i) => [id, i]));
  return cycles
    .map((cycle) => cycle.sort((a, b) => order.get(a)! - order.get(b)!))
    .sort((a, b) => order.get(a[0]!)! - order.get(b[0]!)!);
};

/**
 * Node ids so that every node comes after the nodes it depends on; ties keep document
 * order (stable, so runs are reproducible). Throws on a cycle: validate first.
 */
export const topologicalOrder = (workflow: Graph): string[] => {
  const ids = workflow.nodes.map((node) => node.id);
  const known = new Set(ids);
  const indegree = new Map(ids.map((id) => [id, 0]));
  for (const edge of workflow.edges)
    if (known.has(edge.source) && known.has(edge.target))
      indegree.set(edge.target, indegree.get(edge.target)! + 1);
  const order: string[] = [];
  const done = new Set<string>();
  // Repeatedly take the first ready node in document order: O(n²) but n is small (< 1000).
  while (order.length < ids.length) {
    const ready = ids.find((id) => !done.has(id) && indegree.get(id) === 0);
    if (ready === undefined) {
      const cycle = findCycles(workflow)[0] ?? [];
      throw new Error(`The workflow has a cycle through ${cycle.join(' → ')}`);
    }
    done.add(ready);
    order.push(ready);
    for (const edge of outgoingEdges(workflow, ready))
      if (known.has(edge.target)) indegree.set(edge.target, indegree.get(edge.target)! - 1);
  }
  return order;
};
