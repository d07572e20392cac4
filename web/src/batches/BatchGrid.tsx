import { useRef, useState } from 'react';
import { blobUrl } from '../api/api';
import type { BatchColumn } from './batch-grid';
import { cellKey, emptyRow, isImageColumn, MAX_ROWS, pasteIntoGrid } from './batch-grid';
import { useBatch } from './batch-store';
import { useSession } from '../store/session-store';
import { addImages, droppedFiles, previewSoon } from './batch-controller';
import { Pager } from './Pager';
import { isTableFile, loadCsv, readText } from './csv-drop';

/** Shows at most this many rows at once; the rest are reached by paging (10,000 rows fit). */
const PAGE = 100;

/**
 * The table of inputs: type into cells, paste a block from a spreadsheet or a CSV (Ctrl+V in
 * any cell: it lands there and grows the grid), drop images or a folder on an image column.
 */
export function BatchGrid({ columns }: { columns: readonly BatchColumn[] }) {
  const rows = useBatch((s) => s.rows);
  const files = useBatch((s) => s.files);
  const problems = useBatch((s) => s.problems);
  const [page, setPage] = useState(0);
  const [dropTarget, setDropTarget] = useState<string | undefined>();
  const pickers = useRef<Record<string, HTMLInputElement | null>>({});
  const pages = Math.max(1, Math.ceil(rows.length / PAGE));
  const first = Math.min(page, pages - 1) * PAGE;
  const shown = rows.slice(first, first + PAGE);

  const update = (next: typeof rows) => {
    useBatch.getState().setRows(next);
    previewSoon(columns);
  };
  const setCell = (row: number, column: string, value: string) =>
    update(rows.map((r, i) => (i === row ? { ...r, [column]: value } : r)));
  const onPaste = (e: React.ClipboardEvent, row: number, column: string) => {
    const text = e.clipboardData.getData('text/plain');
    if (!/[\t\n]/.test(text)) return; // one value: the input takes it as typed text
    e.preventDefault();
    const result = pasteIntoGrid(rows, columns, text, { row, column });
    update(result.rows);
    const note = result.dropped > 0 ? `; ${result.dropped} cells had no column to go to` : '';
    const header = result.header ? ' (the first line named the columns)' : '';
    useSession
      .getState()
      .toast(`${result.pasted} row${result.pasted === 1 ? '' : 's'} pasted${header}${note}`);
  };
  const onDrop = async (e: React.DragEvent, column: BatchColumn) => {
    if ([...e.dataTransfer.files].some(isTableFile)) return; // a CSV: the grid loads it
    e.preventDefault();
    setDropTarget(undefined);
    if (!isImageColumn(column)) return;
    await addImages(columns, column.name, await droppedFiles(e.dataTransfer));
  };
  const dropProps = (column: BatchColumn) =>
    isImageColumn(column)
      ? {
          onDragOver: (e: React.DragEvent) => {
            e.preventDefault();
            setDropTarget(column.name);
          },
          onDragLeave: () => setDropTarget(undefined),
          onDrop: (e: React.DragEvent) => void onDrop(e, column),
        }
      : {};
  // A file dropped anywhere on the grid (not an image column's images) loads as rows.
  const onDropFile = async (e: React.DragEvent) => {
    const file = e.dataTransfer.files[0];
    if (e.defaultPrevented || !file) return;
    e.preventDefault();
    setDropTarget(undefined);
    const loaded = loadCsv(useBatch.getState().rows, columns, file, await readText(file));
    if (loaded.ok) update(loaded.rows);
    useSession.getState().toast(loaded.message, loaded.ok ? 'success' : 'error');
  };

  return (
    <div
      className="batch-grid-wrap"
      onDragOver={(e) => {
        if (e.dataTransfer.types.includes('Files')) e.preventDefault();
      }}
      onDrop={(e) => void onDropFile(e)}
    >
      <table className="batch-grid" data-testid="batch-grid">
        <thead>
          <tr>
            <th className="batch-rownum">#</th>
            {columns.map((column) => (
              <th
                key={column.name}
                data-testid={`batch-col-${column.name}`}
                className={dropTarget === column.name ? 'drop-target' : undefined}
                {...dropProps(column)}
              >
                <span className="batch-col-name">{column.label}</span>
                <span className="muted small"> {column.kind}</span>
                {isImageColumn(column) && (
                  <>
                    <button
                      type="button"
                      className="tb small"
                      data-testid={`batch-images-${column.name}`}
                      title="Choose images (or drop a folder of them on this column)"
                      onClick={() => pickers.current[column.name]?.click()}
                    >
                      Images…
                    </button>
                    <input
                      ref={(el) => {
                        pickers.current[column.name] = el;
                      }}
                      type="file"
                      multiple
                      hidden
                      accept="image/png,image/jpeg,image/webp"
                      data-testid={`batch-images-input-${column.name}`}
                      onChange={(e) => {
                        const chosen = [...(e.target.files ?? [])];
                        e.target.value = '';
                        void addImages(columns, column.name, chosen);
                      }}
                    />
                  </>
                )}
              </th>
            ))}
            <th aria-label="Row actions" />
          </tr>
        </thead>
        <tbody>
          {shown.map((row, offset) => {
            const index = first + offset;
            const rowProblem = problems.get(cellKey(index, ''));
            return (
              <tr
                key={index}
                data-testid={`batch-row-${index}`}
                className={rowProblem ? 'invalid' : undefined}
                title={rowProblem}
              >
                <td className="batch-rownum">{index + 1}</td>
                {columns.map((column) => {
                  const problem = problems.get(cellKey(index, column.name));
                  const value = row[column.name] ?? '';
                  const image = isImageColumn(column)
                    ? (files[value] ?? files[value.split(/[\\/]/).pop() ?? ''])
                    : undefined;
                  return (
                    <td
                      key={column.name}
                      className={`${problem ? 'invalid' : ''}${dropTarget === column.name ? ' drop-target' : ''}`}
                      {...dropProps(column)}
                    >
                      <div className="batch-cell">
                        {image && (
                          <img src={blobUrl(image.blob)} alt="" className="batch-cell-thumb" />
                        )}
                        <input
                          data-testid={`batch-cell-${index}-${column.name}`}
                          aria-label={`Row ${index + 1}, ${column.label}`}
                          aria-invalid={problem ? true : undefined}
                          value={value}
                          placeholder={isImageColumn(column) ? 'file name' : 'recipe value'}
                          onChange={(e) => setCell(index, column.name, e.target.value)}
                          onPaste={(e) => onPaste(e, index, column.name)}
                        />
                      </div>
                      {problem && (
                        <div
                          className="batch-cell-problem"
                          data-testid={`batch-problem-${index}-${column.name}`}
                        >
                          {problem}
                        </div>
                      )}
                    </td>
                  );
                })}
                <td>
                  <button
                    type="button"
                    className="tb small"
                    aria-label={`Delete row ${index + 1}`}
                    onClick={() => update(rows.filter((_, i) => i !== index))}
                  >
                    ✕
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="batch-grid-foot">
        <button
          type="button"
          className="tb"
          data-testid="batch-add-row"
          disabled={rows.length >= MAX_ROWS}
          onClick={() => update([...rows, emptyRow(columns)])}
        >
          + Row
        </button>
        <button
          type="button"
          className="tb"
          data-testid="batch-clear"
          disabled={rows.every((r) => Object.values(r).every((v) => v === ''))}
          onClick={() => update([emptyRow(columns)])}
        >
          Clear
        </button>
        <span className="muted small">
          {rows.length} row{rows.length === 1 ? '' : 's'} · paste from a spreadsheet into any cell
          or drop a CSV file on the grid
          {columns.some(isImageColumn) ? ' · drop images or a folder on an image column' : ''}
        </span>
        {pages > 1 && (
          <Pager page={page} pages={pages} onPage={setPage}>
            {first + 1}–{Math.min(rows.length, first + PAGE)}
          </Pager>
        )}
      </div>
    </div>
  );
}
