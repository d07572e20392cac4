import type { Workflow, WorkflowEdge } from './document';

type Graph = Pick<Workflow, 'nodes' | 'edges'>;

/** What a walk along edges needs: the editor's edges (handles may be null) fit too. */
interface Links {
  readonly edges: readonly { readonly source: string; readonly target: string }[];
}

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

/** Neighbour lists built once, so a walk is linear in the size of the graph. */
const adjacency = (workflow: Links, direction: 'up' | 'down'): Map<string, string[]> => {
  const map = new Map<string, string[]>();
  for (const edge of workflow.edges) {
    const [from, to] = direction === 'up' ? [edge.target, edge.source] : [edge.source, edge.target];
    const list = map.get(from);
    if (list) list.push(to);
    else map.set(from, [to]);
  }
  return map;
};

const reachable = (start: string, next: Map<string, string[]>): Set<string> => {
  const seen = new Set<string>();
  const stack = [...(next.get(start) ?? [])];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(next.get(id) ?? []));
  }
  seen.delete(start);
  return seen;
};

/** Every node `nodeId` depends on, directly or not (not itself). */
export const ancestorsOf = (workflow: Links, nodeId: string): Set<string> =>
  reachable(nodeId, adjacency(workflow, 'up'));

/** Every node that depends on `nodeId`, directly or not (not itself). */
export const descendantsOf = (workflow: Links, nodeId: string): Set<string> =>
  reachable(nodeId, adjacency(workflow, 'down'));

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
  const position = new Map(ids.map((id, i) => [id, i]));
  const indegree = new Map(ids.map((id) => [id, 0]));
  const down = new Map<string, string[]>();
  for (const edge of workflow.edges) {
    if (!position.has(edge.source) || !position.has(edge.target)) continue;
    indegree.set(edge.target, indegree.get(edge.target)! + 1);
    const list = down.get(edge.source);
    if (list) list.push(edge.target);
    else down.set(edge.source, [edge.target]);
  }
  // Ready nodes by document position: a small binary min-heap keeps ties stable.
  const heap: number[] = [];
  const push = (i: number): void => {
    heap.push(i);
    for (let at = heap.length - 1; at > 0;) {
      const parent = (at - 1) >> 1;
      if (heap[parent]! <= heap[at]!) break;
      [heap[parent], heap[at]] = [heap[at]!, heap[parent]!];
      at = parent;
    }
  };
  const pop = (): number => {
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      for (let at = 0; ;) {
        const left = 2 * at + 1;
        const right = left + 1;
        let least = at;
        if (left < heap.length && heap[left]! < heap[least]!) least = left;
        if (right < heap.length && heap[right]! < heap[least]!) least = right;
        if (least === at) break;
        [heap[least], heap[at]] = [heap[at]!, heap[least]!];
        at = least;
      }
    }
    return top;
  };
  ids.forEach((id, i) => indegree.get(id) === 0 && push(i));
  const order: string[] = [];
  while (heap.length > 0) {
    const id = ids[pop()]!;
    order.push(id);
    for (const next of down.get(id) ?? []) {
      const left = indegree.get(next)! - 1;
      indegree.set(next, left);
      if (left === 0) push(position.get(next)!);
    }
  }
  if (order.length < new Set(ids).size) {
    const cycle = findCycles(workflow)[0] ?? [];
    throw new Error(`The workflow has a cycle through ${cycle.join(' → ')}`);
  }
  return order;
};
