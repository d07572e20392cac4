import type { ImageValue, PortValue } from '@atelier/graph';
import type { NodeRegistry } from '@atelier/nodes';
import { strToU8 } from 'fflate';
import Papa from 'papaparse';
import type { BlobStore } from '../blobs/blob-store';
import type { RunService } from '../runs/run-service';
import type { BatchRowRecord } from './batch-record';

const EXTENSIONS: Record<string, string> = {
  'image/png': 'png',
  'image/webp': 'webp',
  'image/jpeg': 'jpg',
};

const isImage = (value: PortValue | undefined): value is ImageValue =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && 'blob' in value;

export interface ResultFile {
  /** `<row>/<node>.<ext>` (row numbers from 1, as in the manifest). */
  path: string;
  bytes: Uint8Array;
}

/**
 * A batch's output images, `<row>/<node>.<ext>`, its named outputs, `<row>/<name>.<ext|txt>`,
 * and `manifest.csv`: one line per row with
 * its inputs, output files, status, cost and run. Used by results.zip and the CLI's --out.
 */
export const batchResults = async (
  rows: readonly BatchRowRecord[],
  runs: Pick<RunService, 'get'>,
  blobs: BlobStore,
  registry: NodeRegistry,
): Promise<{ files: ResultFile[]; manifest: string }> => {
  const files: ResultFile[] = [];
  const names = [...new Set(rows.flatMap((row) => Object.keys(row.inputs)))];
  const lines: Record<string, string | number>[] = [];
  for (const row of rows) {
    const run = row.runId ? runs.get(row.runId) : undefined;
    const outputs: string[] = [];
    if (run && row.status === 'succeeded') {
      const types = new Map(run.workflow.nodes.map((node) => [node.id, node.type]));
      for (const [nodeId, node] of Object.entries(run.nodes)) {
        const role = registry.get(types.get(nodeId) ?? '')?.role;
        const image = node.outputs?.image;
        if (node.status !== 'succeeded' || role !== 'step' || !isImage(image)) continue;
        const path = `${row.index + 1}/${nodeId}.${EXTENSIONS[image.mime] ?? 'bin'}`;
        files.push({ path, bytes: await blobs.get(image.blob) });
        outputs.push(path);
      }
      // Named outputs (DESIGN.md §13) under their names, as `atelier run --out` writes them:
      // the only files of a workflow whose results come out of recipe nodes.
      for (const [name, value] of Object.entries(run.outputs ?? {})) {
        const path = isImage(value)
          ? `${row.index + 1}/${name}.${EXTENSIONS[value.mime] ?? 'bin'}`
          : typeof value === 'string'
            ? `${row.index + 1}/${name}.txt`
            : undefined;
        if (!path || outputs.includes(path)) continue;
        files.push({
          path,
          bytes: isImage(value) ? await blobs.get(value.blob) : strToU8(`${String(value)}\n`),
        });
        outputs.push(path);
      }
    }
    const line: Record<string, string | number> = { row: row.index + 1 };
    for (const name of names) {
      const value = row.inputs[name];
      line[name] =
        value === undefined ? '' : typeof value === 'string' ? value : `blob:${value.blob}`;
    }
    Object.assign(line, {
      outputs: outputs.join(' '),
      status: row.status,
      cost: row.cost,
      run: row.runId ?? '',
      error: row.error?.message ?? '',
    });
    lines.push(line);
  }
  const manifest = Papa.unparse(lines, {
    columns: ['row', ...names, 'outputs', 'status', 'cost', 'run', 'error'],
  });
  return { files, manifest: `${manifest}\n` };
};
