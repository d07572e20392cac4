import type { PortSpec } from '@atelier/graph';
import { descendantsOf } from '@atelier/graph';
import type { Connection } from '@xyflow/react';
import { definitionOf } from './catalogue';
import type { FlowEdge, FlowNode } from './types';

/** A node's ports: its type's, or (a recipe node) its recipe's signature; undefined = unknown. */
export type PortsOf = (node: {
  type?: string;
  data: Readonly<Record<string, unknown>>;
}) => { inputs: readonly PortSpec[]; outputs: readonly PortSpec[] } | undefined;

/** The ports of a node's type. */
export const typePorts: PortsOf = (node) => definitionOf(node.type);

export type ConnectCheck =
  | {
      ok: true;
      /** An edge the new one replaces (single inputs take one edge). */ replaces?: string;
    }
  | { ok: false; reason: string };

/**
 * Whether an edge may join these ports: same kind, no cycle, within a multiple input's
 * limit. The reason is shown to the person ("Can't connect image → text").
 */
export const checkConnection = (
  connection: Connection,
  nodes: readonly FlowNode[],
  edges: readonly FlowEdge[],
  portsOf: PortsOf = typePorts,
): ConnectCheck => {
  const source = nodes.find((n) => n.id === connection.source);
  const target = nodes.find((n) => n.id === connection.target);
  if (!source || !target) return { ok: false, reason: 'Both ends must be nodes on the canvas' };
  if (source.id === target.id) return { ok: false, reason: "A node can't feed itself" };
  const out = portsOf(source)?.outputs.find((p) => p.name === connection.sourceHandle);
  const input = portsOf(target)?.inputs.find((p) => p.name === connection.targetHandle);
  if (!out || !input) return { ok: false, reason: 'Connect an output (right) to an input (left)' };
  if (out.kind !== input.kind)
    return { ok: false, reason: `Can't connect ${out.kind} → ${input.kind}` };
  const into = edges.filter((e) => e.target === target.id && e.targetHandle === input.name);
  if (into.some((e) => e.source === source.id && e.sourceHandle === out.name))
    return { ok: false, reason: 'Those ports are already connected' };
  // source → target makes a cycle when source already depends on target.
  if (descendantsOf({ edges }, target.id).has(source.id))
    return { ok: false, reason: 'That connection would make a cycle' };
  if (!input.multiple) return into[0] ? { ok: true, replaces: into[0].id } : { ok: true };
  if (input.max !== undefined && into.length >= input.max)
    return { ok: false, reason: `${input.label} takes at most ${input.max} connections` };
  return { ok: true };
};
