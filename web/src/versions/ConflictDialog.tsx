import { Dialog } from '../dialogs/Dialog';
import { DiffList } from './DiffList';
import { forkMine, keepMine, takeTheirs } from './conflict-actions';
import { useVersions } from './versions-store';

/**
 * Someone saved first: what they saved against what I have, and three ways on. Closing it
 * changes nothing: the canvas keeps my edits, unsaved.
 */
export function ConflictDialog() {
  const conflict = useVersions((s) => s.conflict);
  if (!conflict) return null;
  const close = () => useVersions.getState().set({ conflict: undefined });
  const who = conflict.theirs.author?.name ?? 'Someone';
  return (
    <Dialog
      title="Someone saved first"
      onClose={close}
      testId="conflict-dialog"
      role="alertdialog"
      className="conflict-dialog"
      actions={
        <>
          <button type="button" className="tb" data-testid="conflict-cancel" onClick={close}>
            Decide later
          </button>
          <button
            type="button"
            className="tb"
            data-testid="conflict-fork"
            disabled={conflict.busy}
            title="A new workflow with your version; theirs stays as it is"
            onClick={() => void forkMine()}
          >
            Save mine as a fork
          </button>
          <button
            type="button"
            className="tb"
            data-testid="conflict-theirs"
            disabled={conflict.busy}
            title="Show their version; Ctrl+Z brings yours back"
            onClick={takeTheirs}
          >
            Take theirs
          </button>
          <button
            type="button"
            className="tb primary"
            data-testid="conflict-keep-mine"
            disabled={conflict.busy}
            title="Save yours as the newest version; theirs stays in the list"
            onClick={() => void keepMine()}
          >
            Keep mine as newest
          </button>
        </>
      }
    >
      <p data-testid="conflict-who">
        {who} saved version {conflict.theirs.version}
        {conflict.baseVersion ? ` since you opened version ${conflict.baseVersion}` : ''}. Below:
        what is different in yours, compared with theirs.
      </p>
      {conflict.error && <p className="error-text">{conflict.error}</p>}
      <DiffList diff={conflict.diff} testId="conflict-diff" />
    </Dialog>
  );
}
