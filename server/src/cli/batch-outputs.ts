import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import Papa from 'papaparse';
import type { BatchRowRecord } from '../batches/batch-record';
import type { BatchBackend } from './batch-backend';
import { writeNamedOutputs, writeOutputs } from './outputs';

/**
 * Writes a batch's results under `dir`: `<row>/<node>.<ext>` and `<row>/<output name>.<ext>`
 * (as `atelier run --out` writes one run), and `manifest.csv`. A row's folder already written
 * (by an earlier, interrupted invocation) is read instead of fetched again.
 */
export class BatchOutputs {
  private readonly files = new Map<number, string[]>();

  constructor(
    private readonly dir: string,
    private readonly backend: Pick<BatchBackend, 'run' | 'blobs'>,
  ) {}

  /** Files of the succeeded rows not written yet. */
  async write(rows: readonly BatchRowRecord[]): Promise<void> {
    for (const row of rows) {
      if (row.status !== 'succeeded' || !row.runId || this.files.has(row.index)) continue;
      const rowDir = join(this.dir, String(row.index + 1));
      const existing = await readdir(rowDir).catch(() => [] as string[]);
      if (existing.length > 0) {
        this.files.set(
          row.index,
          existing.sort().map((name) => join(rowDir, name)),
        );
        continue;
      }
      const run = await this.backend.run(row.runId);
      if (!run) continue;
      const written = [
        ...(await writeOutputs(rowDir, run.workflow, run.nodes, this.backend.blobs)),
        ...(await writeNamedOutputs(rowDir, run.outputs, this.backend.blobs)),
      ];
      this.files.set(row.index, written);
    }
  }

  get count(): number {
    let n = 0;
    for (const list of this.files.values()) n += list.length;
    return n;
  }

  filesOf(index: number): string[] {
    return this.files.get(index) ?? [];
  }

  /** `manifest.csv`: row, its inputs, output files (relative to dir), status, cost, run, error. */
  async manifest(rows: readonly BatchRowRecord[]): Promise<string> {
    const names = [...new Set(rows.flatMap((row) => Object.keys(row.inputs)))];
    const lines = rows.map((row) => {
      const line: Record<string, string | number> = { row: row.index + 1 };
      for (const name of names) {
        const value = row.inputs[name];
        line[name] =
          value === undefined ? '' : typeof value === 'string' ? value : `blob:${value.blob}`;
      }
      return Object.assign(line, {
        outputs: this.filesOf(row.index)
          .map((f) => relative(this.dir, f))
          .join(' '),
        status: row.status,
        cost: row.cost,
        run: row.runId ?? '',
        error: row.error ? `${row.error.code}: ${row.error.message}` : '',
      });
    });
    const path = join(this.dir, 'manifest.csv');
    await mkdir(this.dir, { recursive: true });
    await writeFile(
      path,
      `${Papa.unparse(lines, { columns: ['row', ...names, 'outputs', 'status', 'cost', 'run', 'error'] })}\n`,
    );
    return path;
  }
}

const STATE = '.atelier-batches.json';

/**
 * Which batch a command made, kept in its --out folder: the same command again (same recipe,
 * rows and place) finds that batch and resumes it instead of starting another.
 */
export const batchState = {
  async read(dir: string): Promise<Record<string, string>> {
    try {
      const parsed = JSON.parse(await readFile(join(dir, STATE), 'utf8')) as unknown;
      return typeof parsed === 'object' && parsed !== null
        ? (parsed as Record<string, string>)
        : {};
    } catch {
      return {};
    }
  },
  async remember(dir: string, key: string, id: string): Promise<void> {
    const state = await batchState.read(dir);
    state[key] = id;
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, STATE), `${JSON.stringify(state, null, 2)}\n`);
  },
};
