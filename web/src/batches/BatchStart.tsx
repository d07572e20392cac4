import { formatCost } from '../runs/format-cost';
import type { BatchColumn } from './batch-grid';
import { useBatch } from './batch-store';
import { previewSoon, startBatch } from './batch-controller';
import { capTooLow } from './batch-cap';

/** The preflight (rows, API calls, cached nodes, estimated cost), the optional cap, Start. */
export function BatchStart({ columns }: { columns: readonly BatchColumn[] }) {
  const preflight = useBatch((s) => s.preflight);
  const maxCost = useBatch((s) => s.maxCost);
  const starting = useBatch((s) => s.starting);
  const uploading = useBatch((s) => s.uploading);
  const localCount = useBatch((s) => s.problems.size);
  const cap = Number(maxCost);
  const capInvalid = maxCost.trim() !== '' && (!Number.isFinite(cap) || cap < 0);
  const ready =
    preflight.state === 'ok' && localCount === 0 && !capInvalid && !starting && uploading === 0;
  const over =
    preflight.state === 'ok' && maxCost.trim() !== '' && cap < preflight.result.estimatedCost;
  const tooLow =
    preflight.state === 'ok' && maxCost.trim() !== '' && !capInvalid
      ? capTooLow(cap, preflight.result.firstRowCost)
      : undefined;

  return (
    <div className="batch-start">
      <div className="batch-preflight" data-testid="batch-preflight" data-state={preflight.state}>
        {preflight.state === 'idle' && (
          <span className="muted">Add rows to see what the batch costs.</span>
        )}
        {preflight.state === 'checking' && <span className="muted">Checking the rows…</span>}
        {preflight.state === 'ok' && (
          <>
            <span data-testid="batch-preflight-rows">
              <b>{preflight.result.rows}</b> rows
            </span>
            <span data-testid="batch-preflight-calls">
              <b>{preflight.result.calls}</b> API calls
            </span>
            <span data-testid="batch-preflight-cached">
              <b>{preflight.result.cachedNodes}</b> cached
            </span>
            <span data-testid="batch-preflight-cost" title="Estimated from the model catalogue">
              ≈ <b>{formatCost(preflight.result.estimatedCost)}</b>
            </span>
          </>
        )}
        {preflight.state === 'invalid' && (
          <span className="error-text" data-testid="batch-preflight-invalid">
            {preflight.count === 1 ? '1 cell needs' : `${preflight.count} cells need`} fixing:{' '}
            {preflight.message}
          </span>
        )}
        {preflight.state === 'error' && <span className="error-text">{preflight.message}</span>}
      </div>
      <div className="batch-start-row">
        <label className="batch-cap">
          Max cost (USD, optional)
          <input
            data-testid="batch-max-cost"
            inputMode="decimal"
            placeholder="no cap"
            aria-invalid={capInvalid || undefined}
            value={maxCost}
            onChange={(e) => {
              useBatch.getState().set({ maxCost: e.target.value });
              previewSoon(columns);
            }}
          />
        </label>
        {tooLow && (
          <span className="error-text small" role="alert" data-testid="batch-cap-warning">
            {tooLow}
          </span>
        )}
        {over && !tooLow && (
          <span className="muted small" data-testid="batch-cap-note">
            The cap is below the estimate: the batch stops when it is reached, and raising it goes
            on.
          </span>
        )}
        <button
          type="button"
          className="tb primary"
          data-testid="batch-start"
          disabled={!ready}
          title={
            uploading > 0
              ? 'Waiting for the images to upload'
              : ready
                ? (tooLow ?? 'Queue every row (the server keeps going after a restart)')
                : 'Fix the marked cells first'
          }
          onClick={() => void startBatch(columns)}
        >
          {starting ? 'Starting…' : uploading > 0 ? `Uploading ${uploading}…` : '▶ Start batch'}
        </button>
      </div>
    </div>
  );
}
