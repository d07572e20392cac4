import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import type { BatchRecord, BatchRowRecord } from '../batches/batch-record';
import { FINISHED_BATCH } from '../batches/batch-record';
import type { Command } from './args';
import type { BatchBackend, BatchRequest } from './batch-backend';
import { LocalBatchBackend } from './batch-backend';
import { batchState, BatchOutputs } from './batch-outputs';
import { BatchProgress } from './batch-progress';
import { problemLine, readTable } from './batch-table';
import { openRuntime } from './cli-runtime';
import type { CliIO } from './io';
import { outDirProblem } from './outputs';
import { usd } from './progress';
import { EXIT, loadRef, readConfig, shownPath } from './run-command';
import { openRemoteBatch } from './remote/remote-batch';

type BatchCommand = Extract<Command, { kind: 'batch' }>;

const sha256 = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');

const STOPPED: ReadonlySet<string> = new Set([...FINISHED_BATCH, 'budget_reached', 'paused']);

/** `atelier batch`: one recipe over a table of rows, on the server's own queue. */
export const batchCommand = async (command: BatchCommand, io: CliIO): Promise<number> => {
  const loaded = await loadRef(command.workflow, io);
  if (!loaded) return EXIT.usage;
  const outDir = resolve(io.userCwd, command.out);
  const outProblem = await outDirProblem(outDir);
  if (outProblem) {
    io.stderr(`${outProblem} [invalid_out_dir]`);
    return EXIT.usage;
  }
  let backend: BatchBackend | undefined;
  if (command.server) {
    backend = await openRemoteBatch(command.server, io);
  } else {
    const config = readConfig(io);
    const runtime = config && (await openRuntime(config, io));
    if (runtime) backend = new LocalBatchBackend(runtime, shownPath(io, runtime.dbPath));
  }
  if (!backend) return EXIT.usage;
  try {
    return await runBatch(command, io, backend, loaded, outDir);
  } finally {
    await backend.close();
  }
};

const runBatch = async (
  command: BatchCommand,
  io: CliIO,
  backend: BatchBackend,
  loaded: NonNullable<Awaited<ReturnType<typeof loadRef>>>,
  outDir: string,
): Promise<number> => {
  const opened =
    loaded.file ?? (await backend.openWorkflow((loaded.ref as { ref: string }).ref, io));
  if (!opened) return EXIT.usage;
  const table = await readTable(command, opened.workflow, backend.images, io.userCwd);
  if (!table.ok) {
    const csv = command.csv !== undefined;
    io.stderr(
      `${table.source}: cannot start the batch (${table.problems.length} problem${table.problems.length === 1 ? '' : 's'}):`,
    );
    for (const problem of table.problems) io.stderr(problemLine(table.source, problem, csv));
    return EXIT.usage;
  }
  const recipe = opened.workflowId
    ? { workflowId: opened.workflowId, version: opened.workflowVersion! }
    : { workflow: opened.workflow };
  const request: BatchRequest = {
    ...recipe,
    rows: table.rows,
    ...(command.maxCost !== undefined ? { maxCost: command.maxCost } : {}),
    ...(command.priority !== undefined ? { priority: command.priority } : {}),
  };
  // The same recipe and rows at the same place are the same batch, whatever the cap says.
  const stateKey = sha256({ place: backend.place, ...recipe, rows: table.rows });
  const label = `${opened.workflow.name}${opened.workflowId ? ` (library ${opened.workflowId}, version ${opened.workflowVersion})` : ''}`;

  let id = command.fresh ? undefined : (await batchState.read(outDir))[stateKey];
  let batch = id ? await backend.get(id) : undefined;
  if (!batch || !id) {
    const created = await backend.create(
      request,
      sha256({ request, at: command.fresh ? Date.now() : 0 }),
    );
    if (!created.ok) {
      const csv = command.csv !== undefined;
      io.stderr(
        `${table.source}: cannot start the batch (${created.problems.length} problem${created.problems.length === 1 ? '' : 's'}):`,
      );
      for (const problem of created.problems) io.stderr(problemLine(table.source, problem, csv));
      return EXIT.usage;
    }
    id = created.id;
    await batchState.remember(outDir, stateKey, id);
    const p = created.preview;
    io.stderr(
      `${label}: batch ${id} on ${backend.where}: ${p.rows} row${p.rows === 1 ? '' : 's'}, ${p.calls} API call${p.calls === 1 ? '' : 's'} (${p.cachedNodes} cached), estimated ${usd(p.estimatedCost)}${command.maxCost !== undefined ? `, cap ${usd(command.maxCost)}` : ''}`,
    );
    batch = (await backend.get(id))!;
  } else {
    const done = batch.succeeded + batch.failed + batch.cancelled;
    io.stderr(
      `${label}: batch ${id} on ${backend.where} (${batch.status}, ${done}/${batch.total} rows done, ${usd(batch.cost)} spent): ${FINISHED_BATCH.has(batch.status) ? 'already finished' : 'resuming'}`,
    );
    if (
      command.maxCost !== undefined &&
      command.maxCost !== batch.maxCost &&
      !FINISHED_BATCH.has(batch.status)
    )
      await backend.update(id, { maxCost: command.maxCost });
    batch = (await backend.get(id))!;
    if (batch.status === 'paused' || batch.status === 'budget_reached')
      await backend.control(id, 'resume');
    if (batch.status === 'failed') {
      io.stderr(`Retrying the ${batch.failed} failed row${batch.failed === 1 ? '' : 's'}…`);
      await backend.control(id, 'retry');
    }
    if (batch.status === 'cancelled')
      io.stderr('It was cancelled: run the command with --new to start another batch.');
    batch = (await backend.get(id))!;
  }
  const batchId = id;

  const progress = new BatchProgress(io);
  const outputs = new BatchOutputs(outDir, backend);
  let rows = await backend.rows(batchId);
  progress.known(rows);
  let wake: () => void = () => {};
  const unwatch = backend.watch(batchId, () => wake());
  let pausing = false;
  let settling = false;
  const stopOnSignal = io.onInterrupt?.(() => {
    if (pausing)
      return progress.line('Still pausing: the rows in flight are going back to the queue…');
    pausing = true;
    progress.line('Pausing… (the batch stays queued: run the same command again to resume it)');
    void backend.control(batchId, 'pause').then(() => wake());
  });
  try {
    if (!FINISHED_BATCH.has(batch.status)) await backend.work(batchId);
    for (;;) {
      batch = (await backend.get(batchId))!;
      rows = await backend.rows(batchId);
      progress.update(batch, rows);
      await outputs.write(rows);
      // A stopped batch may still have rows in flight (a server's, which settle() cannot wait
      // for): files, manifest and `needed` are written from settled rows only.
      if (STOPPED.has(batch.status)) {
        if (batch.running === 0) break;
        if (!settling)
          progress.line(
            `Batch ${batch.status}: waiting for the ${batch.running} row${batch.running === 1 ? '' : 's'} in flight to settle before writing the files…`,
          );
        settling = true;
      }
      await new Promise<void>((r) => {
        const timer = setTimeout(r, 500);
        wake = () => {
          clearTimeout(timer);
          r();
        };
      });
    }
  } finally {
    unwatch();
    stopOnSignal?.();
  }
  // Rows in flight at a pause or the cap go back to the queue before this process leaves.
  await backend.settle();
  batch = (await backend.get(batchId))!;
  rows = await backend.rows(batchId);
  await outputs.write(rows);
  const manifest = await outputs.manifest(rows);
  progress.clear();
  return finish(io, command, batch, rows, outputs, manifest, pausing);
};

