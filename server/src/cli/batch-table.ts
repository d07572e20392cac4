import type { InputValue, Workflow } from '@atelier/graph';
import { recipeSignature } from '@atelier/graph';
import { registry } from '@atelier/nodes';
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { BlobStore } from '../blobs/blob-store';
import type { RowValues } from '../batches/batch-rows';
import { crossProduct, parseCsv, RowSourceError, zipLists } from '../batches/batch-rows';
import type { Command } from './args';
import { resolveSets } from './inputs';

type BatchCommand = Extract<Command, { kind: 'batch' }>;

/** A batch row as sent: text, or an uploaded image by its blob id. */
export type SentRow = Record<string, string | { blob: string }>;

/** A problem with the rows, worded for the person who wrote the CSV (row 1 = first data row). */
export interface TableProblem {
  row?: number;
  column?: string;
  message: string;
  code: string;
}

export type Table =
  | { ok: true; rows: SentRow[]; source: string }
  | { ok: false; problems: TableProblem[]; source: string };

/** `rows.csv row 4 (line 5), column "subject": …` */
export const problemLine = (source: string, p: TableProblem, csv: boolean): string => {
  const where =
    p.row === undefined
      ? source
      : `${source} row ${p.row + 1}${csv ? ` (line ${p.row + 2})` : ''}${p.column !== undefined ? `, column "${p.column}"` : ''}`;
  return `  ${where}: ${p.message.replace(/^inputs\.[^:]+: /, '')} [${p.code}]`;
};

/**
 * The rows of `atelier batch`: from --csv (a file, read here), --product or --zip; `--set`
 * values go into every row (a column of the same name is refused: which one was meant?); an
 * image or mask column's cells name files (relative to the CSV, `@` optional) or `blob:<id>`,
 * and files are stored through `blobs` (the local store, or the server's POST /api/blobs).
 */
export const readTable = async (
  command: BatchCommand,
  workflow: Workflow,
  blobs: Pick<BlobStore, 'putUpload'>,
  userCwd: string,
): Promise<Table> => {
  const source = command.csv ?? (command.product.length ? '--product' : '--zip');
  const fail = (problems: TableProblem[]): Table => ({ ok: false, problems, source });
  let values: RowValues[];
  let base = userCwd;
  try {
    if (command.csv !== undefined) {
      const path = resolve(userCwd, command.csv);
      base = dirname(path);
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch {
        return fail([{ code: 'file_not_found', message: `cannot read the CSV file ${path}` }]);
      }
      values = parseCsv(text);
    } else {
      const lists = Object.fromEntries(
        (command.product.length ? command.product : command.zip).map((l) => [l.name, l.values]),
      );
      values = command.product.length ? crossProduct(lists) : zipLists(lists);
    }
  } catch (error) {
    if (!(error instanceof RowSourceError)) throw error;
    return fail(
      error.problems.map((p) => ({
        ...(p.message.startsWith('CSV') || p.code === 'uneven_zip' ? {} : { row: p.row }),
        ...(p.column !== undefined && p.code !== 'uneven_zip' ? { column: p.column } : {}),
        code: p.code,
        message: p.message,
      })),
    );
  }
  if (values.length === 0)
    return fail([{ code: 'no_rows', message: 'has no rows: give at least one under the header' }]);

  const kinds = new Map(recipeSignature(workflow, registry).map((i) => [i.name, i.kind]));
  const problems: TableProblem[] = [];
  // --set values, files stored once, go into every row.
  const fixed = await resolveSets(command.sets, workflow, registry, blobs, userCwd);
  for (const issue of fixed.issues) problems.push({ code: issue.code, message: issue.message });
  const setNames = new Set(command.sets.map((s) => s.name));
  const columns = new Set(values.flatMap((row) => Object.keys(row)));
  for (const name of setNames)
    if (columns.has(name))
      problems.push({
        code: 'duplicate_input',
        message: `--set ${name} and the column "${name}" both give "${name}": use one of them`,
      });
  // Each distinct file once (a column may repeat one image on every row).
  const stored = new Map<
    string,
    Promise<{ value?: InputValue; message?: string; code?: string }>
  >();
  const storeFile = (name: string, file: string) => {
    const key = `${name}\0${file}`;
    let found = stored.get(key);
    if (!found) {
      found = resolveSets([{ name, value: `@${file}` }], workflow, registry, blobs, base).then(
        (r) =>
          r.issues.length
            ? {
                message: r.issues[0]!.message.replace(/^inputs\.[^:]+: /, ''),
                code: r.issues[0]!.code,
              }
            : { value: r.values[name] },
      );
      stored.set(key, found);
    }
    return found;
  };
  const rows: SentRow[] = [];
  for (const [index, row] of values.entries()) {
    const sent: SentRow = {};
    for (const [name, value] of Object.entries(fixed.values))
      sent[name] = typeof value === 'string' ? value : { blob: value.blob };
    for (const [name, cell] of Object.entries(row)) {
      const kind = kinds.get(name);
      if (typeof cell !== 'string' || kind === undefined || kind === 'text') {
        sent[name] = cell; // names the recipe lacks are refused by the batch's own check
        continue;
      }
      const result = await storeFile(name, cell.trim().replace(/^@/, ''));
      if (result.value && typeof result.value === 'object')
        sent[name] = { blob: (result.value as { blob: string }).blob };
      else
        problems.push({
          row: index,
          column: name,
          code: result.code ?? 'invalid_image',
          message: result.message ?? `cannot use ${cell}`,
        });
    }
    rows.push(sent);
  }
  return problems.length ? fail(problems) : { ok: true, rows, source };
};
