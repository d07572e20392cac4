import type { ImageValue, Workflow } from '@atelier/graph';
import { isBlobId } from '@atelier/graph';
import type { BatchRecord, BatchRowRecord } from '../batches/batch-record';
import { BatchValidationError } from '../batches/batch-service';
import type { BlobStore } from '../blobs/blob-store';
import type { RunInputs, RunRecord } from '../runs/run-record';
import type { Runtime } from '../runtime/create-runtime';
import type { SentRow, TableProblem } from './batch-table';
import type { CliIO } from './io';
import type { OpenedWorkflow } from './run-command';
import { openLibraryWorkflow } from './run-command';

/** What `atelier batch` asks for: the body of POST /api/batches. */
export interface BatchRequest {
  workflowId?: string;
  version?: number;
  workflow?: Workflow;
  rows: SentRow[];
  maxCost?: number;
  priority?: number;
}

export interface Preview {
  rows: number;
  calls: number;
  cachedNodes: number;
  estimatedCost: number;
}

export type Created =
  { ok: true; id: string; preview: Preview } | { ok: false; problems: TableProblem[] };

/**
 * Where a batch runs: this process over the shared database (local), or a server over HTTP
 * (--server). The command above it is the same for both.
 */
export interface BatchBackend {
  /** `the simulator (database data/atelier.db)` or the server's URL, for messages and the state file. */
  readonly where: string;
  /** Distinguishes batches made here from batches made elsewhere, in the state file. */
  readonly place: string;
  /** Stores an image file (`--set name=@file`, image cells) where the batch will find it. */
  readonly images: Pick<BlobStore, 'putUpload'>;
  /** Reads an output image. */
  readonly blobs: Pick<BlobStore, 'get'>;
  /** A library workflow by id or name, at its latest version (problems printed). */
  openWorkflow(ref: string, io: CliIO): Promise<OpenedWorkflow | undefined>;
  create(request: BatchRequest, idempotencyKey: string): Promise<Created>;
  get(id: string): Promise<BatchRecord | undefined>;
  rows(id: string): Promise<BatchRowRecord[]>;
  run(id: string): Promise<RunRecord | undefined>;
  control(id: string, action: 'pause' | 'resume' | 'retry'): Promise<void>;
  update(id: string, changes: { maxCost: number }): Promise<void>;
  /** Makes sure someone works on the batch (local: this process's worker, for it alone). */
  work(id: string): Promise<void>;
  /** Calls back whenever the batch may have changed; returns the unsubscribe. */
  watch(id: string, changed: () => void): () => void;
  /** After a pause: waits until the rows this process held are back in the queue. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

/** The batch service of this process's runtime, on the same SQLite file as the server. */
export class LocalBatchBackend implements BatchBackend {
  readonly where: string;
  readonly place: string;
  readonly images: Pick<BlobStore, 'putUpload'>;
  readonly blobs: Pick<BlobStore, 'get'>;
  private started = false;

  constructor(
    private readonly runtime: Runtime,
    shownDb: string,
  ) {
    this.where = `${runtime.provider.kind === 'simulator' ? 'the simulator' : 'OpenAI'} (database ${shownDb})`;
    this.place = `local:${runtime.dbPath}`;
    this.images = runtime.blobs;
    this.blobs = runtime.blobs;
  }

  async openWorkflow(ref: string, io: CliIO) {
    return openLibraryWorkflow(this.runtime, ref, io);
  }

  async create(request: BatchRequest): Promise<Created> {
    const { runtime } = this;
    const problems: TableProblem[] = [];
    // Blob references become image values, as POST /api/batches does.
    const rows = request.rows.map((row, index) => {
      const inputs: RunInputs = {};
      for (const [name, value] of Object.entries(row)) {
        if (typeof value === 'string') inputs[name] = value;
        else {
          const info = isBlobId(value.blob) ? runtime.blobs.info(value.blob) : undefined;
          if (info)
            inputs[name] = {
              blob: value.blob,
              mime: info.mime,
              width: info.width,
              height: info.height,
            } as ImageValue;
          else
            problems.push({
              row: index,
              column: name,
              code: 'unknown_blob',
              message: `blob "${value.blob}" is not in this database`,
            });
        }
      }
      return inputs;
    });
    if (problems.length) return { ok: false, problems };
    try {
      const { id, preflight } = await runtime.batches.create({
        document:
          request.workflow ??
          runtime.workflows.getVersion(request.workflowId!, request.version!)!.document,
        ...(request.workflowId
          ? { workflowId: request.workflowId, workflowVersion: request.version }
          : {}),
        rows,
        ...(request.maxCost !== undefined ? { maxCost: request.maxCost } : {}),
        ...(request.priority !== undefined ? { priority: request.priority } : {}),
      });
      const { rows: count, calls, cachedNodes, estimatedCost } = preflight;
      return { ok: true, id, preview: { rows: count, calls, cachedNodes, estimatedCost } };
    } catch (error) {
      if (!(error instanceof BatchValidationError)) throw error;
      return {
        ok: false,
        problems: error.problems.map((p) => ({
          row: p.row,
          ...(p.column !== undefined ? { column: p.column } : {}),
          code: p.code,
          message: p.message,
        })),
      };
    }
  }

  async get(id: string) {
    return this.runtime.batches.get(id);
  }

  async rows(id: string) {
    return this.runtime.batches.rows(id);
  }

  async run(id: string) {
    return this.runtime.runs.get(id);
  }

  async control(id: string, action: 'pause' | 'resume' | 'retry') {
    const { batches } = this.runtime;
    if (action === 'pause') batches.pause(id);
    else if (action === 'resume') batches.resume(id);
    else batches.retry(id);
  }

  async update(id: string, changes: { maxCost: number }) {
    this.runtime.batches.update(id, changes);
  }

  async work(id: string) {
    if (this.started) return;
    this.started = true;
    // Rows of this batch only: the server (if one runs on this file) serves the others.
    await this.runtime.batches.start({ only: id });
  }

  watch(id: string, changed: () => void) {
    return this.runtime.batches.subscribe(id, changed);
  }

  async settle() {
    this.runtime.batches.stop();
    await this.runtime.batches.idle();
  }

  async close() {
    await this.runtime.close();
  }
}