const finish = (
  io: CliIO,
  command: BatchCommand,
  batch: BatchRecord,
  rows: readonly BatchRowRecord[],
  outputs: BatchOutputs,
  manifest: string,
  paused: boolean,
): number => {
  const done = batch.succeeded + batch.failed + batch.cancelled;
  const what =
    batch.status === 'budget_reached'
      ? `stopped at its cap of ${usd(batch.maxCost ?? 0)}${batch.needed !== undefined ? `: about ${usd(batch.needed)} more would finish it (run again with a higher --max-cost)` : ''}`
      : batch.status === 'paused'
        ? `paused${paused ? '' : ' (by someone else)'}: run the same command again to resume it`
        : batch.status;
  io.stderr(
    `Batch ${batch.id} ${what} · ${done}/${batch.total} rows (${batch.succeeded} succeeded${batch.failed ? `, ${batch.failed} failed` : ''}${batch.cancelled ? `, ${batch.cancelled} cancelled` : ''}) · cost ${usd(batch.cost)}`,
  );
  io.stderr(
    `Wrote ${outputs.count} file${outputs.count === 1 ? '' : 's'} and ${shownPath(io, manifest)}`,
  );
  if (command.json)
    io.stdout(
      JSON.stringify(
        {
          batchId: batch.id,
          status: batch.status,
          total: batch.total,
          succeeded: batch.succeeded,
          failed: batch.failed,
          cancelled: batch.cancelled,
          cost: batch.cost,
          estimatedCost: batch.estimatedCost,
          maxCost: batch.maxCost,
          ...(batch.needed !== undefined ? { needed: batch.needed } : {}),
          manifest,
          rows: rows.map((row) => ({
            row: row.index + 1,
            status: row.status,
            runId: row.runId ?? null,
            cost: row.cost,
            files: outputs.filesOf(row.index),
            ...(row.error ? { error: row.error } : {}),
          })),
        },
        null,
        2,
      ),
    );
  if (batch.status === 'succeeded') return EXIT.ok;
  if (batch.status === 'paused' && paused) return EXIT.interrupted;
  return EXIT.failed;
};
