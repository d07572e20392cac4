import type { RunRecordView } from '../api/run-types';
import { api } from '../api/api';
import { watchRun } from '../runs/run-controller';
import { useDocument } from '../store/document-store';
import { isRunActive, useSession } from '../store/session-store';

/** A run worth showing: still going, or with at least one node's output. */
const hasOutputs = (run: RunRecordView) =>
  run.status === 'queued' ||
  run.status === 'running' ||
  Object.values(run.nodes ?? {}).some((n) => n.status === 'succeeded');

/**
 * The run to show with a workflow just opened (newest first, as the server lists them): the
 * newest of the opened version with outputs, else the newest of any version whose nodes are all
 * on the canvas (an outer node's id; recipe inner nodes carry `outer/inner` paths).
 */
export const lastRunToShow = (
  runs: readonly RunRecordView[],
  version: number | undefined,
  onCanvas: ReadonlySet<string>,
): RunRecordView | undefined => {
  const fits = (r: RunRecordView) =>
    hasOutputs(r) && Object.keys(r.nodes ?? {}).every((id) => onCanvas.has(id.split('/')[0]!));
  return runs.find((r) => r.workflowVersion === version && fits(r)) ?? runs.find(fits);
};

/**
 * Shows the last run of a workflow opened from the library on the canvas, as a reload or a
 * bundle import does (issue 10 item 7). Quietly nothing when it has none, when another
 * document was opened meanwhile, or when a run started meanwhile.
 */
export const showLastRun = async (workflowId: string, version?: number): Promise<boolean> => {
  const loads = useDocument.getState().loads;
  try {
    const runs = await api.listRuns(workflowId);
    const doc = useDocument.getState();
    if (doc.loads !== loads || useSession.getState().run) return false;
    const run = lastRunToShow(runs, version, new Set(doc.nodes.map((n) => n.id)));
    if (!run) return false;
    useSession.getState().showRecord(run);
    if (isRunActive(useSession.getState().run)) watchRun(run.id);
    return true;
  } catch (error) {
    console.warn(`Atelier: the last run of ${workflowId} could not be shown`, error);
    return false;
  }
};
