import type { BatchColumn, GridRow } from './batch-grid';
import { isEmptyRow, parseTable, pasteIntoGrid } from './batch-grid';

/** A dropped file that is a table of rows (by name or type); anything else is not loaded. */
export const isTableFile = (file: { name: string; type: string }) =>
  /\.(csv|tsv|txt)$/i.test(file.name) || /^text\/(csv|tab-separated-values|plain)$/.test(file.type);

export type CsvLoad =
  { ok: true; rows: GridRow[]; message: string } | { ok: false; message: string };

/**
 * A CSV file dropped on the Batch grid, loaded as pasting it would be: a first line naming
 * inputs is a header, otherwise cells fill the columns left to right. Rows go after the last
 * row that holds anything, so nothing typed before is overwritten.
 */
export const loadCsv = (
  rows: readonly GridRow[],
  columns: readonly BatchColumn[],
  file: { name: string; type: string },
  text: string,
): CsvLoad => {
  const { name } = file;
  const inputs = columns.map((c) => c.name).join(', ');
  if (!isTableFile(file) || text.includes('\u0000'))
    return {
      ok: false,
      message: `${name} is not a CSV file: save the sheet as CSV (comma-separated) and drop that file, or copy its cells and paste them into the grid.`,
    };
  const table = parseTable(text);
  if (table.length === 0 || table.every((line) => line.every((c) => c.trim() === '')))
    return {
      ok: false,
      message: `${name} has no rows: put one row per run under a header (${inputs}).`,
    };
  // A first line that names some inputs but not others is a header with a typo: say which.
  const first = table[0]!.map((c) => c.trim());
  const known = new Set(columns.map((c) => c.name.toLowerCase()));
  const unknown = first.filter((c) => c !== '' && !known.has(c.toLowerCase()));
  if (table.length > 1 && unknown.length > 0 && unknown.length < first.length)
    return {
      ok: false,
      message: `${name}'s first line names ${unknown.map((u) => `"${u}"`).join(', ')}, which this recipe has no input for: its inputs are ${inputs}.`,
    };
  let start = rows.length;
  while (start > 0 && isEmptyRow(rows[start - 1]!)) start--;
  const result = pasteIntoGrid(rows.slice(0, Math.max(start, 0)), columns, text, {
    row: start,
    column: columns[0]?.name ?? '',
  });
  if (result.pasted === 0)
    return { ok: false, message: `${name} has no rows under its header: add one row per run.` };
  const header = result.header ? ' (the first line named the columns)' : '';
  const note = result.dropped > 0 ? `; ${result.dropped} cells had no column to go to` : '';
  return {
    ok: true,
    rows: result.rows,
    message: `${result.pasted} row${result.pasted === 1 ? '' : 's'} loaded from ${name}${header}${note}`,
  };
};

/** A dropped file's text (FileReader: also where `Blob.text` is missing, as in older engines). */
export const readText = (file: Blob): Promise<string> =>
  new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : '');
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsText(file);
  });
