import Papa from 'papaparse';

/**
 * The Batch panel's table as data, no React: a column per named input of the recipe, a row per
 * run. A cell is text; an image column's cell names a file of the uploaded set (`fox.png`) or
 * a blob (`blob:<sha256>`); an empty cell keeps the recipe's own value.
 */
export interface BatchColumn {
  name: string;
  label: string;
  kind: 'text' | 'image' | 'mask';
}

export type GridRow = Record<string, string>;

/** Where a cell is: `row` in the grid, `column` an input name. */
export interface CellRef {
  row: number;
  column: string;
}

export const MAX_ROWS = 10_000;

export const cellKey = (row: number, column: string) => `${row}:${column}`;

export const isImageColumn = (column: BatchColumn) => column.kind !== 'text';

const BLOB_CELL = /^blob:[0-9a-f]{64}$/;

export const emptyRow = (columns: readonly BatchColumn[]): GridRow =>
  Object.fromEntries(columns.map((c) => [c.name, '']));

export const isEmptyRow = (row: GridRow) => Object.values(row).every((v) => v.trim() === '');

/** A table from a spreadsheet (TSV) or a CSV file: the delimiter is detected. */
export const parseTable = (text: string): string[][] => {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, '').replace(/\r?\n$/, ''), {
    skipEmptyLines: false,
  });
  return parsed.data.filter((line) => !(line.length === 1 && line[0] === ''));
};

/** The header's column names when the table's first line names inputs (in any order). */
const headerOf = (first: string[], columns: readonly BatchColumn[]): string[] | undefined => {
  const names = first.map((cell) => cell.trim());
  const byName = new Map(columns.map((c) => [c.name.toLowerCase(), c.name]));
  const mapped = names.map((n) => byName.get(n.toLowerCase()));
  const named = mapped.filter((m): m is string => m !== undefined);
  return named.length > 0 && named.length === mapped.length ? named : undefined;
};

export interface PasteResult {
  rows: GridRow[];
  /** Rows written (new or changed). */
  pasted: number;
  /** Cells that fell right of the last column, or under a header name no input has. */
  dropped: number;
  /** The first line named the columns and was used as a header. */
  header: boolean;
}

/**
 * Pastes a table at `at`: a first line that names inputs is a header (cells go to the columns
 * it names, whatever the starting column); otherwise cells go left to right from `at.column`.
 * Rows are added as needed, up to MAX_ROWS.
 */
export const pasteIntoGrid = (
  rows: readonly GridRow[],
  columns: readonly BatchColumn[],
  text: string,
  at: CellRef = { row: 0, column: columns[0]?.name ?? '' },
): PasteResult => {
  const table = parseTable(text);
  const header = table.length > 1 ? headerOf(table[0]!, columns) : undefined;
  const body = header ? table.slice(1) : table;
  const start = Math.max(
    0,
    columns.findIndex((c) => c.name === at.column),
  );
  const targets = header ?? columns.slice(start).map((c) => c.name);
  const next = rows.map((r) => ({ ...r }));
  let dropped = 0;
  let pasted = 0;
  body.forEach((line, i) => {
    const index = at.row + i;
    if (index >= MAX_ROWS) {
      dropped += line.length;
      return;
    }
    while (next.length <= index) next.push(emptyRow(columns));
    line.forEach((cell, j) => {
      const name = targets[j];
      if (name === undefined) dropped++;
      else next[index]![name] = cell.trim();
    });
    pasted++;
  });
  return { rows: next, pasted, dropped, header: header !== undefined };
};

/** Values typed one per line (blank lines ignored). */
export const parseList = (text: string): string[] =>
  text
    .split(/\r?\n/)
    .map((v) => v.trim())
    .filter((v) => v !== '');

/** Every combination of the lists ("3 subjects × 4 styles" = 12 rows), the first varying slowest. */
export const crossProduct = (lists: Record<string, string[]>): GridRow[] => {
  const entries = Object.entries(lists).filter(([, values]) => values.length > 0);
  if (entries.length === 0) return [];
  let out: GridRow[] = [{}];
  for (const [name, values] of entries)
    out = out.flatMap((row) => values.map((value) => ({ ...row, [name]: value })));
  return out;
};

export const productSize = (lists: Record<string, string[]>): number => {
  const sizes = Object.values(lists)
    .map((v) => v.length)
    .filter((n) => n > 0);
  return sizes.length === 0 ? 0 : sizes.reduce((a, b) => a * b, 1);
};

