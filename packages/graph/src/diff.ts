import type {
  Workflow,
  WorkflowEdge,
  WorkflowGroup,
  WorkflowNote,
  WorkflowInput,
  WorkflowNode,
  WorkflowOutput,
} from './document';
import type { NodeCatalogue } from './spec';

/** One value that differs: `field` is a path like `data.size`, `view.title` or `type`. */
export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

/** A node present on both sides whose type, data or view differ (position aside). */
export interface NodeChange {
  id: string;
  type: string;
  /** Its title (`view.title`) on the newer side, when it has one. */
  title?: string;
  changes: FieldChange[];
}

/** A node present on both sides at another position (whatever else changed). */
export interface NodeMove {
  id: string;
  from: { x: number; y: number };
  to: { x: number; y: number };
}

/** A named input or output present on both sides (same name) that points elsewhere. */
export interface NamedChange {
  name: string;
  changes: FieldChange[];
}

export interface NamedDiff<T> {
  added: T[];
  removed: T[];
  changed: NamedChange[];
}

/**
 * What turns document `from` into document `to`. Nodes match by id, edges by what they join
 * (source, handle → target, handle: an edge re-created under a new id is the same wire), named
 * inputs and outputs by name. Moves are reported apart from changes: dragging a card changes no
 * result, so `same` ignores them while `identical` does not.
 */
export interface WorkflowDiff {
  name?: { from: string; to: string };
  description?: { from: string | undefined; to: string | undefined };
  nodes: {
    added: WorkflowNode[];
    removed: WorkflowNode[];
    changed: NodeChange[];
    moved: NodeMove[];
  };
  edges: { added: WorkflowEdge[]; removed: WorkflowEdge[] };
  inputs: NamedDiff<WorkflowInput>;
  outputs: NamedDiff<WorkflowOutput>;
  /** Present only when notes or groups differ (moves and resizes included). */
  annotations?: AnnotationDiff;
  /** No difference that matters to a run or a reader: only moves (or nothing) differ. */
  same: boolean;
  /** No difference at all, moves included. */
  identical: boolean;
}

/** A note or group present on both sides whose text/title/colour or place/size differ. */
export interface AnnotationChange {
  kind: 'note' | 'group';
  id: string;
  /** `text`, `title`, `color`, `position` or `size`. */
  changes: FieldChange[];
}

/**
 * Notes and groups (view only). `changed` holds edits a reader sees (text, title, colour);
 * `moved` holds place and size changes, which, like node moves, leave `same` true.
 */
export interface AnnotationDiff {
  added: (({ kind: 'note' } & WorkflowNote) | ({ kind: 'group' } & WorkflowGroup))[];
  removed: (({ kind: 'note' } & WorkflowNote) | ({ kind: 'group' } & WorkflowGroup))[];
  changed: AnnotationChange[];
  moved: AnnotationChange[];
}

export interface DiffOptions {
  /**
   * The node catalogue: a data field missing on one side then compares as its default, so a
   * document saved before someone touched a field does not show `undefined → "auto"`.
   */
  catalogue?: NodeCatalogue;
}

/** Deep equality of JSON values; object key order does not matter. */
export const jsonEqual = (a: unknown, b: unknown): boolean => {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((item, i) => jsonEqual(item, other[i]));
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
  for (const key of keys) if (!jsonEqual(left[key], right[key])) return false;
  return true;
};

/** The defaults of a node type's data, once per type (undefined: unknown type or no schema). */
const defaultsFor = (catalogue: NodeCatalogue | undefined) => {
  const memo = new Map<string, Record<string, unknown>>();
  return (type: string): Record<string, unknown> => {
    let found = memo.get(type);
    if (!found) {
      const parsed = catalogue?.get(type)?.data.safeParse({});
      found = parsed?.success ? (parsed.data as Record<string, unknown>) : {};
      memo.set(type, found);
    }
    return found;
  };
};

/** Field-by-field changes of two records, keys sorted, reported as `<prefix>.<key>`. */
const recordChanges = (
  prefix: string,
  from: Record<string, unknown>,
  to: Record<string, unknown>,
  fallback: Record<string, unknown> = {},
): FieldChange[] => {
  const keys = [...new Set([...Object.keys(from), ...Object.keys(to)])].sort();
  const changes: FieldChange[] = [];
  for (const key of keys) {
    const a = key in from ? from[key] : fallback[key];
    const b = key in to ? to[key] : fallback[key];
    if (!jsonEqual(a, b)) changes.push({ field: `${prefix}.${key}`, from: a, to: b });
  }
  return changes;
};

const nodeChanges = (
  a: WorkflowNode,
  b: WorkflowNode,
  defaults: (type: string) => Record<string, unknown>,
): FieldChange[] => {
  const changes: FieldChange[] = [];
  if (a.type !== b.type) changes.push({ field: 'type', from: a.type, to: b.type });
  // Defaults only fill in when both sides are one type: another type's defaults mean nothing.
  const fallback = a.type === b.type ? defaults(a.type) : {};
  changes.push(...recordChanges('data', a.data, b.data, fallback));
  changes.push(...recordChanges('view', a.view ?? {}, b.view ?? {}));
  return changes;
};

const titleOf = (node: WorkflowNode): string | undefined => {
  const title = node.view?.title;
  return typeof title === 'string' && title.trim() ? title.trim() : undefined;
};

const edgeKey = (e: WorkflowEdge) =>
  JSON.stringify([e.source, e.sourceHandle, e.target, e.targetHandle]);

