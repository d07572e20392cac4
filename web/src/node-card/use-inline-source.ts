import { definitionOf } from '../model/catalogue';
import { nodeLabel } from '../model/describe-issue';
import { useDocument } from '../store/document-store';

/**
 * For a field that stands in for an input (PortSpec.inline): the label of the node wired into
 * that input, whose value the run uses instead of the typed text; undefined when nothing is.
 */
export const useInlineSource = (
  nodeId: string,
  nodeType: string,
  field: string,
): string | undefined => {
  const port = definitionOf(nodeType)?.inputs.find((p) => p.inline === field);
  return useDocument((s) => {
    if (!port) return undefined;
    const edge = s.edges.find((e) => e.target === nodeId && e.targetHandle === port.name);
    const source = edge && s.nodes.find((n) => n.id === edge.source);
    return source ? nodeLabel(source) : undefined;
  });
};
