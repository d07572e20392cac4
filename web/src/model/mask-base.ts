import type { ImageValue } from '@atelier/graph';
import { definitionOf, inputNodeValue } from './catalogue';
import type { FlowEdge, FlowNode } from './types';

export const isImageValue = (v: unknown): v is ImageValue =>
  !!v && typeof v === 'object' && 'blob' in v;

/**
 * The image a mask node paints over: what feeds its image input — an input node's own image
 * (a reference's upload), else the output of the run that made it.
 */
export const maskBaseImage = (
  nodes: readonly FlowNode[],
  edges: readonly FlowEdge[],
  outputsOf: (nodeId: string) => Record<string, unknown> | undefined,
  maskNodeId: string,
): ImageValue | undefined => {
  const mask = nodes.find((n) => n.id === maskNodeId);
  const port = definitionOf(mask?.type)?.inputs.find((p) => p.kind === 'image')?.name;
  const edge = edges.find((e) => e.target === maskNodeId && e.targetHandle === port);
  if (!edge) return undefined;
  const source = nodes.find((n) => n.id === edge.source);
  const own = source && inputNodeValue(source, edge.sourceHandle);
  if (isImageValue(own)) return own;
  const output = outputsOf(edge.source)?.[edge.sourceHandle ?? ''];
  return isImageValue(output) ? output : undefined;
};
