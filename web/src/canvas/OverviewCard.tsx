import type { PortSpec } from '@atelier/graph';
import type { NodeDefinition } from '@atelier/nodes';
import { Handle, Position } from '@xyflow/react';
import { portColor } from '../model/catalogue';
import { cardStyle } from '../node-card/card-style';
import { useNodeTitle } from '../node-card/NodeTitle';
import { NodeCommentMarker } from '../review/CommentMarker';
import { useSession } from '../store/session-store';

/** Handles spread down a side; percentages keep them in place whatever the card height. */
function Handles({ ports, side }: { ports: readonly PortSpec[]; side: 'in' | 'out' }) {
  return ports.map((p, i) => (
    <Handle
      key={p.name}
      type={side === 'in' ? 'target' : 'source'}
      position={side === 'in' ? Position.Left : Position.Right}
      id={p.name}
      className="overview-handle"
      style={{ background: portColor(p.kind), top: `${((i + 1) / (ports.length + 1)) * 100}%` }}
    />
  ));
}

/**
 * The card zoomed far out: title, status colour and handles (edges still meet their ports),
 * nothing else. Hundreds are painted on every frame of a pan, so each is a handful of elements
 * with no shadows, round handles, fields or images, and it reads only its own run status.
 */
export function OverviewCard({
  id,
  def,
  selected,
}: {
  id: string;
  def: NodeDefinition;
  selected: boolean;
}) {
  const status = useSession((s) => s.nodeRuns[id]?.status ?? 'idle');
  const cached = useSession((s) => s.nodeRuns[id]?.cached === true);
  const title = useNodeTitle(id);
  return (
    <div
      className={`node-card overview type-${def.type} status-${status}${selected ? ' selected' : ''}`}
      style={cardStyle(def)}
      data-testid={`node-${id}`}
      data-status={status}
      data-cached={cached ? 'true' : 'false'}
      aria-label={`${def.title} node ${id}`}
    >
      <span className="overview-title">{title ?? def.title}</span>
      <NodeCommentMarker nodeId={id} />
      <Handles ports={def.inputs} side="in" />
      <Handles ports={def.outputs} side="out" />
    </div>
  );
}
