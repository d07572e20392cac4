import type { PortKind } from '@atelier/graph';
import { ViewportPortal } from '@xyflow/react';
import { useMemo } from 'react';
import { definitionOf, portColor } from '../model/catalogue';
import { portsOfNode } from '../store/recipes-store';
import { useDocument } from '../store/document-store';
import type { FlowEdge, FlowNode } from '../model/types';

/** The overview card's box (styles.css `.node-card.overview`): height and border; its width,
 * when not measured yet, is the definition's. */
const CARD_HEIGHT = 84;
const BORDER = 4;
const widthOf = (type: string | undefined) => definitionOf(type)?.view.width ?? 270;

/** Where a handle of an overview card sits: spread down its side, as OverviewCard places it. */
const handlePoint = (node: FlowNode, side: 'in' | 'out', port: string | null | undefined) => {
  const def = portsOfNode(node);
  const ports = (side === 'in' ? def?.inputs : def?.outputs) ?? [];
  const index = Math.max(
    0,
    ports.findIndex((p) => p.name === port),
  );
  const inner = CARD_HEIGHT - 2 * BORDER;
  return {
    x: node.position.x + (side === 'out' ? (node.measured?.width ?? widthOf(node.type)) : 0),
    y: node.position.y + BORDER + (inner * (index + 1)) / (ports.length + 1),
  };
};

const KINDS: readonly PortKind[] = ['text', 'image', 'mask', 'sources'];

/** One SVG path per port kind holding every edge of that kind as a straight segment. */
export const overviewPaths = (nodes: readonly FlowNode[], edges: readonly FlowEdge[]) => {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const parts: Record<PortKind, string[]> = { text: [], image: [], mask: [], sources: [] };
  for (const e of edges) {
    const source = byId.get(e.source);
    const target = byId.get(e.target);
    if (!source || !target) continue;
    const a = handlePoint(source, 'out', e.sourceHandle);
    const b = handlePoint(target, 'in', e.targetHandle);
    const kind =
      portsOfNode(source)?.outputs.find((p) => p.name === e.sourceHandle)?.kind ?? 'text';
    parts[kind].push(
      `M${Math.round(a.x)} ${Math.round(a.y)}L${Math.round(b.x)} ${Math.round(b.y)}`,
    );
  }
  return KINDS.map((kind) => ({ kind, d: parts[kind].join('') })).filter((p) => p.d);
};

/**
 * The edges zoomed far out: a few SVG paths in the viewport instead of one SVG element per
 * edge, so a pan paints, hit-tests and layerizes four elements rather than hundreds. The
 * paths move with the viewport's transform and are rebuilt only when the document changes;
 * strokes keep one screen width whatever the zoom.
 */
export function OverviewEdges() {
  const nodes = useDocument((s) => s.nodes);
  const edges = useDocument((s) => s.edges);
  const paths = useMemo(() => overviewPaths(nodes, edges), [nodes, edges]);
  return (
    <ViewportPortal>
      <svg className="overview-edges" data-testid="overview-edges" width={1} height={1} aria-hidden>
        {paths.map((p) => (
          <path
            key={p.kind}
            d={p.d}
            stroke={portColor(p.kind)}
            strokeWidth={1.5}
            vectorEffect="non-scaling-stroke"
            fill="none"
          />
        ))}
      </svg>
    </ViewportPortal>
  );
}
