import type { RunRecordView } from '../api/run-types';
import { useEffect, useState } from 'react';
import { api, blobUrl } from '../api/api';
import { StarButton } from './StarButton';
import { Threads } from './Threads';
import { useStars } from './use-stars';

/** `#/output/<run>/<node>`: one output image, its star and its comment threads. */
export function OutputView({ runId, nodeId }: { runId: string; nodeId: string }) {
  const [run, setRun] = useState<RunRecordView | undefined>();
  const [error, setError] = useState<string | undefined>();
  const stars = useStars({ runId });
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
        <img className="output-image" src={blobUrl(image.blob)} alt={`Output of ${nodeId}`} />
      ) : (
        <p className="muted">This node has no image in this run.</p>
      )}
      <Threads target={{ runId, nodeId }} />
    </div>
  );
}
