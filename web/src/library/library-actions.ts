import { ApiError, api } from '../api/api';
import { WORKFLOW_FORMAT, WORKFLOW_VERSION } from '@atelier/graph';
import { askConfirm, askName } from '../dialogs/ask';
import { isDirty, snapshotOf, UNTITLED, useDocument } from '../store/document-store';
import { useSession } from '../store/session-store';
import { detachRun } from '../runs/run-controller';
import { toWorkflow } from '../model/workflow-io';
import { withMessage } from '../api/versions-api';
import { openConflict } from '../versions/conflict-actions';
import { pinsOf, recipeUsersOf } from './recipe-users';
import { showLastRun } from './last-run';
import { isUntouchedStarter } from '../app/starter';
import { denied } from '../team/me-store';

const fail = (what: string, error: unknown) =>
  useSession
    .getState()
    .toast(
      `${what}: ${error instanceof ApiError || error instanceof Error ? error.message : String(error)}`,
      'error',
    );

const NEEDS_NAME = 'A workflow in the library needs a name: type one in the top bar first';

/** The canvas is not in the library yet and has no name a person gave it. */
const needsName = (): boolean => {
  const { workflowId, name } = useDocument.getState();
  return !workflowId && (name.trim() === '' || name.trim() === UNTITLED);
};

/**
 * Saves to the library: a new entry the first time, a new version after that. A new version
 * is based on the one opened (If-Match): when a teammate saved since, the server refuses it
 * (409 version_conflict) and the canvas stays as it is, unsaved, with the server's words.
 */
export const saveWorkflow = async (
  opts: { asNew?: boolean; name?: string; message?: string } = {},
) => {
  // A first save of a canvas nobody named asks for a name instead of filing it as "Untitled".
  if (opts.name === undefined && needsName()) {
    const name = await askName({
      title: 'Save to the library',
      label: 'Name',
      initial: useDocument.getState().name.trim() || UNTITLED,
      confirm: 'Save',
    });
    if (name === undefined) return undefined;
    opts = { ...opts, name };
  }
  const doc = useDocument.getState();
  if (!(opts.name ?? doc.name).trim()) {
    useSession.getState().toast(NEEDS_NAME, 'error');
    return undefined;
  }
  if (opts.name !== undefined) doc.setName(opts.name);
  // What this request carries: edits typed while it is in flight are not part of it.
  const sent = snapshotOf(useDocument.getState());
  const loads = doc.loads;
  const workflow = toWorkflow(sent);
  const body = withMessage(workflow, opts.message);
  const updating = doc.workflowId && !opts.asNew ? doc.workflowId : undefined;
  const base = doc.baseVersion ?? doc.version;
  try {
    const saved = updating
      ? await api.updateWorkflow(updating, body, base)
      : await api.createWorkflow(body);
    // Another document opened meanwhile: this save is not its identity.
    if (useDocument.getState().loads === loads)
      useDocument.getState().setSaved({ workflowId: saved.id, version: saved.version }, sent);
    useSession.getState().toast(`Saved “${workflow.name}” (version ${saved.version})`, 'success');
    return saved;
  } catch (error) {
    // Someone saved first: show what they saved against mine, and the ways on (versions/).
    if (updating && error instanceof ApiError && error.code === 'version_conflict')
      await openConflict(updating, base);
    else fail('Save failed', error);
    return undefined;
  }
};

/** Opens a library entry (or one of its versions) onto the canvas. */
export const openWorkflow = async (id: string, version?: number) => {
  try {
    const latest = await api.getWorkflow(id);
    const record = version === undefined ? latest : await api.getWorkflowVersion(id, version);
    // An older version opened to restore it: saving makes it the newest, built on the latest.
    const baseVersion = record.version === latest.version ? undefined : latest.version;
    useDocument
      .getState()
      .load(record.document, { workflowId: record.id ?? id, version: record.version, baseVersion });
    // The canvas now shows another document: stop showing (and following) the last run.
    detachRun();
    useSession.getState().set({ nodeRuns: {}, run: undefined });
    useSession
      .getState()
      .toast(`Opened “${record.document.name}”${version ? ` version ${version}` : ''}`);
    // Its last run's outputs come back with it (as on a reload).
    await showLastRun(record.id ?? id, record.version);
    return true;
  } catch (error) {
    fail('Could not open the workflow', error);
    return false;
  }
};

