import Papa from 'papaparse';
import type { RowProblem } from './preflight';

/** A cell: text, or an uploaded image (`{ blob }`) for an image input. */
export type CellValue = string | { blob: string };
export type RowValues = Record<string, CellValue>;

/** Where a batch's rows come from (exactly one). */
export interface RowSource {
  rows?: RowValues[];
  csv?: string;
  /** Cross product: every combination of the lists ("3 subjects × 4 styles" = 12 rows). */
  product?: Record<string, CellValue[]>;
  /** Zip: the i-th row takes the i-th value of every list (lists of equal length). */
  zip?: Record<string, CellValue[]>;
}

export class RowSourceError extends Error {
  constructor(
    readonly problems: RowProblem[],
    readonly path: string,
  ) {
    super(problems[0]?.message ?? 'Bad rows.');
    this.name = 'RowSourceError';
  }
}

/**
 * A CSV or TSV table (the delimiter is detected; the header names the inputs). A cell that
 * starts with `blob:` names an uploaded image (`blob:<sha256>`); an empty cell leaves the
 * recipe's own value. Problems name the row (0-based, header excluded) and column.
 */
export const parseCsv = (text: string): RowValues[] => {
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (h) => h.trim(),
  });
  const problems: RowProblem[] = [];
  // One column has no delimiter to detect: that is fine.
  for (const error of parsed.errors.filter((e) => e.code !== 'UndetectableDelimiter'))
    problems.push({
      row: error.row ?? 0,
      code: 'invalid_csv',
      message: `CSV row ${(error.row ?? 0) + 1}: ${error.message}.`,
    });
  const fields = parsed.meta.fields ?? [];
  if (fields.length === 0 || fields.every((f) => f === ''))
    problems.push({
      row: 0,
      code: 'invalid_csv',
      message: 'The CSV has no header row naming the inputs.',
    });
  fields.forEach((field, i) => {
    if (field === '')
      problems.push({
        row: 0,
        code: 'invalid_csv',
        message: `CSV header column ${i + 1} has no name.`,
      });
    else if (fields.indexOf(field) !== i)
      problems.push({
        row: 0,
        column: field,
        code: 'invalid_csv',
        message: `CSV header names "${field}" twice.`,
      });
  });
  if (problems.length > 0) throw new RowSourceError(problems, 'csv');
  return parsed.data.map((record) => {
    const row: RowValues = {};
    for (const field of fields) {
      const cell = record[field];
      if (cell === undefined || cell === '') continue;
      row[field] = /^blob:[0-9a-f]{64}$/.test(cell.trim()) ? { blob: cell.trim().slice(5) } : cell;
    }
    return row;
  });
};

/** Every combination of the lists, the first list varying slowest. */
export const crossProduct = (lists: Record<string, CellValue[]>): RowValues[] => {
  let rows: RowValues[] = [{}];
  for (const [name, values] of Object.entries(lists))
    rows = rows.flatMap((row) => values.map((value) => ({ ...row, [name]: value })));
  return Object.keys(lists).length === 0 ? [] : rows;
};

/** The i-th row takes the i-th value of every list; the lists must be as long as each other. */
export const zipLists = (lists: Record<string, CellValue[]>): RowValues[] => {
  const entries = Object.entries(lists);
  const length = entries[0]?.[1].length ?? 0;
  const uneven = entries.find(([, values]) => values.length !== length);
  if (uneven)
    throw new RowSourceError(
      [
        {
          row: Math.min(length, uneven[1].length),
          column: uneven[0],
          code: 'uneven_zip',
          message: `zip lists must be as long as each other: "${entries[0]![0]}" has ${length} values, "${uneven[0]}" has ${uneven[1].length}.`,
        },
      ],
      `zip.${uneven[0]}`,
    );
  return Array.from({ length }, (_, i) => Object.fromEntries(entries.map(([k, v]) => [k, v[i]!])));
};

/** The rows of a source (exactly one of rows, csv, product, zip). */
export const rowsOf = (source: RowSource): RowValues[] => {
  const given = (['rows', 'csv', 'product', 'zip'] as const).filter((k) => source[k] !== undefined);
  if (given.length !== 1)
    throw new RowSourceError(
      [
        {
          row: 0,
          code: 'invalid_request',
          message:
            given.length === 0
              ? 'Send the rows: one of "rows" (a list of {input: value}), "csv" (text with a header), "product" or "zip" (lists by input name).'
              : `Send only one of "rows", "csv", "product", "zip" (got ${given.join(', ')}).`,
        },
      ],
      given[1] ?? 'rows',
    );
  if (source.rows) return source.rows;
  if (source.csv !== undefined) return parseCsv(source.csv);
  if (source.product) return crossProduct(source.product);
  return zipLists(source.zip!);
};
