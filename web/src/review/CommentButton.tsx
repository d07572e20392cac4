import { useDocument } from '../store/document-store';
import { useCommentMarkers } from './comment-markers';
import { goTo, nodeCommentsUrl } from './review-route';

/** In the inspector: open (or start) the threads pinned to this node; needs a saved workflow. */
export function CommentButton({ nodeId }: { nodeId: string }) {
  const workflowId = useDocument((s) => s.workflowId);
  const count = useCommentMarkers((s) => s.nodes[nodeId]);
  return (
    <button
      type="button"
      className="tb"
      data-testid="comment-node"
      disabled={!workflowId}
      title={
        workflowId
          ? 'Comment threads pinned to this node'
          : 'Save the workflow to the library to comment on its nodes'
      }
      onClick={() => workflowId && goTo(nodeCommentsUrl(workflowId, nodeId))}
    >
      {count ? `Comments (${count.comments})` : 'Comment on this node…'}
    </button>
  );
}
