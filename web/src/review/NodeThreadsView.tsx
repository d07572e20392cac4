import { confirmDiscard, openWorkflow } from '../library/library-actions';
import { definitionOf } from '../model/catalogue';
import { useNodeTitle } from '../node-card/NodeTitle';
import { useDocument } from '../store/document-store';
import { useSession } from '../store/session-store';
import { closeReview } from './review-route';

/** Back on the canvas with the node centred (the session's focus request). */
const showNode = (nodeId: string) => {
  closeReview();
  useSession.getState().set({ focus: { nodeId, at: Date.now() } });
};
import { Threads } from './Threads';

/** `#/comments/<workflow>/<node>`: the threads pinned to one node of a saved workflow. */
export function NodeThreadsView({ workflowId, nodeId }: { workflowId: string; nodeId: string }) {
  const open = useDocument((s) => s.workflowId === workflowId);
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
      {!open && (
        <button
          type="button"
          className="tb"
          data-testid="node-threads-open-workflow"
          title="Open the workflow on the canvas, with this node in view"
          onClick={() =>
            void confirmDiscard('Open the workflow').then(
              async (ok) => ok && (await openWorkflow(workflowId)) && showNode(nodeId),
            )
          }
        >
          Open the workflow
        </button>
      )}
      <Threads target={{ workflowId, nodeId }} />
    </div>
  );
}
