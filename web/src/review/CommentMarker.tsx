import { useDocument } from '../store/document-store';
import type { MarkerCount } from './comment-markers';
import { outputKey, useCommentMarkers } from './comment-markers';
import { goTo, nodeCommentsUrl, outputUrl } from './review-route';

const describe = (count: MarkerCount | undefined) => {
  if (!count || count.threads === 0) return 'No comments yet: start a thread';
  const comments = `${count.comments} comment${count.comments === 1 ? '' : 's'}`;
  const state = count.open > 0 ? `${count.open} unresolved` : 'all resolved';
  return `${comments} in ${count.threads} thread${count.threads === 1 ? '' : 's'}, ${state}: open`;
};

/**
 * A speech-bubble marker with the number of comments; open (unresolved) threads colour it.
 * With `always`, an empty marker invites the first comment (shown faint until hovered).
 */
export function CommentMarker({
  count,
  testId,
  onOpen,
  always = false,
  className = '',
}: {
  count?: MarkerCount;
  testId: string;
  onOpen(): void;
  always?: boolean;
  className?: string;
}) {
  const threads = count?.threads ?? 0;
  if (threads === 0 && !always) return null;
  const state = threads === 0 ? 'none' : count!.open > 0 ? 'open' : 'resolved';
  const label = describe(count);
  return (
    <button
      type="button"
      className={`comment-marker nodrag ${state} ${className}`}
      data-testid={testId}
      data-state={state}
      data-open={count?.open ?? 0}
      aria-label={label}
      title={label}
      onClick={(e) => {
        e.stopPropagation();
        onOpen();
      }}
    >
      <svg className="comment-icon" viewBox="0 0 16 16" width="12" height="12" aria-hidden>
        <path
          d="M2 3.5A1.5 1.5 0 0 1 3.5 2h9A1.5 1.5 0 0 1 14 3.5v6a1.5 1.5 0 0 1-1.5 1.5H7l-3 3v-3h-.5A1.5 1.5 0 0 1 2 9.5z"
          fill="currentColor"
        />
      </svg>
      {threads > 0 && <span className="comment-count">{count!.comments}</span>}
    </button>
  );
}

/** On a node card: the threads pinned to that node of the saved workflow. */
export function NodeCommentMarker({ nodeId }: { nodeId: string }) {
  const workflowId = useDocument((s) => s.workflowId);
  const count = useCommentMarkers((s) => s.nodes[nodeId]);
  if (!workflowId) return null;
  return (
    <CommentMarker
      count={count}
      testId={`comments-${nodeId}`}
      onOpen={() => goTo(nodeCommentsUrl(workflowId, nodeId))}
    />
  );
}

/** On an output image of the run on screen: its threads; empty, it starts one. */
export function OutputCommentMarker({ runId, nodeId }: { runId: string; nodeId: string }) {
  const count = useCommentMarkers((s) => s.outputs[outputKey(runId, nodeId)]);
  return (
    <CommentMarker
      count={count}
      always
      className="on-image"
      testId={`output-comments-${nodeId}`}
      onOpen={() => goTo(outputUrl(runId, nodeId))}
    />
  );
}
