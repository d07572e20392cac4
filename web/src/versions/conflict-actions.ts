import { ApiError, api } from '../api/api';
import { versionsApi, withMessage } from '../api/versions-api';
import { toWorkflow } from '../model/workflow-io';
import { snapshotOf, useDocument } from '../store/document-store';
import { useSession } from '../store/session-store';
import { useVersions } from './versions-store';

const messageOf = (error: unknown) =>
  error instanceof ApiError || error instanceof Error ? error.message : String(error);

/**
 * A save answered 409 version_conflict: fetch what they saved and the diff from theirs to
 * mine, and open the conflict dialog. The canvas is left exactly as it is (nothing lost).
 */
export const openConflict = async (workflowId: string, baseVersion?: number) => {
  const mine = toWorkflow(snapshotOf(useDocument.getState()));
  try {
    const theirs = await versionsApi.latest(workflowId);
    const { diff } = await versionsApi.diffDocument(workflowId, mine, theirs.version);
    useVersions.getState().set({
      conflict: {
        workflowId,
        baseVersion,
        theirs: { version: theirs.version, document: theirs.document, author: theirs.updatedBy },
        diff,
      },
    });
  } catch (error) {
    useSession
      .getState()
      .toast(
        `Someone saved first, and their version could not be read: ${messageOf(error)}`,
        'error',
      );
  }
};

const busy = (error?: string) => {
  const { conflict, set } = useVersions.getState();
  if (conflict) set({ conflict: { ...conflict, busy: error === undefined, error } });
};

/** Keep mine: saved as the newest version, on top of theirs (theirs stays in the list). */
export const keepMine = async () => {
  const conflict = useVersions.getState().conflict;
  if (!conflict) return;
  busy();
  const sent = snapshotOf(useDocument.getState());
  const doc = withMessage(toWorkflow(sent), `Kept over version ${conflict.theirs.version}`);
  try {
    const saved = await api.updateWorkflow(conflict.workflowId, doc, conflict.theirs.version);
    useDocument.getState().setSaved({ workflowId: saved.id, version: saved.version }, sent);
    useVersions.getState().set({ conflict: undefined });
    useSession.getState().toast(`Saved yours as version ${saved.version}`, 'success');
  } catch (error) {
    // Saved again meanwhile: show the new conflict instead.
    if (error instanceof ApiError && error.code === 'version_conflict') {
      useVersions.getState().set({ conflict: undefined });
      await openConflict(conflict.workflowId, conflict.baseVersion);
    } else busy(messageOf(error));
  }
};

/** Take theirs: the canvas shows their version; mine stays one Ctrl+Z away. */
export const takeTheirs = () => {
  const conflict = useVersions.getState().conflict;
  if (!conflict) return;
  useDocument.getState().load(conflict.theirs.document, {
    workflowId: conflict.workflowId,
    version: conflict.theirs.version,
    keepHistory: true,
  });
  useVersions.getState().set({ conflict: undefined });
  useSession
    .getState()
    .toast(`Now on version ${conflict.theirs.version}. Ctrl+Z brings yours back.`, 'success');
};

/** Save mine as a fork: a new workflow from the version I started on; theirs untouched. */
export const forkMine = async () => {
  const conflict = useVersions.getState().conflict;
  if (!conflict) return;
  busy();
  const name = `${useDocument.getState().name} (my copy)`;
  useDocument.getState().setName(name);
  const sent = snapshotOf(useDocument.getState());
  try {
    const fork = await versionsApi.fork(
      conflict.workflowId,
      conflict.baseVersion ?? conflict.theirs.version,
      toWorkflow(sent),
      name,
    );
    useDocument.getState().setSaved({ workflowId: fork.id, version: fork.version }, sent);
    useVersions.getState().set({ conflict: undefined });
    useSession.getState().toast(`Saved yours as a new workflow “${fork.name}”`, 'success');
  } catch (error) {
    busy(messageOf(error));
  }
};
