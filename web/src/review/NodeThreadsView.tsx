import { definitionOf } from '../model/catalogue';
import { useNodeTitle } from '../node-card/NodeTitle';
import { useDocument } from '../store/document-store';
import { Threads } from './Threads';

/** `#/comments/<workflow>/<node>`: the threads pinned to one node of a saved workflow. */
export function NodeThreadsView({ workflowId, nodeId }: { workflowId: string; nodeId: string }) {
  const name = useDocument((s) => (s.workflowId === workflowId ? s.name : undefined));
  const own = useNodeTitle(nodeId);
  const type = useDocument((s) => s.nodes.find((n) => n.id === nodeId)?.type);
  const title = own ?? definitionOf(type)?.title;
  return (
    <div className="output-view" data-testid="node-threads-view">
      <header className="panel-head">
        <h2>
          {name ?? workflowId} · {title ? `${title} ` : ''}
          {nodeId}
        </h2>
      </header>
      <p className="small muted">Comments pinned to this node, kept across versions.</p>
      <Threads target={{ workflowId, nodeId }} />
    </div>
  );
}