/** The i-th row takes the i-th value of every list; lists must be as long as each other. */
export const zipLists = (lists: Record<string, string[]>): GridRow[] | { error: string } => {
  const entries = Object.entries(lists).filter(([, values]) => values.length > 0);
  const length = entries[0]?.[1].length ?? 0;
  const uneven = entries.find(([, values]) => values.length !== length);
  if (uneven)
    return {
      error: `Zip pairs the lists line by line: "${entries[0]![0]}" has ${length} values, "${uneven[0]}" has ${uneven[1].length}.`,
    };
  return Array.from({ length }, (_, i) => Object.fromEntries(entries.map(([k, v]) => [k, v[i]!])));
};

/** Generated rows as full grid rows (the other columns empty: the recipe's own values). */
export const completeRows = (rows: readonly GridRow[], columns: readonly BatchColumn[]) =>
  rows.map((row) => ({ ...emptyRow(columns), ...row }));

/** Sets `values` down one column from `startRow`, adding rows as needed (a dropped folder). */
export const fillColumn = (
  rows: readonly GridRow[],
  columns: readonly BatchColumn[],
  column: string,
  values: readonly string[],
  startRow = 0,
): GridRow[] => {
  const next = rows.map((r) => ({ ...r }));
  values.forEach((value, i) => {
    const index = startRow + i;
    if (index >= MAX_ROWS) return;
    while (next.length <= index) next.push(emptyRow(columns));
    next[index]![column] = value;
  });
  return next;
};

/** The first row from which `column` is empty to the end (where a dropped folder goes). */
export const firstFreeRow = (rows: readonly GridRow[], column: string): number => {
  let free = rows.length;
  while (free > 0 && (rows[free - 1]![column] ?? '').trim() === '') free--;
  return free;
};

export interface BatchRequestRows {
  rows: Record<string, string>[];
  /** Request row i is grid row gridRow[i] (empty grid rows are not sent). */
  gridRow: number[];
}

/**
 * The rows to send: empty rows left out, empty cells left out (the recipe's own value), and
 * cells of columns the recipe no longer has (a grid kept from another recipe) left out.
 */
export const requestRows = (
  rows: readonly GridRow[],
  columns: readonly BatchColumn[],
): BatchRequestRows => {
  const out: BatchRequestRows = { rows: [], gridRow: [] };
  const names = new Set(columns.map((c) => c.name));
  rows.forEach((row, index) => {
    const cells: Record<string, string> = {};
    for (const [name, value] of Object.entries(row))
      if (names.has(name) && value.trim() !== '') cells[name] = value;
    if (Object.keys(cells).length === 0) return;
    out.rows.push(cells);
    out.gridRow.push(index);
  });
  return out;
};

/** Problems found before asking the server: image cells that name nothing uploaded. */
export const localProblems = (
  rows: readonly GridRow[],
  columns: readonly BatchColumn[],
  files: Readonly<Record<string, unknown>>,
): Map<string, string> => {
  const problems = new Map<string, string>();
  rows.forEach((row, index) => {
    for (const column of columns.filter(isImageColumn)) {
      const value = (row[column.name] ?? '').trim();
      if (value === '' || BLOB_CELL.test(value)) continue;
      const base = value.split(/[\\/]/).pop()!;
      if (!(value in files) && !(base in files))
        problems.set(
          cellKey(index, column.name),
          `“${value}” is not uploaded: drop that image (or its folder) on the “${column.label}” column`,
        );
    }
  });
  return problems;
};

/**
 * The server's problems (`rows[3].subject`) on the grid's cells; a problem of a whole row is
 * keyed by the row alone (`3:`).
 */
export const serverProblems = (
  issues: readonly { path: string; message: string }[],
  gridRow: readonly number[],
): Map<string, string> => {
  const problems = new Map<string, string>();
  for (const issue of issues) {
    const match = /^rows\[(\d+)\](?:\.(.+))?$/.exec(issue.path);
    if (!match) continue;
    const row = gridRow[Number(match[1])];
    if (row === undefined) continue;
    // The server says "Row 4, column …:" in request rows; the cell shows where it is already.
    const text = issue.message.replace(/^Row \d+(, column "[^"]*")?: /, '');
    problems.set(cellKey(row, match[2] ?? ''), text);
  }
  return problems;
};
