import type { RunRecordView } from '../api/run-types';
import type { ThreadView } from '@atelier/server';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api, blobUrl } from '../api/api';
import { CommentMarker } from './CommentMarker';
import type { MarkerCount } from './comment-markers';
import { countThreads, outputKey } from './comment-markers';
import { StarButton } from './StarButton';
import { Threads } from './Threads';
import { useStars } from './use-stars';

/** `#/output/<run>/<node>`: one output image, its star and its comment threads. */
export function OutputView({ runId, nodeId }: { runId: string; nodeId: string }) {
  const [run, setRun] = useState<RunRecordView | undefined>();
  const [error, setError] = useState<string | undefined>();
  const stars = useStars({ runId });
  const [count, setCount] = useState<MarkerCount | undefined>();
  const threadsRef = useRef<HTMLDivElement>(null);
  const target = useMemo(() => ({ runId, nodeId }), [runId, nodeId]);
  const onLoad = useCallback(
    (threads: ThreadView[]) => setCount(countThreads(threads).outputs[outputKey(runId, nodeId)]),
    [runId, nodeId],
  );
  useEffect(() => {
    api.getRun(runId).then(setRun, (e: Error) => setError(e.message));
  }, [runId]);
  if (error) return <p className="error-text">{error}</p>;
  if (!run) return <p className="muted">Loading…</p>;
  const image = run.nodes[nodeId]?.outputs?.image as { blob: string } | undefined;
  return (
    <div className="output-view" data-testid="output-view">
      <header className="panel-head">
        <h2>
          {run.workflow.name} · {nodeId}
        </h2>
        <StarButton
          starred={stars.isStarred(runId, nodeId)}
          onToggle={() => void stars.toggle(runId, nodeId)}
          testId="output-star"
        />
      </header>
      <p className="small muted">
        Run {run.id} · started by {run.startedBy?.name ?? 'unknown'} ·{' '}
        {new Date(run.createdAt).toLocaleString()}
      </p>
      {image ? (
        <span className="marked-image">
          <img className="output-image" src={blobUrl(image.blob)} alt={`Output of ${nodeId}`} />
          <CommentMarker
            count={count}
            always
            className="on-image"
            testId="output-view-comments"
            onOpen={() => {
              const box = threadsRef.current;
              box?.scrollIntoView({ block: 'start' });
              box?.querySelector<HTMLTextAreaElement>('textarea')?.focus();
            }}
          />
        </span>
      ) : (
        <p className="muted">This node has no image in this run.</p>
      )}
      <div ref={threadsRef}>
        <Threads target={target} onLoad={onLoad} />
      </div>
    </div>
  );
}
