import { useCallback, useEffect, useState } from 'react';
import type { WorkflowSummary, WorkflowVersionSummary } from '../api/api';
import { api } from '../api/api';
import { askConfirm, askName } from '../dialogs/ask';
import {
  confirmDiscard,
  deleteWorkflow,
  newWorkflow,
  openWorkflow,
  renameWorkflow,
  saveWorkflow,
  saveWorkflowAs,
} from './library-actions';
import { useDocument } from '../store/document-store';
import { useSession } from '../store/session-store';
import { forkWorkflow } from '../sharing/sharing-actions';
import { RECIPE_MIME } from '../model/drag-types';
import { useDenied } from '../team/me-store';
import { SidePanel } from '../ui/SidePanel';

const when = (t: string | number | undefined) =>
  t === undefined ? '' : new Date(t).toLocaleString();

function Versions({ id, latest }: { id: string; latest: number }) {
  const [versions, setVersions] = useState<WorkflowVersionSummary[] | undefined>();
  useEffect(() => {
    api.listVersions(id).then(setVersions, () => setVersions([]));
  }, [id, latest]);
  if (!versions) return <div className="muted small">Loading versions…</div>;
  return (
    <ul className="versions" data-testid={`library-versions-${id}`}>
      {[...versions]
        .sort((a, b) => b.version - a.version)
        .map((v) => (
          <li key={v.version}>
            <button
              type="button"
              className="link"
              data-testid={`library-version-${id}-${v.version}`}
              onClick={() => void openWorkflow(id, v.version)}
            >
              v{v.version}
            </button>
            <span className="muted small">
              {v.author?.name ?? ''} {when(v.createdAt)}
            </span>
            {v.message && <span className="small">{v.message}</span>}
          </li>
        ))}
    </ul>
  );
}

/** The saved workflows (GET /api/workflows): open, save as, rename, delete, versions. */
export function LibraryPanel() {
  const [items, setItems] = useState<WorkflowSummary[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [expanded, setExpanded] = useState<string | undefined>();
  const currentId = useDocument((s) => s.workflowId);
  const noEdit = useDenied('edit');
  // A save elsewhere (Ctrl+S, the top bar) makes a version: the list follows it.
  const currentVersion = useDocument((s) => s.version);
  const refresh = useCallback(() => {
    api.listWorkflows().then(
      (list) => {
        setItems(list);
        setError(undefined);
      },
      (e: Error) => setError(e.message),
    );
  }, []);
  useEffect(refresh, [refresh, currentId, currentVersion]);

  const open = async (id: string, version?: number) => {
    if (!(await confirmDiscard('Open another workflow'))) return;
    if (await openWorkflow(id, version)) useSession.getState().setPanel(null);
  };
  const rename = async (w: WorkflowSummary) => {
    const name = await askName({
      title: 'Rename workflow',
      label: 'Name',
      initial: w.name,
      confirm: 'Rename',
      testId: `library-rename-input-${w.id}`,
    });
    if (name !== undefined && name !== w.name && (await renameWorkflow(w.id, name))) refresh();
  };
  const remove = async (w: WorkflowSummary) => {
    const ok = await askConfirm({
      title: 'Delete from the library?',
      message: `“${w.name}” and its ${w.version} version${w.version === 1 ? '' : 's'} leave the library. Its runs stay in the history.`,
      confirm: 'Delete',
      danger: true,
    });
    if (ok && (await deleteWorkflow(w.id, w.name))) refresh();
  };

  return (
    <SidePanel
      title="Library"
      label="Library"
      testId="library-panel"
      closeLabel="Close library"
      closeTestId="library-close"
    >
      <fieldset className="panel-actions" disabled={!!noEdit} title={noEdit}>
        <button
          type="button"
          className="tb primary"
          data-testid="library-save"
          onClick={() => void saveWorkflow().then(refresh)}
        >
          Save
        </button>
        <button
          type="button"
          className="tb"
          data-testid="save-as"
          onClick={() => void saveWorkflowAs().then(refresh)}
        >
          Save as…
        </button>
        <button
          type="button"
          className="tb"
          data-testid="library-new"
          onClick={() =>
            void newWorkflow().then((made) => made && useSession.getState().setPanel(null))
          }
        >
          New
        </button>
      </fieldset>
      {error && <p className="error-text">{error}</p>}
      {!items && !error && <p className="muted">Loading…</p>}
      {items?.length === 0 && (
        <p className="muted">Nothing saved yet. Save puts the canvas here.</p>
      )}
      <ul className="library-list">
        {items?.map((w) => (
          <li
            key={w.id}
            className={`library-item${w.id === currentId ? ' current' : ''}`}
            data-testid={`library-item-${w.id}`}
          >
            <button
              type="button"
              className="library-open"
              data-testid={`library-open-${w.id}`}
              title={`${w.name} — click to open, drag onto the canvas to use it as a recipe node`}
              draggable
              onDragStart={(e) => {
                e.dataTransfer.setData(
                  RECIPE_MIME,
                  JSON.stringify({ workflowId: w.id, version: w.version, name: w.name }),
                );
                e.dataTransfer.effectAllowed = 'copy';
              }}
              onClick={() => void open(w.id)}
            >
              <span className="library-name">{w.name}</span>
              <span className="muted small">
                v{w.version} · {w.updatedBy ? `${w.updatedBy.name} · ` : ''}
                {when(w.updatedAt)}
              </span>
              {w.forkedFrom && (
                <span className="muted small" data-testid={`library-forked-${w.id}`}>
                  forked from “
                  {items?.find((o) => o.id === w.forkedFrom!.id)?.name ?? w.forkedFrom.id}” v
                  {w.forkedFrom.version}
                </span>
              )}
            </button>
            <div className="library-actions">
              <button
                type="button"
                className="mini-button"
                data-testid={`library-versions-toggle-${w.id}`}
                onClick={() => setExpanded(expanded === w.id ? undefined : w.id)}
              >
                Versions
              </button>
              <button
                type="button"
                className="mini-button"
                data-testid={`library-fork-${w.id}`}
                disabled={!!noEdit}
                title={noEdit ?? 'Copy into a new workflow that records where it came from'}
                onClick={() => void forkWorkflow(w.id).then(refresh)}
              >
                Fork
              </button>
              <button
                type="button"
                className="mini-button"
                data-testid={`library-rename-${w.id}`}
                disabled={!!noEdit}
                title={noEdit}
                onClick={() => void rename(w)}
              >
                Rename
              </button>
              <button
                type="button"
                className="mini-button danger"
                data-testid={`library-delete-${w.id}`}
                disabled={!!noEdit}
                title={noEdit}
                onClick={() => void remove(w)}
              >
                Delete
              </button>
            </div>
            {expanded === w.id && <Versions id={w.id} latest={w.version} />}
          </li>
        ))}
      </ul>
    </SidePanel>
  );
}
