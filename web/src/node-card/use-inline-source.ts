import type { PortSpec } from '@atelier/graph';
import { nodeLabel } from '../model/describe-issue';
import { useDocument } from '../store/document-store';

/**
 * For a field that stands in for an input (PortSpec.inline): the label of the node wired into
 * that input, whose value the run uses instead of the typed one; undefined when nothing is.
 * `inputs` are the card's own definition's ports, so a recipe node's come from its recipe.
 */
export const useInlineSource = (
  nodeId: string,
  inputs: readonly PortSpec[],
  field: string,
): string | undefined => {
  const port = inputs.find((p) => p.inline === field);
  return useDocument((s) => {
    if (!port) return undefined;
    const edge = s.edges.find((e) => e.target === nodeId && e.targetHandle === port.name);
    const source = edge && s.nodes.find((n) => n.id === edge.source);
    return source ? nodeLabel(source) : undefined;
  });
};
