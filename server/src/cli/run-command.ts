import { SOLO_ACTOR } from '../auth/actor';
import type { RunSummary } from '@atelier/engine';
import type { RunRecord } from '../runs/run-record';
import type { Issue, Workflow } from '@atelier/graph';
import {
  applyInputs,
  expandRecipes,
  isRecipeNode,
  parseWorkflow,
  validateWithRecipes,
  validateWorkflow,
} from '@atelier/graph';
import { registry } from '@atelier/nodes';
import { readFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import type { Config } from '../config';
import { ConfigError, loadConfig } from '../config';
import type { Runtime } from '../runtime/create-runtime';
import { RunValidationError } from '../runs/run-service';
import type { Command } from './args';
import { openCliStorage, openRuntime } from './cli-runtime';
import { remoteRun } from './remote/remote-run';
import { missingImages, resolveSets } from './inputs';
import type { CliIO } from './io';
import { outDirProblem, writeNamedOutputs, writeOutputs } from './outputs';
import { issueLines, nodeTypes, progressLine, summaryLine } from './progress';
import { libraryRecipes } from '../recipes/library-recipes';
import type { WorkflowRef } from './workflow-source';
import { pickWorkflow, workflowRef } from './workflow-source';

export const EXIT = { ok: 0, failed: 1, usage: 2, interrupted: 130 } as const;

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

export const invalid = (io: CliIO, file: string, issues: Issue[]) => {
  for (const line of issueLines(issues, file)) io.stderr(line);
  return EXIT.usage;
};

/** A workflow to run: its document, and where it is filed (a library workflow's id and version). */
export interface OpenedWorkflow {
  workflow: Workflow;
  /** How messages name it: the file as typed, or the library workflow's name. */
  label: string;
  workflowId?: string;
  workflowVersion?: number;
}

/**
 * Checks a document on its own, or with the recipes of `library` when it has recipe nodes;
 * without a library (a run on another server) a document with recipe nodes is left to the
 * place that holds its recipes.
 */
export const checkWorkflow = (
  workflow: Workflow,
  library?: Pick<Runtime, 'workflows'>,
  self?: { workflowId: string; name: string },
): { ok: true } | { ok: false; issues: Issue[] } => {
  if (!workflow.nodes.some(isRecipeNode)) return validateWorkflow(workflow, registry);
  if (!library) return { ok: true };
  return validateWithRecipes(workflow, registry, libraryRecipes(library.workflows), {
    ...(self ? { self } : {}),
  });
};

/**
 * The workflow file, parsed and validated (problems printed); library references wait, and
 * so do the recipe nodes of a file (its recipes are checked where they live: the local
 * library once it is open, or the server of --server).
 */
export const loadRef = async (
  arg: string,
  io: CliIO,
): Promise<{ ref: WorkflowRef; file?: OpenedWorkflow } | undefined> => {
  const ref = await workflowRef(arg, io.userCwd);
  if (ref.kind === 'library') return { ref };
  const loaded = await loadWorkflowFile(ref.file, io);
  if (!loaded) return undefined;
  const checked = checkWorkflow(loaded.workflow);
  if (!checked.ok) {
    invalid(io, ref.file, checked.issues);
    return undefined;
  }
  return { ref, file: { workflow: loaded.workflow, label: ref.file } };
};

/** A library workflow of this database, at its latest version (problems printed). */
export const openLibraryWorkflow = (
  runtime: Pick<Runtime, 'workflows'>,
  ref: string,
  io: CliIO,
): OpenedWorkflow | undefined => {
  const picked = pickWorkflow(ref, runtime.workflows.list());
  if (!picked.ok) {
    io.stderr(`${picked.message} [workflow_not_found]`);
    return undefined;
  }
  const saved = runtime.workflows.get(picked.entry.id)!;
  const checked = checkWorkflow(saved.document, runtime, {
    workflowId: saved.id,
    name: saved.name,
  });
  if (!checked.ok) {
    invalid(io, saved.name, checked.issues);
    return undefined;
  }
  return {
    workflow: saved.document,
    label: saved.name,
    workflowId: saved.id,
    workflowVersion: saved.version,
  };
};

/**
 * The document with its recipe nodes expanded (the ids progress lines name: `day/poster`),
 * so an inner node's line says its type; the document itself when it cannot be.
 */
const expandedOf = (workflow: Workflow, library: Pick<Runtime, 'workflows'>): Workflow => {
  if (!workflow.nodes.some(isRecipeNode)) return workflow;
  const valid = validateWithRecipes(workflow, registry, libraryRecipes(library.workflows));
  return valid.ok ? expandRecipes(valid.workflow, valid.book).workflow : workflow;
};

/** The environment's config, or undefined (said on stderr). */
export const readConfig = (io: CliIO): Config | undefined => {
  try {
    return loadConfig(io.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.stderr(error.message);
    return undefined;
  }
};

/** A path as the user would type it: relative to where they are when it is below. */
export const shownPath = (io: CliIO, path: string) => {
  const rel = relative(io.userCwd, path);
  return rel && !rel.startsWith('..') ? rel : path;
};

/** `atelier run`: validate everything, then run on the shared engine and database. */
export const runCommand = async (
  command: Extract<Command, { kind: 'run' }>,
  io: CliIO,
): Promise<number> => {
  const loaded = await loadRef(command.workflow, io);
  if (!loaded) return EXIT.usage;
  const config = readConfig(io);
  if (!config) return EXIT.usage;
  // Where results go is checked before anything is paid for.
  const outDir = resolve(io.userCwd, command.out);
  const outProblem = await outDirProblem(outDir);
  if (outProblem) {
    io.stderr(`${outProblem} [invalid_out_dir]`);
    return EXIT.usage;
  }
  if (command.server) return remoteRun(command, io, loaded.file, outDir);
  const storage = openCliStorage(config, io);
  if (!storage) return EXIT.usage;
  let runtime: Runtime | undefined;
  try {
    const opened =
      loaded.file ?? openLibraryWorkflow(storage, (loaded.ref as { ref: string }).ref, io);
    if (!opened) return EXIT.usage;
    const { blobs } = storage;
    const file = opened.label;
    if (loaded.file) {
      // A file's recipe nodes resolve from this library: said before anything starts.
      const checked = checkWorkflow(opened.workflow, storage);
      if (!checked.ok) return invalid(io, file, checked.issues);
    }
    const resolved = await resolveSets(command.sets, opened.workflow, registry, blobs, io.userCwd);
    // Report bad files and bad names together: one fix round instead of two.
    const applied = applyInputs(opened.workflow, registry, resolved.values);
    const inputIssues = [...resolved.issues, ...(applied.ok ? [] : applied.issues)];
    if (!applied.ok || inputIssues.length > 0) return invalid(io, file, inputIssues);
    const missing = missingImages(applied.workflow, command.target);
    if (missing.length > 0) return invalid(io, file, missing);
    // Only now the provider (the simulator starts in-process) and the services.
    runtime = await openRuntime(config, io, storage);
    if (!runtime) return EXIT.usage;
    const { provider, runs: service } = runtime;

    let id: string;
    let warnings: Issue[];
    try {
      ({ id, warnings } = service.start({
        workflow: opened.workflow,
        ...(opened.workflowId
          ? { workflowId: opened.workflowId, workflowVersion: opened.workflowVersion }
          : {}),
        inputs: resolved.values,
        target: command.target,
        force: command.force,
        via: 'cli',
        // A local CLI run is the solo person's (a team server is reached with --server).
        startedBy: { id: SOLO_ACTOR.id, name: SOLO_ACTOR.name },
      }));
    } catch (error) {
      if (error instanceof RunValidationError) return invalid(io, file, error.issues);
      throw error;
    }
    // Warnings only (issueLines' first line is the "cannot run" header of errors).
    if (warnings.length > 0)
      for (const line of issueLines(warnings, file).slice(1)) io.stderr(`warning: ${line.trim()}`);
    const types = nodeTypes(expandedOf(opened.workflow, storage));
    const callsApi = (nodeId: string) => registry.get(types.get(nodeId) ?? '')?.callsApi ?? true;
    io.stderr(
      `${opened.workflow.name}${opened.workflowId ? ` (library ${opened.workflowId}, version ${opened.workflowVersion})` : ''}: run ${id} on ${provider.kind === 'simulator' ? 'the simulator' : 'OpenAI'} (database ${shownPath(io, runtime.dbPath)})`,
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
      io.stderr(
        `Wrote ${files.length} file${files.length === 1 ? '' : 's'} to ${shownPath(io, outDir)}/`,
      );
    if (command.json) io.stdout(JSON.stringify(runJson(record, provider.kind, files), null, 2));
    return record.status === 'succeeded' ? EXIT.ok : EXIT.failed;
  } finally {
    if (runtime) await runtime.close();
    else storage.db.close();
  }
};

/** `--json`: the run summary on stdout (the same shape locally and with --server). */
export const runJson = (record: RunRecord, provider: 'simulator' | 'openai', files: string[]) => ({
  runId: record.id,
  status: record.status,
  provider,
  ...(record.workflowId
    ? { workflowId: record.workflowId, workflowVersion: record.workflowVersion }
    : {}),
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
});
