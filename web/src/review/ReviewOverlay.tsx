import './review.css';
import { CompareView } from './CompareView';
import { useCommentMarkerSync } from './comment-markers';
import { InboxView } from './InboxView';
import { NodeThreadsView } from './NodeThreadsView';
import { OutputView } from './OutputView';
import { closeReview, useReviewRoute } from './review-route';
import { UsageView } from './UsageView';

/** The review views over the editor, by URL hash (#/compare, #/output, #/comments, #/inbox, #/usage). */
export function ReviewOverlay() {
  const route = useReviewRoute();
  useCommentMarkerSync();
  if (!route) return null;
  return (
    <div className="review-overlay" data-testid="review-overlay" role="dialog" aria-label="Review">
      <button
        type="button"
        className="tb review-close"
        data-testid="review-close"
        onClick={closeReview}
      >
        ✕ Back to the editor
      </button>
      {route.kind === 'compare' && <CompareView a={route.a} b={route.b} />}
      {route.kind === 'output' && <OutputView runId={route.runId} nodeId={route.nodeId} />}
      {route.kind === 'node-comments' && (
        <NodeThreadsView workflowId={route.workflowId} nodeId={route.nodeId} />
      )}
      {route.kind === 'inbox' && <InboxView />}
      {route.kind === 'usage' && <UsageView />}
    </div>
  );
}
