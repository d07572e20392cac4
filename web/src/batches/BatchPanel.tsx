import { useEffect, useMemo, useState } from 'react';
import type { BatchRecord } from '../api/batch-api';
import { batchApi } from '../api/batch-api';
import { formatCost } from '../runs/format-cost';
import { useDocument } from '../store/document-store';
import { Segmented } from '../ui/Segmented';
import { SidePanel } from '../ui/SidePanel';
import { BatchGenerators } from './BatchGenerators';
import { BatchGrid } from './BatchGrid';
import { BatchProgress } from './BatchProgress';
import { BatchResults } from './BatchResults';
import { BatchStart } from './BatchStart';
import { emptyRow } from './batch-grid';
import { closeBatch, openBatch, previewNow, previewSoon } from './batch-controller';
import { rememberedBatch, useBatch } from './batch-store';
import { columnsOf, STATUS_LABEL } from './batch-view';
import './batches.css';

/** Batches of this workflow (or all, for a document not saved), newest first. */
function BatchList({ onOpen }: { onOpen(id: string): void }) {
  const workflowId = useDocument((s) => s.workflowId);
  const openId = useBatch((s) => s.batch?.id);
  const status = useBatch((s) => s.batch?.status);
  const [list, setList] = useState<BatchRecord[]>([]);
  useEffect(() => {
    batchApi.list().then(
      (all) => setList(all.filter((b) => !workflowId || b.workflowId === workflowId)),
      () => setList([]),
    );
  }, [workflowId, openId, status]);
  if (list.length === 0) return null;
  return (
    <label className="batch-list">
      <span className="muted small">Batches</span>
      <select
        data-testid="batch-list"
        value={openId ?? ''}
        onChange={(e) => e.target.value && onOpen(e.target.value)}
      >
        <option value="">Open a batch…</option>
        {list.map((b) => (
          <option key={b.id} value={b.id}>
            {new Date(b.createdAt).toLocaleString()} · {b.total} rows · {STATUS_LABEL[b.status]} ·{' '}
            {formatCost(b.cost)}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * The Batch panel for the open recipe: a grid of its named inputs (typed, pasted, generated,
 * images dropped), the preflight and Start; then progress, controls and the results grid.
 */
export function BatchPanel() {
  const inputs = useDocument((s) => s.inputs);
  const nodes = useDocument((s) => s.nodes);
  const name = useDocument((s) => s.name);
  const columns = useMemo(() => columnsOf(inputs, nodes), [inputs, nodes]);
  const tab = useBatch((s) => s.tab);
  const batch = useBatch((s) => s.batch);
  const rowCount = useBatch((s) => s.rows.length);

  useEffect(() => {
    if (rowCount === 0 && columns.length > 0) useBatch.getState().setRows([emptyRow(columns)]);
  }, [rowCount, columns]);
  // A check of what is there when the panel opens (the grid survives reloads), and again
  // when the recipe changes (the same request is not sent twice).
  useEffect(() => {
    const { inputs, nodes } = useDocument.getState();
    void previewNow(columnsOf(inputs, nodes), { force: true });
  }, []);
  useEffect(() => previewSoon(columns), [columns]);
  useEffect(() => {
    const id = rememberedBatch();
    if (id && !useBatch.getState().batch) void openBatch(id);
  }, []);

  return (
    <SidePanel
      title={`Batch · ${name}`}
      label="Batch"
      testId="batch-panel"
      className="batch-panel"
      closeLabel="Close batch panel"
      closeTestId="batch-close"
    >
      <div className="batch-tabs">
        <Segmented
          value={tab}
          onChange={(tab) => useBatch.getState().set({ tab })}
          options={[
            { value: 'rows', label: 'Rows', testId: 'batch-tab-rows' },
            {
              value: 'results',
              label: 'Results',
              testId: 'batch-tab-results',
              disabled: !batch,
            },
          ]}
        />
        <BatchList onOpen={(id) => void openBatch(id)} />
        {batch && (
          <button type="button" className="tb small" data-testid="batch-new" onClick={closeBatch}>
            New batch
          </button>
        )}
      </div>
      {tab === 'rows' &&
        (columns.length === 0 ? (
          <p className="muted" data-testid="batch-no-inputs">
            This recipe has no named inputs yet. Use “⇢ input” on a field of a card (a prompt’s
            text, a reference image) to make it a column here.
          </p>
        ) : (
          <>
            <BatchGrid columns={columns} />
            <BatchGenerators columns={columns} />
            <BatchStart columns={columns} />
          </>
        ))}
      {tab === 'results' && batch && (
        <>
          <BatchProgress />
          <BatchResults />
        </>
      )}
    </SidePanel>
  );
}
