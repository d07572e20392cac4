import { useEffect, useMemo, useState } from 'react';
import { blobUrl } from '../api/api';
import type { BatchRowRecord } from '../api/batch-api';
import { CompareRunsButton } from '../review/CompareRunsButton';
import { usePickTwo } from '../review/use-pick-two';
import { StarButton } from '../review/StarButton';
import { useStars } from '../review/use-stars';
import { formatCost } from '../runs/format-cost';
import { openRun } from '../runs/run-controller';
import { useSession } from '../store/session-store';
import { Segmented } from '../ui/Segmented';
import { useBatch } from './batch-store';
import { loadRun } from './batch-controller';
import { Pager } from './Pager';
import type { ResultFilter } from './batch-view';
import { RESULT_FILTERS, resultColumns } from './batch-view';

const PAGE = 50;

const inputText = (value: BatchRowRecord['inputs'][string]) =>
  typeof value === 'string' ? value : `image ${value.width}×${value.height}`;

/**
 * A row per input row, a column per output image (by output name when the recipe names its
 * outputs); a thumbnail opens that row's run on the canvas, its ★ stars that output, and two
 * picked rows open side by side (#/compare). Filters are data (RESULT_FILTERS).
 */
export function BatchResults() {
  const results = useBatch((s) => s.results);
  const runs = useBatch((s) => s.runs);
  const filter = useBatch((s) => s.filter);
  const batchId = useBatch((s) => s.batch?.id);
  const stars = useStars({ batchId });
  const context = { starredRuns: stars.runIds };
  const [picked, pick] = usePickTwo<string>();
  const [page, setPage] = useState(0);
  const columns = useMemo(() => resultColumns(Object.values(runs)), [runs]);
  const names = useMemo(
    () => [...new Set(results.flatMap((r) => Object.keys(r.inputs)))],
    [results],
  );
  const active = RESULT_FILTERS.find((f) => f.id === filter) ?? RESULT_FILTERS[0]!;
  const passes = (f: ResultFilter) => (row: BatchRowRecord) =>
    f.test(row, row.runId ? runs[row.runId] : undefined, context);
  const shown = results.filter(passes(active));
  const pages = Math.max(1, Math.ceil(shown.length / PAGE));
  const first = Math.min(page, pages - 1) * PAGE;
  const visible = shown.slice(first, first + PAGE);
  const wanted = visible
    .filter((row) => row.runId && row.status === 'succeeded')
    .map((row) => row.runId!)
    .join(' ');
  useEffect(() => {
    for (const runId of wanted.split(' ')) if (runId) void loadRun(runId);
  }, [wanted]);

  const open = (runId: string) => {
    useSession.getState().setPanel(null);
    void openRun(runId);
  };

  return (
    <div className="batch-results">
      <Segmented
        className="batch-filters"
        label="Show rows"
        value={active.id}
        onChange={(filter) => {
          useBatch.getState().set({ filter });
          setPage(0);
        }}
        options={RESULT_FILTERS.map((f) => ({
          value: f.id,
          label: `${f.label} (${results.filter(passes(f)).length})`,
          testId: `batch-filter-${f.id}`,
        }))}
      >
        <CompareRunsButton
          picked={picked}
          className="tb small"
          testId="batch-compare"
          title="Pick two rows (the boxes) to compare their runs side by side"
        />
      </Segmented>
      <table className="batch-grid batch-results-grid" data-testid="batch-results">
        <thead>
          <tr>
            <th className="batch-rownum">#</th>
            <th>Inputs</th>
            {columns.map((c) => (
              <th key={c.key} data-testid={`batch-result-col-${c.label}`}>
                {c.label}
              </th>
            ))}
            <th>Status</th>
            <th>Cost</th>
          </tr>
        </thead>
        <tbody>
          {visible.map((row) => {
            const run = row.runId ? runs[row.runId] : undefined;
            return (
              <tr
                key={row.index}
                data-testid={`batch-result-${row.index}`}
                data-status={row.status}
              >
                <td className="batch-rownum">
                  {row.index + 1}
                  {row.runId && row.status !== 'queued' && (
                    <input
                      type="checkbox"
                      aria-label={`Pick row ${row.index + 1} to compare`}
                      data-testid={`batch-pick-${row.index}`}
                      checked={picked.includes(row.runId)}
                      onChange={() => pick(row.runId!)}
                    />
                  )}
                </td>
                <td className="batch-result-inputs">
                  {names
                    .filter((n) => row.inputs[n] !== undefined)
                    .map((n) => (
                      <div key={n}>
                        <span className="muted">{n}:</span> {inputText(row.inputs[n]!)}
                      </div>
                    ))}
                </td>
                {columns.map((c) => {
                  const image = run ? c.image(run) : undefined;
                  const nodeId = run ? c.nodeId(run) : undefined;
                  return (
                    <td key={c.key} className="batch-result-cell">
                      {image && row.runId ? (
                        <>
                          <button
                            type="button"
                            className="batch-thumb"
                            data-testid={`batch-thumb-${row.index}-${c.label}`}
                            title="Open this run on the canvas"
                            onClick={() => open(row.runId!)}
                          >
                            <img
                              src={blobUrl(image.blob)}
                              alt={`Row ${row.index + 1}, ${c.label}`}
                            />
                          </button>
                          {nodeId && (
                            <StarButton
                              starred={stars.isStarred(row.runId, nodeId)}
                              onToggle={() => void stars.toggle(row.runId!, nodeId)}
                              testId={`batch-star-${row.index}-${c.label}`}
                            />
                          )}
                        </>
                      ) : (
                        <span className="muted small">—</span>
                      )}
                    </td>
                  );
                })}
                <td>
                  <span className={`batch-row-status status-${row.status}`}>{row.status}</span>
                  {row.error && (
                    <div className="batch-cell-problem" title={row.error.code}>
                      {row.error.message}
                    </div>
                  )}
                  {row.runId && !(run && columns.length > 0) && row.status !== 'queued' && (
                    <button
                      type="button"
                      className="tb small"
                      data-testid={`batch-open-run-${row.index}`}
                      onClick={() => open(row.runId!)}
                    >
                      Open run
                    </button>
                  )}
                </td>
                <td>{row.status === 'queued' ? '' : formatCost(row.cost)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {shown.length === 0 && <p className="muted">No rows here.</p>}
      {pages > 1 && (
        <Pager page={page} pages={pages} onPage={setPage}>
          {first + 1}–{Math.min(shown.length, first + PAGE)} of {shown.length}
        </Pager>
      )}
    </div>
  );
}