/** Items matched by a key: what only `to` has, what only `from` has, and the pairs. */
const match = <T>(from: readonly T[], to: readonly T[], key: (item: T) => string) => {
  const before = new Map(from.map((item) => [key(item), item]));
  const after = new Map(to.map((item) => [key(item), item]));
  return {
    added: to.filter((item) => !before.has(key(item))),
    removed: from.filter((item) => !after.has(key(item))),
    pairs: to.flatMap((item) => {
      const old = before.get(key(item));
      return old === undefined ? [] : [[old, item] as const];
    }),
  };
};

const namedDiff = <T extends { name: string }>(
  from: readonly T[],
  to: readonly T[],
): NamedDiff<T> => {
  const { added, removed, pairs } = match(from, to, (item) => item.name);
  const changed = pairs.flatMap(([a, b]) => {
    const { name: _a, ...restA } = a;
    const { name: _b, ...restB } = b;
    const changes = recordChanges('', restA, restB).map((c) => ({ ...c, field: c.field.slice(1) }));
    return changes.length > 0 ? [{ name: b.name, changes }] : [];
  });
  return { added, removed, changed };
};

const GEOMETRY = new Set(['position', 'size']);

/** Notes and groups of both sides, matched by kind and id; undefined when nothing differs. */
const annotationDiff = (from: Workflow, to: Workflow): AnnotationDiff | undefined => {
  const tagged = (w: Workflow) => [
    ...(w.notes ?? []).map((n) => ({ kind: 'note' as const, ...n })),
    ...(w.groups ?? []).map((g) => ({ kind: 'group' as const, ...g })),
  ];
  const { added, removed, pairs } = match(tagged(from), tagged(to), (a) => `${a.kind}:${a.id}`);
  const changed: AnnotationChange[] = [];
  const moved: AnnotationChange[] = [];
  for (const [a, b] of pairs) {
    const { kind: _ka, id: _ia, ...restA } = a;
    const { kind: _kb, id: _ib, ...restB } = b;
    const all = recordChanges('', restA, restB).map((c) => ({ ...c, field: c.field.slice(1) }));
    const content = all.filter((c) => !GEOMETRY.has(c.field));
    const geometry = all.filter((c) => GEOMETRY.has(c.field));
    if (content.length > 0) changed.push({ kind: b.kind, id: b.id, changes: content });
    if (geometry.length > 0) moved.push({ kind: b.kind, id: b.id, changes: geometry });
  }
  const none = [added, removed, changed, moved].every((list) => list.length === 0);
  return none ? undefined : { added, removed, changed, moved };
};

/**
 * The difference between two workflow documents (pure). Lists keep the order of the document
 * they come from (`to` for added and changed, `from` for removed).
 */
export const diffWorkflows = (
  from: Workflow,
  to: Workflow,
  options: DiffOptions = {},
): WorkflowDiff => {
  const defaults = defaultsFor(options.catalogue);
  const nodes = match(from.nodes, to.nodes, (n) => n.id);
  const changed: NodeChange[] = [];
  const moved: NodeMove[] = [];
  for (const [a, b] of nodes.pairs) {
    const changes = nodeChanges(a, b, defaults);
    const title = titleOf(b);
    if (changes.length > 0)
      changed.push({ id: b.id, type: b.type, ...(title ? { title } : {}), changes });
    if (a.position.x !== b.position.x || a.position.y !== b.position.y)
      moved.push({ id: b.id, from: { ...a.position }, to: { ...b.position } });
  }
  const edges = match(from.edges, to.edges, edgeKey);
  const inputs = namedDiff(from.inputs, to.inputs);
  const outputs = namedDiff(from.outputs ?? [], to.outputs ?? []);
  const annotations = annotationDiff(from, to);
  const diff: WorkflowDiff = {
    ...(from.name !== to.name ? { name: { from: from.name, to: to.name } } : {}),
    ...(from.description !== to.description
      ? { description: { from: from.description, to: to.description } }
      : {}),
    nodes: { added: nodes.added, removed: nodes.removed, changed, moved },
    edges: { added: edges.added, removed: edges.removed },
    inputs,
    outputs,
    ...(annotations && { annotations }),
    same: false,
    identical: false,
  };
  const same =
    !diff.name &&
    !diff.description &&
    [
      nodes.added,
      nodes.removed,
      changed,
      edges.added,
      edges.removed,
      inputs.added,
      inputs.removed,
      inputs.changed,
      outputs.added,
      outputs.removed,
      outputs.changed,
      annotations?.added ?? [],
      annotations?.removed ?? [],
      annotations?.changed ?? [],
    ].every((list) => list.length === 0);
  const still = moved.length === 0 && (annotations?.moved.length ?? 0) === 0;
  return { ...diff, same, identical: same && still };
};

/** How many things differ, moves aside: for a one-line summary ("3 changes"). */
export const diffSize = (diff: WorkflowDiff): number =>
  (diff.name ? 1 : 0) +
  (diff.description ? 1 : 0) +
  diff.nodes.added.length +
  diff.nodes.removed.length +
  diff.nodes.changed.length +
  diff.edges.added.length +
  diff.edges.removed.length +
  diff.inputs.added.length +
  diff.inputs.removed.length +
  diff.inputs.changed.length +
  diff.outputs.added.length +
  diff.outputs.removed.length +
  diff.outputs.changed.length +
  (diff.annotations?.added.length ?? 0) +
  (diff.annotations?.removed.length ?? 0) +
  (diff.annotations?.changed.length ?? 0);
