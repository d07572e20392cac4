import type { FieldChange, WorkflowDiff } from '@atelier/graph';
import { RECIPE_NODE_TYPE } from '@atelier/graph';

/** One line of a diff as the list shows it. */
export interface DiffLine {
  kind: 'added' | 'removed' | 'changed' | 'moved';
  /** What it is about: `Node p1 (prompt)`, `Wire p1.text → g1.prompt`, `Input "subject"`. */
  subject: string;
  /** Field by field, old → new. */
  details: string[];
  /** The node to bring into view, when it is on the newer side. */
  nodeId?: string;
}

const MAX_TEXT = 80;

const clip = (text: string) => (text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text);

/** A value as a person reads it: text quoted, images by size, nothing as "—". */
export const showValue = (value: unknown): string => {
  if (value === undefined || value === null) return '—';
  if (typeof value === 'string') return `“${clip(value)}”`;
  if (typeof value === 'object' && !Array.isArray(value)) {
    const v = value as { blob?: unknown; width?: unknown; height?: unknown };
    if (typeof v.blob === 'string' && typeof v.width === 'number')
      return `image ${v.width}×${String(v.height)} (${v.blob.slice(0, 8)}…)`;
  }
  return clip(JSON.stringify(value));
};

const showChange = (change: FieldChange) =>
  `${change.field}: ${showValue(change.from)} → ${showValue(change.to)}`;

const nodeName = (id: string, type: string, title?: string) =>
  `Node ${title ? `“${title}” ` : ''}${id} (${type})`;

/** Names a library workflow used as a recipe (the editor's library listing), if known. */
export type RecipeNames = (workflowId: string) => string | undefined;

const asRecord = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};

/**
 * A recipe node's changes as a person reads them: which recipe and pinned version, and each
 * input value it gives the recipe on its own line (`data.inputs` is one object in the document).
 */
const recipeDetails = (changes: readonly FieldChange[], names: RecipeNames): string[] =>
  changes.flatMap((change) => {
    const recipe = (id: unknown) =>
      typeof id === 'string' ? `“${names(id) ?? id}”` : showValue(id);
    const pin = (v: unknown) => (typeof v === 'number' ? `v${v}` : showValue(v));
    if (change.field === 'data.version')
      return [`pinned version: ${pin(change.from)} → ${pin(change.to)}`];
    if (change.field === 'data.workflowId')
      return [`recipe: ${recipe(change.from)} → ${recipe(change.to)}`];
    if (change.field === 'data.inputs') {
      const from = asRecord(change.from);
      const to = asRecord(change.to);
      return [...new Set([...Object.keys(from), ...Object.keys(to)])]
        .sort()
        .filter((k) => JSON.stringify(from[k]) !== JSON.stringify(to[k]))
        .map((k) => `input ${k}: ${showValue(from[k])} → ${showValue(to[k])}`);
    }
    return [showChange(change)];
  });

const recipeName = (id: string, workflowId: unknown, names: RecipeNames, title?: string) => {
  const name = typeof workflowId === 'string' ? (names(workflowId) ?? workflowId) : undefined;
  return `Recipe ${title ? `“${title}” ` : ''}${id}${name ? ` (“${name}”)` : ''}`;
};

const wire = (e: { source: string; sourceHandle: string; target: string; targetHandle: string }) =>
  `Wire ${e.source}.${e.sourceHandle} → ${e.target}.${e.targetHandle}`;

const titleOf = (view: Record<string, unknown> | undefined) =>
  typeof view?.title === 'string' && view.title.trim() ? view.title.trim() : undefined;

/**
 * The diff as a list, in reading order: the document, nodes, wires, inputs, outputs. Recipe
 * nodes are named after their recipe (`names`); a changed one whose recipe stayed the same
 * is looked up in `recipeOf` (the canvas: which workflow node `id` uses).
 */
