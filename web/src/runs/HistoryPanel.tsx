import type { ImageValue } from '@atelier/graph';
import { useEffect, useState } from 'react';
import { api, blobUrl } from '../api/api';
import { openRun } from './run-controller';
import type { RunRecordView } from '../api/run-types';
import { useDocument } from '../store/document-store';
import { useSession } from '../store/session-store';
import { formatCost } from './format-cost';
import { goTo, outputUrl } from '../review/review-route';
import { CompareRunsButton } from '../review/CompareRunsButton';
import { usePickTwo } from '../review/use-pick-two';
import { CommentMarker } from '../review/CommentMarker';
import { outputKey, useThreadCounts } from '../review/comment-markers';
import { useStars } from '../review/use-stars';
import { Segmented } from '../ui/Segmented';
import { SidePanel } from '../ui/SidePanel';

const imagesOf = (run: RunRecordView): { nodeId: string; image: ImageValue }[] =>
  Object.entries(run.nodes ?? {}).flatMap(([nodeId, n]) => {
    const image = n.outputs?.image as ImageValue | undefined;
    return image && typeof image === 'object' && 'blob' in image ? [{ nodeId, image }] : [];
  });

/** Runs of this workflow (or all runs), newest first; opening one shows its outputs on the canvas. */
export function HistoryPanel() {
  const workflowId = useDocument((s) => s.workflowId);
  const currentRun = useSession((s) => s.run?.id);
  const [scope, setScope] = useState<'workflow' | 'all'>(workflowId ? 'workflow' : 'all');
  const [runs, setRuns] = useState<RunRecordView[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  const runStatus = useSession((s) => s.run?.status);
  const [starredOnly, setStarredOnly] = useState(false);
  const [picked, pick] = usePickTwo<string>();
  const stars = useStars({ workflowId: scope === 'workflow' ? workflowId : undefined });
  const comments = useThreadCounts(scope === 'workflow' ? { workflowId } : {}, runs);
  useEffect(() => {
    api.listRuns(scope === 'workflow' ? workflowId : undefined).then(
      (list) => {
        setRuns(list);
        setError(undefined);
      },
      (e: Error) => setError(e.message),
    );
  }, [scope, workflowId, runStatus]);

  return (
    <SidePanel
      title="History"
      label="Run history"
      testId="history-panel"
      closeLabel="Close history"
      closeTestId="history-close"
    >
      <Segmented
        value={scope}
        onChange={setScope}
        options={[
          {
            value: 'workflow',
            label: 'This workflow',
            testId: 'history-scope-workflow',
            disabled: !workflowId,
            title: workflowId ? '' : 'Save the workflow to keep its own history',
          },
          { value: 'all', label: 'All runs', testId: 'history-scope-all' },
        ]}
      />
      <div className="history-tools">
        <label className="small">
          <input
            type="checkbox"
            checked={starredOnly}
            data-testid="history-starred"
            onChange={(e) => setStarredOnly(e.target.checked)}
          />{' '}
          ★ starred only
        </label>{' '}
        <CompareRunsButton
          picked={picked}
          testId="history-compare"
          title="Pick two runs (the boxes) to compare them side by side"
        />
      </div>
      {error && <p className="error-text">{error}</p>}
      {runs?.length === 0 && <p className="muted">No runs yet.</p>}
      <ul className="history-list">
        {runs
          ?.filter((r) => !starredOnly || stars.runIds.has(r.id))
          .map((r) => {
            const nodes = Object.values(r.nodes ?? {});
            const cached = nodes.filter((n) => n.cached).length;
            const images = imagesOf(r);
            return (
              <li key={r.id} className="history-row">
                <input
                  type="checkbox"
                  aria-label="Pick to compare"
                  data-testid={`history-pick-${r.id}`}
                  checked={picked.includes(r.id)}
                  onChange={() => pick(r.id)}
                />
                <button
                  type="button"
                  className={`history-item${r.id === currentRun ? ' current' : ''}`}
                  data-testid={`history-item-${r.id}`}
                  onClick={() => void openRun(r.id)}
                >
                  <span className="history-line">
                    <span className={`pill ${r.status}`}>{r.status}</span>
                    <span className="muted small">
                      {r.createdAt ? new Date(r.createdAt).toLocaleString() : r.id}
                    </span>
                    <span className="small history-by" data-testid={`history-by-${r.id}`}>
                      {r.startedBy?.name ?? (r.via?.startsWith('share:') ? 'app link' : '')}
                    </span>
                    {stars.runIds.has(r.id) && <span title="Has a starred output">★</span>}
                  </span>
                  {scope === 'all' && (
                    <span className="history-line small history-workflow">{r.workflow.name}</span>
                  )}
                  <span className="history-line small">
                    {nodes.length} nodes · {cached} cached ·{' '}
                    {formatCost(r.cost ?? 0, r.usage?.costEstimated === true)}
                    {r.saved && r.saved.cost > 0 && ` · saved ${formatCost(r.saved.cost)}`}
                  </span>
                  {r.error && <span className="error-text small">{r.error.message}</span>}
                </button>
                {images.length > 0 && (
                  <span className="history-thumbs">
                    {images.slice(0, 4).map(({ nodeId, image }) => (
                      <span key={nodeId} className="marked-image">
                        <button
                          type="button"
                          className="thumb"
                          aria-label={`Show run output ${nodeId}`}
                          onClick={() => void openRun(r.id)}
                        >
                          <img src={blobUrl(image.blob)} alt="" loading="lazy" />
                        </button>
                        <CommentMarker
                          count={comments.outputs[outputKey(r.id, nodeId)]}
                          className="on-image"
                          testId={`history-comments-${r.id}-${nodeId}`}
                          onOpen={() => goTo(outputUrl(r.id, nodeId))}
                        />
                      </span>
                    ))}
                  </span>
                )}
              </li>
            );
          })}
      </ul>
    </SidePanel>
  );
}
