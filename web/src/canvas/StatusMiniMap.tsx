import { MiniMap } from '@xyflow/react';
import { useCallback } from 'react';
import type { FlowNode } from '../model/types';
import { useSession } from '../store/session-store';

const STATUS_COLOR: Record<string, string> = {
  running: 'var(--status-running)',
  succeeded: 'var(--status-ok)',
  failed: 'var(--status-failed)',
  queued: 'var(--status-queued)',
};

/**
 * The minimap coloured by run status, in the palette (off the canvas, so it never covers a
 * card; it reads the flow through ReactFlowProvider). Its colour function changes only when run states do,
 * so dragging (which re-renders the canvas) leaves the minimap's memoised nodes alone.
 */
export function StatusMiniMap() {
  const nodeRuns = useSession((s) => s.nodeRuns);
  const nodeColor = useCallback(
    (n: FlowNode) => STATUS_COLOR[nodeRuns[n.id]?.status ?? ''] ?? '#3b4457',
    [nodeRuns],
  );
  return (
    <MiniMap
      pannable
      zoomable
      style={{ width: 170, height: 110 }}
      ariaLabel="Minimap"
      nodeStrokeWidth={3}
      nodeColor={nodeColor}
      maskColor="rgba(10, 12, 18, 0.7)"
      bgColor="#151922"
      position="bottom-left"
    />
  );
}
