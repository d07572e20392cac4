import type { Workflow } from '@atelier/graph';
import type { BatchRecord, BatchRowRecord } from '../../batches/batch-record';
import type { RunRecord } from '../../runs/run-record';
import type { BatchBackend, BatchRequest, Created, Preview } from '../batch-backend';
import type { TableProblem } from '../batch-table';
import type { CliIO } from '../io';
import type { OpenedWorkflow } from '../run-command';
import { pickWorkflow } from '../workflow-source';
import type { LibraryEntry } from '../workflow-source';
import { ServerClient, ServerError } from './server-client';

/** A library workflow of the server, at its latest version (problems printed). */
export const openRemoteWorkflow = async (
  client: ServerClient,
  ref: string,
  io: CliIO,
): Promise<OpenedWorkflow | undefined> => {
  const picked = pickWorkflow(ref, await client.json<LibraryEntry[]>('/api/workflows'));
  if (!picked.ok) {
    io.stderr(
      `${picked.message.replace('the library', `the library of ${client.url}`)} [workflow_not_found]`,
    );
    return undefined;
  }
  const saved = await client.json<{
    id: string;
    name: string;
    version: number;
    document: Workflow;
  }>(`/api/workflows/${picked.entry.id}`);
  return {
    workflow: saved.document,
    label: saved.name,
    workflowId: saved.id,
    workflowVersion: saved.version,
  };
};

/** `rows[3].subject` + "Row 4, column "subject": …" → row 3, column subject, the message alone. */
const problemOf = (issue: { path?: string; code: string; message: string }): TableProblem => {
  const at = /^(?:rows|csv|zip)\[(\d+)\](?:\.(.+))?$/.exec(issue.path ?? '');
  return {
    ...(at ? { row: Number(at[1]) } : {}),
    ...(at?.[2] !== undefined ? { column: at[2] } : {}),
    code: issue.code,
    message: issue.message.replace(/^Row \d+(, column "[^"]*")?: /, ''),
  };
};

/** A batch on a running server (`--server`): the same controls over HTTP, progress over SSE. */
export class RemoteBatchBackend implements BatchBackend {
  readonly where: string;
  readonly place: string;
  readonly images;
  readonly blobs;

  constructor(private readonly client: ServerClient) {
    this.where = client.url;
    this.place = `server:${client.url}`;
    this.images = { putUpload: (bytes: Uint8Array) => client.putUpload(bytes) };
    this.blobs = { get: (blob: string) => client.get(blob) };
  }

  openWorkflow(ref: string, io: CliIO) {
    return openRemoteWorkflow(this.client, ref, io);
  }

  async create(request: BatchRequest, idempotencyKey: string): Promise<Created> {
    try {
      const { id, ...preview } = await this.client.send<Preview & { id: string }>(
        '/api/batches',
        request,
        'POST',
        { 'idempotency-key': `cli-${idempotencyKey}` },
      );
      return { ok: true, id, preview };
    } catch (error) {
      if (!(error instanceof ServerError) || error.status < 400 || error.status >= 500) throw error;
      const issues = error.issues.length
        ? error.issues
        : [{ code: error.code, message: error.message }];
      return { ok: false, problems: issues.map(problemOf) };
    }
  }

  async get(id: string): Promise<BatchRecord | undefined> {
    try {
      return await this.client.json<BatchRecord>(`/api/batches/${id}`);
    } catch (error) {
      if (error instanceof ServerError && error.status === 404) return undefined;
      throw error;
    }
  }

  rows(id: string) {
    return this.client.json<BatchRowRecord[]>(`/api/batches/${id}/rows`);
  }

  run(id: string) {
    return this.client.json<RunRecord>(`/api/runs/${id}`);
  }

  async control(id: string, action: 'pause' | 'resume' | 'retry') {
    try {
      await this.client.send(`/api/batches/${id}/${action}`, {});
    } catch (error) {
      // 409: already in that state (someone else paused or resumed it): nothing to do.
      if (!(error instanceof ServerError && error.status === 409)) throw error;
    }
  }

  async update(id: string, changes: { maxCost: number }) {
    await this.client.send(`/api/batches/${id}`, changes, 'PATCH');
  }

  async work() {
    // The server's own worker runs the rows.
  }

  watch(id: string, changed: () => void) {
    const controller = new AbortController();
    void this.client
      .events(`/api/batches/${id}/events`, () => changed(), controller.signal)
      .catch(() => {
        // The progress loop reads the batch itself as well: a dropped stream only slows it.
      });
    return () => controller.abort();
  }

  async settle() {}

  async close() {}
}

/** The backend for `atelier batch --server URL`, once the server answers (problems printed). */
export const openRemoteBatch = async (
  url: string,
  io: CliIO,
): Promise<BatchBackend | undefined> => {
  const client = new ServerClient(url, io.env);
  try {
    await client.json('/api/health');
    await client.json('/api/workflows'); // a token problem shows here, before any upload
  } catch (error) {
    if (!(error instanceof ServerError)) throw error;
    io.stderr(`${error.message} [${error.code}]`);
    return undefined;
  }
  return new RemoteBatchBackend(client);
};
