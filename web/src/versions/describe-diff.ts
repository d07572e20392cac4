import type { FieldChange, WorkflowDiff } from '@atelier/graph';

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

const wire = (e: { source: string; sourceHandle: string; target: string; targetHandle: string }) =>
  `Wire ${e.source}.${e.sourceHandle} → ${e.target}.${e.targetHandle}`;

const titleOf = (view: Record<string, unknown> | undefined) =>
  typeof view?.title === 'string' && view.title.trim() ? view.title.trim() : undefined;

/** The diff as a list, in reading order: the document, nodes, wires, inputs, outputs. */
export const describeDiff = (diff: WorkflowDiff): DiffLine[] => {
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
  for (const n of diff.nodes.added)
    lines.push({
      kind: 'added',
      subject: nodeName(n.id, n.type, titleOf(n.view)),
      details: Object.entries(n.data).map(([k, v]) => `data.${k}: ${showValue(v)}`),
      nodeId: n.id,
    });
  for (const n of diff.nodes.removed)
    lines.push({ kind: 'removed', subject: nodeName(n.id, n.type, titleOf(n.view)), details: [] });
  for (const c of diff.nodes.changed)
    lines.push({
      kind: 'changed',
      subject: nodeName(c.id, c.type, c.title),
      details: c.changes.map(showChange),
      nodeId: c.id,
    });
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
  return lines;
};
