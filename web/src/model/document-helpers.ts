import type { WorkflowInput, WorkflowOutput } from '@atelier/graph';
import { fieldInputKind, RESERVED_NAMES } from '@atelier/graph';
import { definitionOf } from './catalogue';
import type { PortsOf } from './connections';
import { checkConnection, typePorts } from './connections';
import type { FlowEdge, FlowNode } from './types';

export interface EdgeEnds {
  source: string;
  sourceHandle: string;
  target: string;
  targetHandle: string;
}

/**
 * The edge to add when a node is created next to an anchor (keyboard building): the anchor's
 * output into the new node's first free compatible input (required inputs first), else the new
 * node's output into the anchor's first free compatible input. Undefined when nothing fits.
 */
export const autoConnectPair = (
  nodes: readonly FlowNode[],
  edges: readonly FlowEdge[],
  anchorId: string,
  newId: string,
  portsOf: PortsOf = typePorts,
): EdgeEnds | undefined => {
  const anchor = nodes.find((n) => n.id === anchorId);
  const added = nodes.find((n) => n.id === newId);
  if (!anchor || !added) return undefined;
  const tryJoin = (from: FlowNode, to: FlowNode): EdgeEnds | undefined => {
    const outs = portsOf(from)?.outputs ?? [];
    const ins = [...(portsOf(to)?.inputs ?? [])].sort(
      (a, b) => Number(!!a.optional || !!a.multiple) - Number(!!b.optional || !!b.multiple),
    );
    for (const input of ins) {
      const taken = edges.some((e) => e.target === to.id && e.targetHandle === input.name);
      if (taken && !input.multiple) continue;
      for (const out of outs) {
        const ends = {
          source: from.id,
          sourceHandle: out.name,
          target: to.id,
          targetHandle: input.name,
        };
        if (out.kind === input.kind && checkConnection(ends, nodes, edges, portsOf).ok) return ends;
      }
    }
    return undefined;
  };
  return tryJoin(anchor, added) ?? tryJoin(added, anchor);
};

const INPUT_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** What is wrong with exposing `field` of `nodeId` as input `name`, if anything. */
export const checkInputName = (
  inputs: readonly WorkflowInput[],
  nodeId: string,
  field: string,
  name: string,
  nodeType?: string,
): string | undefined => {
  if (!INPUT_NAME.test(name) || name.length > 64)
    return 'Use letters, digits, "_" or "-", starting with a letter (e.g. subject)';
  if (inputs.some((i) => i.name === name && !(i.node === nodeId && i.field === field)))
    return `"${name}" is already an input of this recipe`;
  if (nodeType) {
    const spec = definitionOf(nodeType)?.fields.find((f) => f.name === field);
    if (!spec?.exposable || !fieldInputKind(spec)) return `${field} can't be a recipe input`;
  }
  return undefined;
};

/** What is wrong with naming output `port` of `nodeId` as the recipe's output `name`, if anything. */
export const checkOutputName = (
  outputs: readonly WorkflowOutput[],
  nodeId: string,
  port: string,
  name: string,
): string | undefined => {
  if (!INPUT_NAME.test(name) || name.length > 64)
    return 'Use letters, digits, "_" or "-", starting with a letter (e.g. hero)';
  if (RESERVED_NAMES.has(name)) return `"${name}" is reserved; choose another name`;
  if (outputs.some((o) => o.name === name && !(o.node === nodeId && o.port === port)))
    return `"${name}" is already an output of this recipe`;
  return undefined;
};

/** A suggested input name for a field: its name, or name_2, name_3… when taken. */
export const suggestInputName = (inputs: readonly { name: string }[], base: string): string => {
  const names = new Set(inputs.map((i) => i.name));
  if (!names.has(base)) return base;
  for (let n = 2; ; n += 1) if (!names.has(`${base}_${n}`)) return `${base}_${n}`;
};
