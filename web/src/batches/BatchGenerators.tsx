import { useState } from 'react';
import type { BatchColumn } from './batch-grid';
import {
  completeRows,
  crossProduct,
  isEmptyRow,
  MAX_ROWS,
  parseList,
  productSize,
  zipLists,
} from './batch-grid';
import { useBatch } from './batch-store';
import { previewSoon } from './batch-controller';
import { Segmented } from '../ui/Segmented';

/**
 * Rows from lists: the cross product ("3 subjects × 4 styles" = 12 rows) or a zip (line i of
 * every list). A list per column, one value per line; an empty list keeps the recipe's value.
 */
export function BatchGenerators({ columns }: { columns: readonly BatchColumn[] }) {
  const [mode, setMode] = useState<'product' | 'zip'>('product');
  const [texts, setTexts] = useState<Record<string, string>>({});
  const lists = Object.fromEntries(columns.map((c) => [c.name, parseList(texts[c.name] ?? '')]));
  const zipped = mode === 'zip' ? zipLists(lists) : undefined;
  const count = mode === 'product' ? productSize(lists) : Array.isArray(zipped) ? zipped.length : 0;
  const problem =
    zipped && !Array.isArray(zipped)
      ? zipped.error
      : count > MAX_ROWS
        ? `${count} rows: a batch has at most ${MAX_ROWS}`
        : undefined;
  const sizes = columns
    .map((c) => lists[c.name]!.length)
    .filter((n) => n > 0)
    .join(' × ');

  const generate = (append: boolean) => {
    const made =
      mode === 'product' ? crossProduct(lists) : (zipped as ReturnType<typeof crossProduct>);
    const store = useBatch.getState();
    const kept = append ? store.rows.filter((r) => !isEmptyRow(r)) : [];
    store.setRows([...kept, ...completeRows(made, columns)].slice(0, MAX_ROWS));
    previewSoon(columns);
  };

  return (
    <details className="batch-generators" data-testid="batch-generators">
      <summary>Generate rows from lists</summary>
      <Segmented
        value={mode}
        onChange={setMode}
        options={[
          { value: 'product', label: 'Every combination', testId: 'batch-gen-product' },
          { value: 'zip', label: 'Line by line (zip)', testId: 'batch-gen-zip' },
        ]}
      />
      <div className="batch-gen-lists">
        {columns.map((column) => (
          <label key={column.name} className="batch-gen-list">
            <span>
              {column.label} <span className="muted small">one per line</span>
            </span>
            <textarea
              rows={4}
              data-testid={`batch-gen-list-${column.name}`}
              placeholder={column.kind === 'text' ? 'a fox\nan owl' : 'fox.png\nowl.png'}
              value={texts[column.name] ?? ''}
              onChange={(e) => setTexts({ ...texts, [column.name]: e.target.value })}
            />
          </label>
        ))}
      </div>
      <div className="batch-gen-actions">
        <span className={problem ? 'error-text' : 'muted'} data-testid="batch-gen-count">
          {problem ??
            `${mode === 'product' && sizes.includes('×') ? `${sizes} = ` : ''}${count} rows`}
        </span>
        <button
          type="button"
          className="tb primary"
          data-testid="batch-gen-replace"
          disabled={count === 0 || !!problem}
          onClick={() => generate(false)}
        >
          Replace rows
        </button>
        <button
          type="button"
          className="tb"
          data-testid="batch-gen-append"
          disabled={count === 0 || !!problem}
          onClick={() => generate(true)}
        >
          Add rows
        </button>
      </div>
    </details>
  );
}
