import { SOLO_ACTOR } from '../auth/actor';
import type { RunSummary } from '@atelier/engine';
import type { Issue, Workflow } from '@atelier/graph';
import { applyInputs, parseWorkflow, validateWorkflow } from '@atelier/graph';
import { registry } from '@atelier/nodes';
import { readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { BlobStore } from '../blobs/blob-store';
import { ConfigError, loadConfig } from '../config';
import { createDb, DatabaseOpenError } from '../db/create-db';
import { SqliteCacheStore } from '../db/sqlite-cache-store';
import { createProvider } from '../provider/create-provider';
import { runSettings } from '../models/run-settings';
import { RunService, RunValidationError } from '../runs/run-service';
import type { Command } from './args';
import { missingImages, resolveSets } from './inputs';
import type { CliIO } from './io';
import { outDirProblem, writeNamedOutputs, writeOutputs } from './outputs';
import { issueLines, nodeTypes, progressLine, summaryLine } from './progress';

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** Reads and parses a workflow file; problems are printed and undefined returned. */
export const loadWorkflowFile = async (
  file: string,
  io: CliIO,
): Promise<{ workflow: Workflow; path: string } | undefined> => {
  const path = resolve(io.userCwd, file);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    io.stderr(`Cannot read the workflow file ${path}.`);
    return undefined;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    io.stderr(`${file} is not valid JSON: ${(error as Error).message}`);
    return undefined;
  }
  const parsed = parseWorkflow(json);
  if (!parsed.ok) {
    for (const line of issueLines(parsed.issues, file)) io.stderr(line);
    return undefined;
  }
  return { workflow: parsed.workflow, path };
};

const invalid = (io: CliIO, file: string, issues: Issue[]) => {
  for (const line of issueLines(issues, file)) io.stderr(line);
  return EXIT.usage;
};

/** `atelier run`: validate everything, then run on the shared engine and database. */
export const runCommand = async (
  command: Extract<Command, { kind: 'run' }>,
  io: CliIO,
): Promise<number> => {
  const loaded = await loadWorkflowFile(command.workflow, io);
  if (!loaded) return EXIT.usage;
  const file = command.workflow;
  const checked = validateWorkflow(loaded.workflow, registry);
  if (!checked.ok) return invalid(io, file, checked.issues);

  let config;
  try {
    config = loadConfig(io.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.stderr(error.message);
    return EXIT.usage;
  }
  const dbPath = join(resolve(io.cwd, config.dataDir), 'atelier.db');
  // Where results go is checked before anything is paid for.
  const outDir = resolve(io.userCwd, command.out);
  const outProblem = await outDirProblem(outDir);
  if (outProblem) {
    io.stderr(`${outProblem} [invalid_out_dir]`);
    return EXIT.usage;
  }
  let db;
  try {
    db = createDb(dbPath);
  } catch (error) {
    if (!(error instanceof DatabaseOpenError)) throw error;
    io.stderr(`${error.message} [database_unusable]`);
    return EXIT.usage;
  }
  const closers: (() => Promise<void> | void)[] = [() => db.close()];
  try {
    const blobs = new BlobStore(db);
    const resolved = await resolveSets(command.sets, loaded.workflow, registry, blobs, io.userCwd);
    // Report bad files and bad names together: one fix round instead of two.
    const applied = applyInputs(loaded.workflow, registry, resolved.values);
    const inputIssues = [...resolved.issues, ...(applied.ok ? [] : applied.issues)];
    if (!applied.ok || inputIssues.length > 0) return invalid(io, file, inputIssues);
    const missing = missingImages(applied.workflow, command.target);
    if (missing.length > 0) return invalid(io, file, missing);

    const provider = await createProvider(config);
    closers.unshift(() => provider.close());
    const settings = runSettings(config, provider, io.stderr);
    await settings.models.refresh();
    const service = new RunService({
      db,
      responses: provider.responses,
      providerKind: provider.kind,
      blobs,
      cache: new SqliteCacheStore(db),
      models: config.models,
      concurrency: config.concurrency,
      idleTimeoutMs: config.idleTimeoutMs,
      ...settings.service,
      processKind: 'cli',
    });
    closers.unshift(() => service.close());

    let id: string;
    let warnings: Issue[];
    try {
      ({ id, warnings } = service.start({
        workflow: loaded.workflow,
        inputs: resolved.values,
        target: command.target,
        force: command.force,
        // A local CLI run is the solo person's (a team server is reached with --server).
        startedBy: { id: SOLO_ACTOR.id, name: SOLO_ACTOR.name },
      }));
    } catch (error) {
      if (error instanceof RunValidationError) return invalid(io, file, error.issues);
      throw error;
    }
    for (const line of issueLines(warnings, file)) io.stderr(`warning: ${line}`);
    const types = nodeTypes(loaded.workflow);
    const callsApi = (nodeId: string) => registry.get(types.get(nodeId) ?? '')?.callsApi ?? true;
    const shown = (path: string) => {
      const rel = relative(io.userCwd, path);
      return rel && !rel.startsWith('..') ? rel : path;
    };
    io.stderr(
      `${loaded.workflow.name}: run ${id} on ${provider.kind === 'simulator' ? 'the simulator' : 'OpenAI'} (database ${shown(dbPath)})`,
    );
    let summary: RunSummary | undefined;
    service.subscribe(id, 0, ({ event }) => {
      if (event.type === 'run.completed') summary = event.summary;
      const line = progressLine(event, types, callsApi);
      if (line) io.stderr(line);
    });
    const stopOnSignal = io.onInterrupt?.(() => {
      io.stderr('Cancelling… (finished nodes stay cached)');
      service.cancel(id);
    });
    const record = await service.wait(id);
    stopOnSignal?.();

    const files = [
      ...(await writeOutputs(outDir, record.workflow, record.nodes, blobs)),
      ...(await writeNamedOutputs(outDir, record.outputs, blobs)),
    ];
    if (summary) io.stderr(summaryLine(id, summary, provider.kind));
    if (files.length > 0)
      io.stderr(`Wrote ${files.length} file${files.length === 1 ? '' : 's'} to ${shown(outDir)}/`);
    if (command.json)
      io.stdout(
        JSON.stringify(
          {
            runId: id,
            status: record.status,
            provider: provider.kind,
            nodes: Object.fromEntries(
              Object.entries(record.nodes).map(([nodeId, node]) => [
                nodeId,
                {
                  status: node.status,
                  cached: node.cached,
                  outputs: node.outputs ?? {},
                  ...(node.error ? { error: node.error } : {}),
                },
              ]),
            ),
            outputs: record.outputs,
            usage: record.usage,
            cost: record.cost,
            costEstimated: record.usage.costEstimated === true,
            saved: record.saved,
            files,
          },
          null,
          2,
        ),
      );
    return record.status === 'succeeded' ? EXIT.ok : EXIT.failed;
  } finally {
    for (const close of closers) await close();
  }
};
