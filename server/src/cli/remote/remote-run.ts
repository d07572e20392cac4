import type { RunEvent, RunSummary } from '@atelier/engine';
import type { Issue } from '@atelier/graph';
import { registry } from '@atelier/nodes';
import type { RunRecord } from '../../runs/run-record';
import type { Command } from '../args';
import { resolveSets } from '../inputs';
import type { CliIO } from '../io';
import { writeNamedOutputs, writeOutputs } from '../outputs';
import { issueLines, nodeTypes, progressLine, summaryLine } from '../progress';
import type { OpenedWorkflow } from '../run-command';
import { EXIT, invalid, runJson, shownPath } from '../run-command';
import { openRemoteWorkflow } from './remote-batch';
import { ServerClient, ServerError } from './server-client';

/**
 * `atelier run --server URL`: the same run over HTTP. Images given with `--set name=@file`
 * are uploaded (POST /api/blobs), the run is started (POST /api/runs, filed under its library
 * workflow), its events are followed over SSE and printed as locally, Ctrl-C cancels it, and
 * the outputs are fetched into --out.
 */
export const remoteRun = async (
  command: Extract<Command, { kind: 'run' }>,
  io: CliIO,
  file: OpenedWorkflow | undefined,
  outDir: string,
): Promise<number> => {
  const client = new ServerClient(command.server!, io.env);
  try {
    const health = await client.json<{ provider: 'simulator' | 'openai' }>('/api/health');
    const opened = file ?? (await openRemoteWorkflow(client, command.workflow, io));
    if (!opened) return EXIT.usage;
    const resolved = await resolveSets(command.sets, opened.workflow, registry, client, io.userCwd);
    if (resolved.issues.length) return invalid(io, opened.label, resolved.issues);
    const inputs = Object.fromEntries(
      Object.entries(resolved.values).map(([name, value]) => [
        name,
        typeof value === 'string' ? value : { blob: value.blob },
      ]),
    );
    let started: { id: string; warnings?: Issue[] };
    try {
      started = await client.send('/api/runs', {
        ...(opened.workflowId
          ? { workflowId: opened.workflowId, version: opened.workflowVersion }
          : { workflow: opened.workflow }),
        inputs,
        ...(command.target ? { target: command.target } : {}),
        ...(command.force.length ? { force: command.force } : {}),
      });
    } catch (error) {
      if (!(error instanceof ServerError) || error.status !== 422) throw error;
      const issues = error.issues.length
        ? error.issues.map((i) => ({ path: i.path ?? '', code: i.code, message: i.message }))
        : [{ path: '', code: error.code, message: error.message }];
      return invalid(io, opened.label, issues);
    }
    const id = started.id;
    for (const line of issueLines(started.warnings ?? [], opened.label))
      if (started.warnings?.length) io.stderr(`warning: ${line}`);
    io.stderr(
      `${opened.workflow.name}${opened.workflowId ? ` (library ${opened.workflowId}, version ${opened.workflowVersion})` : ''}: run ${id} on ${client.url} (${health.provider === 'simulator' ? 'the simulator' : 'OpenAI'})`,
    );
    const types = nodeTypes(opened.workflow);
    const callsApi = (nodeId: string) => registry.get(types.get(nodeId) ?? '')?.callsApi ?? true;
    let summary: RunSummary | undefined;
    const controller = new AbortController();
    const stopOnSignal = io.onInterrupt?.(() => {
      io.stderr('Cancelling… (finished nodes stay cached)');
      void client.send(`/api/runs/${id}/cancel`, {}).catch(() => {});
    });
    try {
      await client.events(
        `/api/runs/${id}/events`,
        (message) => {
          if (message.event === 'ping' || message.event === 'run.ended') return;
          const event = JSON.parse(message.data) as RunEvent;
          if (event.type === 'run.completed') summary = event.summary;
          const line = progressLine(event, types, callsApi);
          if (line) io.stderr(line);
        },
        controller.signal,
      );
    } finally {
      stopOnSignal?.();
    }
    const record = await client.json<RunRecord>(`/api/runs/${id}`);
    const files = [
      ...(await writeOutputs(outDir, record.workflow, record.nodes, client)),
      ...(await writeNamedOutputs(outDir, record.outputs, client)),
    ];
    if (summary) io.stderr(summaryLine(id, summary, health.provider));
    if (files.length > 0)
      io.stderr(
        `Wrote ${files.length} file${files.length === 1 ? '' : 's'} to ${shownPath(io, outDir)}/`,
      );
    if (command.json) io.stdout(JSON.stringify(runJson(record, health.provider, files), null, 2));
    return record.status === 'succeeded' ? EXIT.ok : EXIT.failed;
  } catch (error) {
    if (!(error instanceof ServerError)) throw error;
    io.stderr(`${error.message} [${error.code}]`);
    return error.status === 0 || error.status === 401 || error.status === 404
      ? EXIT.usage
      : EXIT.failed;
  }
};