export const renameWorkflow = async (id: string, name: string) => {
  if (!name.trim()) {
    useSession.getState().toast('A workflow needs a name: type one, or press Esc', 'error');
    return false;
  }
  try {
    // Renaming the open workflow builds on the version the canvas came from (If-Match).
    const doc = useDocument.getState();
    const base = doc.workflowId === id ? (doc.baseVersion ?? doc.version) : undefined;
    const saved = await api.renameWorkflow(id, name, base);
    if (useDocument.getState().workflowId === id)
      useDocument.getState().renamedInLibrary(name, saved.version);
    return true;
  } catch (error) {
    fail('Rename failed', error);
    return false;
  }
};

/**
 * Deletes a library workflow. When other workflows use it as a recipe (409 workflow_in_use),
 * asks again listing them by name, and deletes only when the person confirms.
 */
export const deleteWorkflow = async (id: string, name: string) => {
  try {
    try {
      await api.deleteWorkflow(id);
    } catch (error) {
      const users = recipeUsersOf(error);
      if (!users) throw error;
      const go = await askConfirm({
        title: `“${name}” is used as a recipe`,
        message: `${users.length === 1 ? 'This workflow uses' : `These ${users.length} workflows use`} it as a recipe node. They keep running the version they pin, but can no longer upgrade it or open it from the library. Delete it anyway?`,
        items: users.map((u) => ({
          id: u.id,
          label: u.name,
          detail: pinsOf(u),
        })),
        confirm: 'Delete anyway',
        danger: true,
        testId: 'delete-in-use',
      });
      if (!go) return false;
      await api.deleteWorkflow(id, true);
    }
    if (useDocument.getState().workflowId === id) useDocument.getState().setSaved({});
    return true;
  } catch (error) {
    fail('Delete failed', error);
    return false;
  }
};

/**
 * Asks before the canvas's unsaved changes are replaced by another document; true when there
 * is nothing to lose or the person agrees (Ctrl+Z still brings them back). Nothing to lose:
 * no changes, the untouched starter, or a person who may not save anyway (a viewer).
 */
export const confirmDiscard = async (what: string): Promise<boolean> => {
  const doc = useDocument.getState();
  if (!isDirty(doc) || doc.nodes.length === 0 || isUntouchedStarter(doc) || denied('edit'))
    return true;
  return askConfirm({
    title: 'Discard unsaved changes?',
    message: `“${doc.name}” has changes that are not saved in the library. ${what} anyway? Ctrl+Z brings them back.`,
    confirm: 'Discard changes',
    danger: true,
  });
};

/** New workflow: asks a name, then an empty canvas that is not in the library yet. */
export const newWorkflow = async (): Promise<boolean> => {
  if (!(await confirmDiscard('Start a new workflow'))) return false;
  const name = await askName({
    title: 'New workflow',
    label: 'Name',
    initial: 'Untitled workflow',
    confirm: 'Create',
  });
  if (name === undefined) return false;
  useDocument.getState().load(
    {
      format: WORKFLOW_FORMAT,
      version: WORKFLOW_VERSION,
      name,
      nodes: [],
      edges: [],
      inputs: [],
    },
    { keepHistory: true },
  );
  detachRun();
  useSession.getState().set({ nodeRuns: {}, run: undefined });
  useSession.getState().toast(`New workflow “${name}”: Save puts it in the library`);
  return true;
};

/** Save as: a new library entry under a name the person gives (the canvas then edits that one). */
export const saveWorkflowAs = async () => {
  const name = await askName({
    title: 'Save as a new workflow',
    label: 'Name of the copy',
    initial: `${useDocument.getState().name} copy`,
    confirm: 'Save copy',
    testId: 'save-as-name',
  });
  return name === undefined ? undefined : saveWorkflow({ asNew: true, name });
};
