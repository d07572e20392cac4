import { useEffect, useRef, useState } from 'react';
import { batchZipUrl } from '../api/batch-api';
import { formatCost } from '../runs/format-cost';
import { useBatch } from './batch-store';
import { controlBatch, raiseCap } from './batch-controller';
import { resumeAdvice } from './batch-cap';
import { doneOf, etaSeconds, formatEta, isFinished, STATUS_LABEL } from './batch-view';

/** The open batch: status, a progress bar with rows done, cost so far and an ETA; controls. */
export function BatchProgress() {
  const batch = useBatch((s) => s.batch);
  const progress = useBatch((s) => s.progress);
  const [, tick] = useState(0);
  const [cap, setCap] = useState('');
  // Resume pressed on a batch the cap still stops: what to change instead.
  const [advice, setAdvice] = useState<string | undefined>();
  const capInput = useRef<HTMLInputElement>(null);
  // The ETA counts down between events.
  useEffect(() => {
    const timer = setInterval(() => tick((n) => n + 1), 1000);
    return () => clearInterval(timer);
  }, []);
  if (!batch) return <p className="muted">Opening the batch…</p>;
  const done = doneOf(batch);
  const pct = batch.total === 0 ? 0 : Math.round((done / batch.total) * 100);
  const eta = isFinished(batch.status) ? undefined : etaSeconds(progress, batch.total);
  const active = batch.status === 'running' || batch.status === 'queued';
  const stopped = batch.status === 'paused' || batch.status === 'budget_reached';

  return (
    <div className="batch-progress" data-testid="batch-progress" data-status={batch.status}>
      <div className="batch-progress-head">
        <span className={`batch-status status-${batch.status}`} data-testid="batch-status">
          {STATUS_LABEL[batch.status]}
        </span>
        <span data-testid="batch-done">
          {done} / {batch.total} rows
        </span>
        {batch.failed > 0 && <span className="error-text">{batch.failed} failed</span>}
        <span data-testid="batch-cost">
          {formatCost(batch.cost)} so far
          {batch.maxCost !== null ? ` of ${formatCost(batch.maxCost)}` : ''}
          <span className="muted"> (≈ {formatCost(batch.estimatedCost)} estimated)</span>
        </span>
        {!isFinished(batch.status) && (
          <span data-testid="batch-eta" className="muted">
            {eta === undefined
              ? active
                ? 'ETA after the first rows'
                : ''
              : `ETA ${formatEta(eta)}`}
          </span>
        )}
      </div>
      <div
        className="batch-bar"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={batch.total}
        aria-valuenow={done}
        aria-label="Rows done"
      >
        <div
          className="batch-bar-ok"
          style={{ width: `${(batch.succeeded / Math.max(1, batch.total)) * 100}%` }}
        />
        <div
          className="batch-bar-failed"
          style={{
            width: `${((batch.failed + batch.cancelled) / Math.max(1, batch.total)) * 100}%`,
          }}
        />
        <span className="batch-bar-label">{pct}%</span>
      </div>
      {batch.status === 'budget_reached' && (
        <div className="batch-budget" data-testid="batch-budget">
          Stopped at its cap of {formatCost(batch.maxCost ?? 0)}
          {batch.needed !== undefined
            ? `: about ${formatCost(batch.needed)} more finishes it.`
            : '.'}
          {advice && (
            <p className="error-text small" role="alert" data-testid="batch-resume-advice">
              {advice}
            </p>
          )}
          <input
            ref={capInput}
            aria-label="New cap (USD)"
            data-testid="batch-raise-cap"
            inputMode="decimal"
            placeholder={String(
              Math.ceil(((batch.maxCost ?? 0) + (batch.needed ?? 0)) * 100) / 100,
            )}
            value={cap}
            onChange={(e) => setCap(e.target.value)}
          />
          <button
            type="button"
            className="tb"
            data-testid="batch-raise-cap-go"
            onClick={() => {
              setAdvice(undefined);
              const value = Number(cap || (batch.maxCost ?? 0) + (batch.needed ?? 0));
              if (Number.isFinite(value) && value >= 0) void raiseCap(Math.ceil(value * 1e6) / 1e6);
            }}
          >
            Raise the cap and go on
          </button>
        </div>
      )}
      <div className="batch-controls">
        <button
          type="button"
          className="tb"
          data-testid="batch-pause"
          disabled={!active}
          onClick={() => void controlBatch('pause')}
        >
          Pause
        </button>
        <button
          type="button"
          className="tb"
          data-testid="batch-resume"
          disabled={!stopped}
          onClick={() => {
            const stuck = resumeAdvice(batch);
            if (!stuck) {
              setAdvice(undefined);
              void controlBatch('resume');
              return;
            }
            // The server would stop it again before any row: say what to change, and start it.
            setAdvice(stuck.message);
            if (!cap) setCap(String(stuck.suggested));
            capInput.current?.focus();
          }}
        >
          Resume
        </button>
        <button
          type="button"
          className="tb danger"
          data-testid="batch-cancel"
          disabled={isFinished(batch.status)}
          onClick={() => void controlBatch('cancel')}
        >
          Cancel
        </button>
        <button
          type="button"
          className="tb"
          data-testid="batch-retry"
          disabled={batch.failed + batch.cancelled === 0 || batch.status === 'cancelled' || active}
          title="Run the failed rows again (the others are kept)"
          onClick={() => void controlBatch('retry')}
        >
          Retry failed
        </button>
        <a
          className="tb"
          data-testid="batch-download"
          href={batchZipUrl(batch.id)}
          download={`${batch.id}.zip`}
          title="Every output image and manifest.csv (row, inputs, files, status, cost)"
        >
          ⬇ Download all
        </a>
      </div>
    </div>
  );
}
