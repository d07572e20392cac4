import { ApiError } from '../api/api';
import { versionsApi } from '../api/versions-api';
import type { DiffSide } from '../api/versions-api';
import { askConfirm } from '../dialogs/ask';
import { confirmDiscard, openWorkflow } from '../library/library-actions';
import { toWorkflow } from '../model/workflow-io';
import { snapshotOf, useDocument } from '../store/document-store';
import { useSession } from '../store/session-store';
import { diffMarks } from './diff-marks';
import { useVersions } from './versions-store';

const fail = (what: string, error: unknown) =>
  useSession
    .getState()
    .toast(
      `${what}: ${error instanceof ApiError || error instanceof Error ? error.message : String(error)}`,
      'error',
    );

/** Compares two saved versions: the list in the panel, the highlights on the canvas. */
export const compareVersions = async (workflowId: string, from: number, to: number) => {
  const [older, newer] = from < to ? [from, to] : [to, from];
  try {
    const answer = await versionsApi.diff(workflowId, older, newer);
    useVersions.getState().set({ comparison: answer });
    useSession.getState().set({ diffMarks: diffMarks(answer.diff) });
  } catch (error) {
    fail('Could not compare the versions', error);
  }
};

/** Compares the canvas (saved or not) with a saved version. */
export const compareCanvas = async (workflowId: string, against: number) => {
  try {
    const mine = toWorkflow(snapshotOf(useDocument.getState()));
    const answer = await versionsApi.diffDocument(workflowId, mine, against);
    useVersions.getState().set({ comparison: answer });
    useSession.getState().set({ diffMarks: diffMarks(answer.diff) });
  } catch (error) {
    fail('Could not compare with the canvas', error);
  }
};

export const clearComparison = () => {
  useVersions.getState().set({ comparison: undefined });
  useSession.getState().set({ diffMarks: undefined });
};

/** Opens the newer side of the comparison on the canvas, keeping its highlights. */
export const openCompared = async (side: DiffSide, workflowId: string) => {
  if (!(await confirmDiscard('Open another version'))) return;
  const marks = useSession.getState().diffMarks;
  if (await openWorkflow(workflowId, side.version)) useSession.getState().set({ diffMarks: marks });
};

/** Restores a version as the newest (recorded with its author and "Restored version N"). */
export const restoreVersion = async (workflowId: string, version: number, latest: number) => {
  const ok = await askConfirm({
    title: `Restore version ${version}?`,
    message: `Version ${version} is saved again as version ${latest + 1}, the newest. Every version stays in the list.`,
    confirm: 'Restore',
  });
  if (!ok) return false;
  try {
    const restored = await versionsApi.restore(workflowId, version, latest);
    useSession
      .getState()
      .toast(`Restored version ${version} as version ${restored.version}`, 'success');
    const doc = useDocument.getState();
    if (doc.workflowId === workflowId && (await confirmDiscard('Show the restored version')))
      await openWorkflow(workflowId);
    return true;
  } catch (error) {
    fail('Restore failed', error);
    return false;
  }
};
