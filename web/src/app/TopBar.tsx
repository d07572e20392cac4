import { useRef } from 'react';
import { InboxButton, UsageButton } from '../review/ReviewButtons';
import { FittingGroup } from './FittingGroup';
import { newWorkflow, saveWorkflow, saveWorkflowAs } from '../library/library-actions';
import { requestRun } from '../runs/request-run';
import { isDirty, useDocument } from '../store/document-store';
import { isRunBusy, useSession } from '../store/session-store';
import { importFile } from '../sharing/sharing-actions';
import { useSharing } from '../sharing/sharing-store';
import { AccountBadge } from '../team/AccountBadge';
import { useDenied } from '../team/me-store';
import { useRunDenied } from '../team/run-denied';
import { PresenceBadge } from '../versions/PresenceBadge';

/** Name, save, run, library, history, import/export, undo/redo, layout, help. */
export function TopBar({ onLayout }: { onLayout(): void }) {
  const name = useDocument((s) => s.name);
  const canUndo = useDocument((s) => s.past.length > 0);
  const canRedo = useDocument((s) => s.future.length > 0);
  const dirty = useDocument(isDirty);
  const saved = useDocument((s) => (s.workflowId ? `v${s.version ?? 1}` : undefined));
  const workflowId = useDocument((s) => s.workflowId);
  const selectedOne = useDocument((s) => {
    const picked = s.nodes.filter((n) => n.selected);
    return picked.length === 1 ? picked[0]!.id : undefined;
  });
  const running = useSession(isRunBusy);
  const starting = useSession((s) => !!s.starting);
  const panel = useSession((s) => s.panel);
  const fileRef = useRef<HTMLInputElement>(null);
  const toggle = useSession.getState().togglePanel;
  // Team mode: what this person's role may not do, said on hover (undefined in solo mode).
  const noEdit = useDenied('edit');
  const noRun = useRunDenied();

  return (
    <header className="topbar">
      <div className="brand" aria-hidden>
        <span className="logo">◆</span> Atelier
      </div>
      <input
        className="doc-name"
        data-testid="workflow-name"
        aria-label="Workflow name"
        title={name}
        // Wide enough for the whole name (an original and its fork must not look the same).
        size={Math.min(40, Math.max(10, name.length + 1))}
        value={name}
        readOnly={!!noEdit}
        onChange={(e) => useDocument.getState().setName(e.target.value)}
      />
      <span className={`save-state${dirty ? ' dirty' : ''}`} data-testid="save-state">
        {saved ? `${saved}${dirty ? ' · edited' : ' · saved'}` : dirty ? 'not in library' : ''}
      </span>
      <div className="group">
        <button
          type="button"
          className="tb"
          data-testid="new-workflow"
          disabled={!!noEdit}
          onClick={() => void newWorkflow()}
          title={noEdit ?? 'Start a new, empty workflow'}
        >
          New
        </button>
        <button
          type="button"
          className="tb"
          data-testid="save"
          disabled={!!noEdit}
          onClick={() => void saveWorkflow()}
          title={noEdit ?? 'Save to the library (Ctrl+S)'}
        >
          Save
        </button>
        <button
          type="button"
          className="tb"
          data-testid="save-as-top"
          disabled={!!noEdit}
          onClick={() => void saveWorkflowAs()}
          title={noEdit ?? 'Save a copy as a new library workflow'}
        >
          Save as…
        </button>
        <button
          type="button"
          className="tb"
          data-testid="undo"
          aria-label="Undo"
          title={noEdit ?? 'Undo (Ctrl+Z)'}
          disabled={!!noEdit || !canUndo}
          onClick={() => useDocument.getState().undo()}
        >
          ↶
        </button>
        <button
          type="button"
          className="tb"
          data-testid="redo"
          aria-label="Redo"
          title={noEdit ?? 'Redo (Ctrl+Shift+Z)'}
          disabled={!!noEdit || !canRedo}
          onClick={() => useDocument.getState().redo()}
        >
          ↷
        </button>
        <button
          type="button"
          className="tb"
          data-testid="auto-layout"
          disabled={!!noEdit}
          title={noEdit ?? 'Auto-layout left to right (Shift+L)'}
          onClick={onLayout}
        >
          Tidy
        </button>
      </div>
      {/* Most used first: what the window has no room for moves, from the end, into More. */}
      <FittingGroup>
        <button
          type="button"
          className={`tb${panel === 'library' ? ' on' : ''}`}
          data-testid="open-library"
          aria-pressed={panel === 'library'}
          onClick={() => toggle('library')}
        >
          Library
        </button>
        <button
          type="button"
          className={`tb${panel === 'history' ? ' on' : ''}`}
          data-testid="open-history"
          aria-pressed={panel === 'history'}
          onClick={() => toggle('history')}
        >
          History
        </button>
        <button
          type="button"
          className={`tb${panel === 'versions' ? ' on' : ''}`}
          data-testid="open-versions"
          aria-pressed={panel === 'versions'}
          title="Who saved what, compare versions, restore one"
          onClick={() => toggle('versions')}
        >
          Versions
        </button>
        <button
          type="button"
          className={`tb${panel === 'batch' ? ' on' : ''}`}
          data-testid="open-batch"
          disabled={!!noRun}
          aria-pressed={panel === 'batch'}
          title={noRun ?? 'Run this recipe over a table of inputs'}
          onClick={() => toggle('batch')}
        >
          Batch
        </button>
        <InboxButton />
        <button
          type="button"
          className="tb"
          data-testid="share"
          disabled={!!noEdit || !workflowId}
          title={
            noEdit ??
            (workflowId ? 'Share as a view link or an app page' : 'Save to the library first')
          }
          onClick={() => useSharing.getState().set({ dialog: 'share' })}
        >
          Share
        </button>
        <button
          type="button"
          className="tb"
          data-testid="export"
          title="Download a bundle (.atelier.zip, with its images) or the plain .atelier.json"
          onClick={() => useSharing.getState().set({ dialog: 'export' })}
        >
          Export
        </button>
        <button
          type="button"
          className="tb"
          data-testid="import"
          disabled={!!noEdit}
          title={noEdit ?? 'Open a bundle (.atelier.zip) or a workflow file (.json)'}
          onClick={() => fileRef.current?.click()}
        >
          Import
        </button>
        <UsageButton />
        <button
          type="button"
          className={`tb${panel === 'help' ? ' on' : ''}`}
          data-testid="open-help"
          aria-label="Help and shortcuts"
          title="Shortcuts (?)"
          onClick={() => toggle('help')}
        >
          ?
        </button>
      </FittingGroup>
      {/* Outside the group: the file picker must exist while Import sits in the closed menu. */}
      <input
        ref={fileRef}
        type="file"
        hidden
        accept=".json,application/json,.zip,application/zip"
        data-testid="import-file"
        aria-label="Import workflow file"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void importFile(file);
        }}
      />
      <PresenceBadge />
      <div className="group run-group">
        <button
          type="button"
          className="tb"
          data-testid="run-selected"
          disabled={!!noRun || running || !selectedOne}
          title={
            noRun ??
            (selectedOne
              ? `Run up to ${selectedOne} (Ctrl+Shift+Enter)`
              : 'Select one node to run up to it')
          }
          onClick={() => selectedOne && requestRun(selectedOne)}
        >
          Run to selection
        </button>
        <button
          type="button"
          className="tb primary"
          data-testid="run"
          disabled={!!noRun || running}
          title={noRun ?? 'Run the whole graph (Ctrl+Enter)'}
          onClick={() => requestRun()}
        >
          {starting ? 'Starting…' : running ? 'Running…' : '▶ Run'}
        </button>
      </div>
      <AccountBadge />
    </header>
  );
}
