import { useEffect, useState } from 'react';
import type { VersionInfo } from '../api/versions-api';
import { versionsApi } from '../api/versions-api';
import { openWorkflow, confirmDiscard, saveWorkflow } from '../library/library-actions';
import { useDocument } from '../store/document-store';
import { useSession } from '../store/session-store';
import { CompareRunsLink } from './CompareRunsLink';
import { DiffList } from './DiffList';
import {
  clearComparison,
  compareCanvas,
  compareVersions,
  openCompared,
  restoreVersion,
} from './version-actions';
import { useVersions } from './versions-store';
import { useDenied } from '../team/me-store';

const when = (t: number | undefined) => (t === undefined ? '' : new Date(t).toLocaleString());

/**
 * The open workflow's versions: who saved each, when and why; compare any two (a list here,
 * highlights on the canvas), restore one as the newest, save with a message.
 */
export function VersionsPanel() {
  const workflowId = useDocument((s) => s.workflowId);
  const noEdit = useDenied('edit');
  const version = useDocument((s) => s.version);
  const latestSeen = useVersions((s) => s.latest?.version);
  const comparison = useVersions((s) => s.comparison);
  const [versions, setVersions] = useState<VersionInfo[] | undefined>();
  const [picked, setPicked] = useState<number[]>([]);
  const [message, setMessage] = useState('');
  const [tick, setTick] = useState(0);

  useEffect(() => {
    if (!workflowId) return;
    versionsApi.list(workflowId).then(setVersions, () => setVersions([]));
  }, [workflowId, version, latestSeen, tick]);

  const close = () => {
    clearComparison();
    useSession.getState().setPanel(null);
  };
  const latest = versions?.[0]?.version ?? version ?? 1;
  const pick = (v: number) =>
    setPicked((now) => (now.includes(v) ? now.filter((p) => p !== v) : [...now, v].slice(-2)));

  return (
    <section
      className="side-panel versions-panel"
      data-testid="versions-panel"
      aria-label="Versions"
    >
      <header className="panel-head">
        <h2>Versions</h2>
        <button
          type="button"
          className="tb"
          aria-label="Close versions"
          data-testid="versions-close"
          onClick={close}
        >
          ✕
        </button>
      </header>
      {!workflowId ? (
        <p className="muted">Save the workflow to the library: each save is a version here.</p>
      ) : (
        <>
          <form
            className="panel-actions version-save"
            onSubmit={(e) => {
              e.preventDefault();
              void saveWorkflow({ message }).then((saved) => {
                if (saved) setMessage('');
              });
            }}
          >
            <input
              data-testid="version-message"
              aria-label="What changed (saved with the version)"
              placeholder="What changed? (optional)"
              maxLength={500}
              value={message}
              onChange={(e) => setMessage(e.target.value)}
            />
            <button type="submit" className="tb primary" data-testid="version-save">
              Save version
            </button>
          </form>
          <div className="panel-actions">
            <button
              type="button"
              className="tb"
              data-testid="versions-compare"
              disabled={picked.length !== 2}
              title="Tick two versions to compare them"
              onClick={() => void compareVersions(workflowId, picked[0]!, picked[1]!)}
            >
              Compare ticked
            </button>
            <button
              type="button"
              className="tb"
              data-testid="versions-compare-canvas"
              title="What the canvas changes compared with the latest saved version"
              onClick={() => void compareCanvas(workflowId, latest)}
            >
              Canvas vs latest
            </button>
          </div>
          {!versions && <p className="muted">Loading…</p>}
          <ul className="version-list" data-testid="version-list">
            {versions?.map((v) => (
              <li
                key={v.version}
                className={`version-row${v.version === version ? ' current' : ''}`}
                data-testid={`version-${v.version}`}
              >
                <label className="version-pick">
                  <input
                    type="checkbox"
                    data-testid={`version-pick-${v.version}`}
                    checked={picked.includes(v.version)}
                    onChange={() => pick(v.version)}
                  />
                  <strong>v{v.version}</strong>
                </label>
                <span className="version-author" data-testid={`version-author-${v.version}`}>
                  {v.author?.name ?? 'unknown'}
                </span>
                <span className="muted small">{when(v.createdAt)}</span>
                {v.message && (
                  <span className="version-message" data-testid={`version-message-${v.version}`}>
                    {v.message}
                  </span>
                )}
                <span className="version-actions">
                  {v.version > 1 && (
                    <button
                      type="button"
                      className="mini-button"
                      data-testid={`version-diff-${v.version}`}
                      title={`What version ${v.version} changed`}
                      onClick={() => void compareVersions(workflowId, v.version - 1, v.version)}
                    >
                      Changes
                    </button>
                  )}
                  <button
                    type="button"
                    className="mini-button"
                    data-testid={`version-open-${v.version}`}
                    onClick={() =>
                      void confirmDiscard('Open another version').then(
                        (ok) =>
                          ok &&
                          openWorkflow(workflowId, v.version === latest ? undefined : v.version),
                      )
                    }
                  >
                    Open
                  </button>
                  {v.version !== latest && (
                    <button
                      type="button"
                      className="mini-button"
                      data-testid={`version-restore-${v.version}`}
                      disabled={!!noEdit}
                      title={noEdit ?? `Make version ${v.version} the newest again`}
                      onClick={() =>
                        void restoreVersion(workflowId, v.version, latest).then(() =>
                          setTick((t) => t + 1),
                        )
                      }
                    >
                      Restore
                    </button>
                  )}
                </span>
              </li>
            ))}
          </ul>
          {comparison && comparison.workflowId === workflowId && (
            <div className="comparison" data-testid="comparison">
              <header className="panel-head">
                <h3 data-testid="comparison-title">
                  v{comparison.from.version} →{' '}
                  {comparison.to ? `v${comparison.to.version}` : 'canvas'}
                </h3>
                <span className="group">
                  {comparison.to && comparison.to.version !== version && (
                    <button
                      type="button"
                      className="mini-button"
                      data-testid="comparison-open"
                      title="Open the newer side on the canvas, with its highlights"
                      onClick={() => void openCompared(comparison.to!, workflowId)}
                    >
                      Show v{comparison.to.version}
                    </button>
                  )}
                  <button
                    type="button"
                    className="mini-button"
                    data-testid="comparison-clear"
                    onClick={clearComparison}
                  >
                    Clear
                  </button>
                </span>
              </header>
              <p className="muted small">
                Highlighted on the canvas: <span className="diff-legend diff-added">added</span>{' '}
                <span className="diff-legend diff-changed">changed</span>{' '}
                <span className="diff-legend diff-moved">moved</span>; removed ones are listed only.
              </p>
              {comparison.to && (
                <p className="compare-runs-row">
                  <CompareRunsLink
                    workflowId={workflowId}
                    from={comparison.from.version}
                    to={comparison.to.version}
                  />
                </p>
              )}
              <DiffList diff={comparison.diff} />
            </div>
          )}
        </>
      )}
    </section>
  );
}
