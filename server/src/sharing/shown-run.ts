import type { Db } from '../db';
import type { RunRecord } from '../runs/run-record';

/**
 * May this run stand as a version's outputs (a view link, an app page, an export bundle)?
 * Only what its author would show: a whole run (not "run up to" one node) of exactly that
 * version, that succeeded, started by the owner or the team (the editor, the CLI, a batch, an
 * imported bundle) — never a run made through a share link, whose inputs are a stranger's.
 */
export const showsOutputs = (run: RunRecord, version: number): boolean =>
  run.workflowVersion === version &&
  run.status === 'succeeded' &&
  run.target === undefined &&
  !(run.via ?? '').startsWith('share:') &&
  Object.values(run.nodes).some((node) => node.status === 'succeeded' && node.outputs);

/** The newest of `runs` (newest first) that shows `version`'s outputs. */
export const latestRunWithOutputs = (
  runs: readonly RunRecord[],
  version: number,
): RunRecord | undefined => runs.find((run) => showsOutputs(run, version));

/**
 * The run a workflow version's outputs come from, looked up in the database (however many
 * runs of other versions or links came after it).
 */
export const latestShownRun = (
  deps: { db: Db; runs: { get(id: string): RunRecord | undefined } },
  workflowId: string,
  version: number,
): RunRecord | undefined => {
  const candidates = deps.db.sqlite
    .prepare(
      `select id from runs
        where workflow_id = ? and workflow_version = ? and status = 'succeeded'
          and target is null and (via is null or via not like 'share:%')
        order by created_at desc, rowid desc limit 20`,
    )
    .all(workflowId, version) as { id: string }[];
  const runs = candidates.flatMap(({ id }) => deps.runs.get(id) ?? []);
  return latestRunWithOutputs(runs, version);
};
