import type { PortKind, WorkflowSignature } from '@atelier/graph';
import type { RecipePorts } from './recipe-node';
import type { FlowEdge } from './types';

export interface KindChange {
  name: string;
  from: PortKind;
  to: PortKind;
}

export interface SideDiff {
  added: { name: string; kind: PortKind }[];
  removed: { name: string; kind: PortKind }[];
  changed: KindChange[];
}

/** What changed in a recipe's signature between two versions (inputs and outputs, by name). */
export interface SignatureDiff {
  inputs: SideDiff;
  outputs: SideDiff;
}

const diffSide = (
  before: readonly { name: string; kind: PortKind }[],
  after: readonly { name: string; kind: PortKind }[],
): SideDiff => {
  const old = new Map(before.map((p) => [p.name, p.kind]));
  const now = new Map(after.map((p) => [p.name, p.kind]));
  return {
    added: after.filter((p) => !old.has(p.name)).map(({ name, kind }) => ({ name, kind })),
    removed: before.filter((p) => !now.has(p.name)).map(({ name, kind }) => ({ name, kind })),
    changed: after.flatMap((p) => {
      const from = old.get(p.name);
      return from !== undefined && from !== p.kind ? [{ name: p.name, from, to: p.kind }] : [];
    }),
  };
};

export const diffSignatures = (
  before: WorkflowSignature,
  after: WorkflowSignature,
): SignatureDiff => ({
  inputs: diffSide(before.inputs, after.inputs),
  outputs: diffSide(before.outputs, after.outputs),
});

export const isSameSignature = (diff: SignatureDiff): boolean =>
  [diff.inputs, diff.outputs].every(
    (s) => s.added.length === 0 && s.removed.length === 0 && s.changed.length === 0,
  );

/**
 * The edges of a node that would not fit its new ports: into an input it no longer has, out
 * of an output it no longer has, or at a port whose kind changed.
 */
export const edgesDroppedBy = (
  nodeId: string,
  edges: readonly FlowEdge[],
  before: RecipePorts,
  after: RecipePorts,
): FlowEdge[] => {
  const fits = (
    port: string | null | undefined,
    old: RecipePorts['inputs'],
    now: RecipePorts['inputs'],
  ) => {
    const next = now.find((p) => p.name === port);
    const prev = old.find((p) => p.name === port);
    return !!next && (!prev || prev.kind === next.kind);
  };
  return edges.filter(
    (e) =>
      (e.target === nodeId && !fits(e.targetHandle, before.inputs, after.inputs)) ||
      (e.source === nodeId && !fits(e.sourceHandle, before.outputs, after.outputs)),
  );
};

/**
 * A recipe node's input values for a new version: kept where the input still exists with the
 * same kind, the new version's default for inputs added (or whose kind changed).
 */
export const upgradedInputValues = (
  values: Readonly<Record<string, unknown>>,
  before: WorkflowSignature,
  after: WorkflowSignature,
): Record<string, unknown> => {
  const old = new Map(before.inputs.map((i) => [i.name, i.kind]));
  const next: Record<string, unknown> = {};
  for (const input of after.inputs) {
    const kept = old.get(input.name) === input.kind && Object.hasOwn(values, input.name);
    if (kept) next[input.name] = values[input.name];
    else if (input.default !== undefined) next[input.name] = input.default;
  }
  return next;
};
