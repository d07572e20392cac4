import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { cancelRun } from './run-controller';
import { isRunActive, useSession } from '../store/session-store';
import { ESTIMATE_NOTE, formatCost } from './format-cost';

const formatElapsed = (ms: number): string => {
  const s = Math.max(0, ms) / 1000;
  return s < 60 ? `${s.toFixed(1)} s` : `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
};

/** Progress of the current (or opened) run: n of m nodes, time, cost, what the cache saved. */
export function RunBar() {
  const run = useSession((s) => s.run);
  const counts = useSession(
    useShallow((s) => {
      const order = s.run?.order ?? [];
      let done = 0;
      let failed = 0;
      let cached = 0;
      for (const id of order) {
        const st = s.nodeRuns[id]?.status;
        if (st === 'succeeded' || st === 'failed' || st === 'skipped' || st === 'cancelled')
          done += 1;
        if (st === 'failed') failed += 1;
        if (s.nodeRuns[id]?.cached) cached += 1;
      }
      return { done, failed, cached, total: order.length };
    }),
  );
  const active = isRunActive(run);
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), 200);
    return () => clearInterval(timer);
  }, [active]);
  if (!run) return null;
  const elapsed = (run.finishedAt ?? (active ? now : run.startedAt)) - run.startedAt;
  const pct = counts.total ? (counts.done / counts.total) * 100 : 0;
  return (
    <div
      className={`run-bar run-${run.status}`}
      data-testid="run-bar"
      data-run-id={run.id}
      role="status"
      aria-live="polite"
    >
      <div className="run-progress-track" aria-hidden>
        <div className="run-progress-fill" style={{ width: `${pct}%` }} />
      </div>
      {run.replay && (
        <span className="run-opened" title="A past run opened from the history">
          Opened run
        </span>
      )}
      <span className={`run-status ${run.status}`} data-testid="run-status">
        {active && <span className="spinner" aria-hidden />}
        {run.status}
      </span>
      <span data-testid="run-progress">
        {counts.done} of {counts.total} nodes
      </span>
      {counts.failed > 0 && <span className="bad">{counts.failed} failed</span>}
      <span data-testid="run-elapsed">{formatElapsed(elapsed)}</span>
      <span
        data-testid="run-cost"
        title={
          run.costEstimated
            ? ESTIMATE_NOTE
            : "Cost of the API calls made, from the API's own counts"
        }
      >
        cost {formatCost(run.cost, run.costEstimated)}
      </span>
      {run.usage?.requests !== undefined && (
        <span title="API requests · input/output tokens">
          {run.usage.requests} req · {run.usage.inputTokens ?? 0}/{run.usage.outputTokens ?? 0} tok
        </span>
      )}
      <span
        className="saved"
        data-testid="run-saved"
        title="Nodes served from the cache and what they would have cost"
      >
        cache saved {Math.max(run.saved.nodes, counts.cached)} node
        {Math.max(run.saved.nodes, counts.cached) === 1 ? '' : 's'} · {formatCost(run.saved.cost)}
      </span>
      <span className="run-id" title={`Run ${run.id}`} data-testid="run-id">
        {run.id.length > 14 ? `${run.id.slice(0, 12)}…` : run.id}
      </span>
      {active ? (
        <button
          type="button"
          className="tb danger"
          data-testid="cancel-run"
          onClick={() => void cancelRun()}
        >
          Cancel
        </button>
      ) : (
        <button
          type="button"
          className="tb"
          data-testid="dismiss-run"
          aria-label="Hide the run bar"
          onClick={() => useSession.getState().set({ run: undefined })}
        >
          ✕
        </button>
      )}
    </div>
  );
}