export const describeDiff = (
  diff: WorkflowDiff,
  names: RecipeNames = () => undefined,
  recipeOf: (nodeId: string) => unknown = () => undefined,
): DiffLine[] => {
  const lines: DiffLine[] = [];
  if (diff.name)
    lines.push({
      kind: 'changed',
      subject: 'Name',
      details: [`${showValue(diff.name.from)} → ${showValue(diff.name.to)}`],
    });
  if (diff.description)
    lines.push({
      kind: 'changed',
      subject: 'Description',
      details: [`${showValue(diff.description.from)} → ${showValue(diff.description.to)}`],
    });
  const isRecipe = (type: string) => type === RECIPE_NODE_TYPE;
  for (const n of diff.nodes.added)
    lines.push({
      kind: 'added',
      subject: isRecipe(n.type)
        ? recipeName(n.id, n.data.workflowId, names, titleOf(n.view))
        : nodeName(n.id, n.type, titleOf(n.view)),
      details: isRecipe(n.type)
        ? Object.entries(asRecord(n.data.inputs)).map(([k, v]) => `input ${k}: ${showValue(v)}`)
        : Object.entries(n.data).map(([k, v]) => `data.${k}: ${showValue(v)}`),
      nodeId: n.id,
    });
  for (const n of diff.nodes.removed)
    lines.push({
      kind: 'removed',
      subject: isRecipe(n.type)
        ? recipeName(n.id, n.data.workflowId, names, titleOf(n.view))
        : nodeName(n.id, n.type, titleOf(n.view)),
      details: [],
    });
  for (const c of diff.nodes.changed) {
    const recipe = isRecipe(c.type);
    const workflowId = c.changes.find((ch) => ch.field === 'data.workflowId')?.to ?? recipeOf(c.id);
    lines.push({
      kind: 'changed',
      subject: recipe
        ? recipeName(c.id, workflowId, names, c.title)
        : nodeName(c.id, c.type, c.title),
      details: recipe ? recipeDetails(c.changes, names) : c.changes.map(showChange),
      nodeId: c.id,
    });
  }
  for (const m of diff.nodes.moved)
    lines.push({
      kind: 'moved',
      subject: `Node ${m.id}`,
      details: [`moved (${m.from.x}, ${m.from.y}) → (${m.to.x}, ${m.to.y})`],
      nodeId: m.id,
    });
  for (const e of diff.edges.added) lines.push({ kind: 'added', subject: wire(e), details: [] });
  for (const e of diff.edges.removed)
    lines.push({ kind: 'removed', subject: wire(e), details: [] });
  const named = (what: string, d: WorkflowDiff['inputs'] | WorkflowDiff['outputs']) => {
    for (const i of d.added)
      lines.push({
        kind: 'added',
        subject: `${what} “${i.name}”`,
        details: ['field' in i ? `${i.node}.${i.field}` : `${i.node}.${i.port}`],
      });
    for (const i of d.removed)
      lines.push({ kind: 'removed', subject: `${what} “${i.name}”`, details: [] });
    for (const c of d.changed)
      lines.push({
        kind: 'changed',
        subject: `${what} “${c.name}”`,
        details: c.changes.map(showChange),
      });
  };
  named('Input', diff.inputs);
  named('Output', diff.outputs);
  lines.push(...annotationLines(diff));
  return lines;
};

/** Notes and groups (view only): after everything that changes a result. */
const annotationLines = (diff: WorkflowDiff): DiffLine[] => {
  const a = diff.annotations;
  if (!a) return [];
  const name = (x: { kind: 'note' | 'group'; id: string }) =>
    `${x.kind === 'note' ? 'Note' : 'Group'} ${x.id}`;
  const label = (x: { kind: 'note'; text: string } | { kind: 'group'; title: string }) =>
    x.kind === 'note' ? showValue(x.text) : showValue(x.title);
  return [
    ...a.added.map((x): DiffLine => ({ kind: 'added', subject: name(x), details: [label(x)] })),
    ...a.removed.map((x): DiffLine => ({ kind: 'removed', subject: name(x), details: [] })),
    ...a.changed.map((c): DiffLine => ({
      kind: 'changed',
      subject: name(c),
      details: c.changes.map(showChange),
    })),
    ...a.moved.map((c): DiffLine => ({
      kind: 'moved',
      subject: name(c),
      details: c.changes.map(showChange),
    })),
  ];
};
