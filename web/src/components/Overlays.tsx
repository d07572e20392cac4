import { blobUrl } from '../api';
import { SHORTCUTS } from '../lib/shortcuts';
import { useDocument } from '../store/document-store';
import { useSession } from '../store/session-store';

export function HelpPanel() {
  return (
    <section className="side-panel" data-testid="help-panel" aria-label="Keyboard shortcuts">
      <header className="panel-head">
        <h2>Shortcuts</h2>
        <button
          type="button"
          className="tb"
          aria-label="Close help"
          data-testid="help-close"
          onClick={() => useSession.getState().setPanel(null)}
        >
          ✕
        </button>
      </header>
      <table className="shortcuts">
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.name}>
              <td>
                {s.keys.map((k) => (
                  <kbd key={k}>{k}</kbd>
                ))}
              </td>
              <td>{s.description}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Building</h3>
      <ul className="help-list">
        <li>
          Drag from an output (right) to an input (left). Only ports of the same colour connect.
        </li>
        <li>
          With one node selected, adding a node places it after and wires the first port that fits.
        </li>
        <li>The inspector (right) connects inputs from a list: no mouse needed.</li>
        <li>
          Shift+drag on the canvas selects a box of nodes; Shift/Ctrl+click adds a node to the
          selection.
        </li>
        <li>
          Drop or paste an image to make a reference node (with one reference or mask node selected,
          a paste fills it); drag an output image onto the canvas to reuse it.
        </li>
        <li>“⇢ input” on a field makes it a named recipe input, asked for before each run.</li>
      </ul>
    </section>
  );
}

export function Toasts() {
  const toasts = useSession((s) => s.toasts);
  return (
    <div className="toasts" aria-live="polite">
      {toasts.map((t) => (
        <div
          key={t.id}
          className={`toast ${t.kind}`}
          role={t.kind === 'error' ? 'alert' : 'status'}
          data-testid="toast"
        >
          <span>{t.message}</span>
          <button
            type="button"
            aria-label="Dismiss"
            onClick={() => useSession.getState().dismissToast(t.id)}
          >
            ✕
          </button>
        </div>
      ))}
    </div>
  );
}

export function Lightbox() {
  const lightbox = useSession((s) => s.lightbox);
  if (!lightbox) return null;
  const { image, title } = lightbox;
  const ext = image.mime.replace('image/', '').replace('jpeg', 'jpg');
  const close = () => useSession.getState().set({ lightbox: undefined });
  return (
    <div
      className="modal-backdrop"
      data-testid="lightbox"
      role="dialog"
      aria-label={title}
      onClick={close}
    >
      <figure className="lightbox" onClick={(e) => e.stopPropagation()}>
        <img src={blobUrl(image.blob)} alt={title} />
        <figcaption>
          <span>
            {title} · {image.width}×{image.height} {ext.toUpperCase()}
          </span>
          <a
            className="tb primary"
            href={blobUrl(image.blob)}
            download={`atelier-${image.blob.slice(0, 12)}.${ext}`}
            data-testid="lightbox-download"
          >
            Download
          </a>
          {/* Focus moves into the dialog: Enter or Space closes it, Esc too (shortcuts). */}
          <button
            type="button"
            className="tb"
            data-testid="lightbox-close"
            onClick={close}
            autoFocus
          >
            Close
          </button>
        </figcaption>
      </figure>
    </div>
  );
}

/** Issues by path (import errors, validation before a run); node paths also name the node. */
export function IssuesDialog() {
  const report = useSession((s) => s.importIssues);
  if (!report) return null;
  // Paths of a validation report point into the canvas's own document: name the node too.
  const nodes = report.ofCanvas ? useDocument.getState().nodes : [];
  const nodeName = (path: string) => {
    const m = /(?:^|\.)nodes\[(\d+)\]/.exec(path);
    const node = m ? nodes[Number(m[1])] : undefined;
    return node ? ` (${node.id})` : '';
  };
  const message = (path: string, text: string) =>
    path && text.startsWith(`${path}: `) ? text.slice(path.length + 2) : text;
  const close = () => useSession.getState().set({ importIssues: undefined });
  return (
    <div className="modal-backdrop" onClick={close}>
      <div
        className="dialog"
        role="alertdialog"
        aria-label={report.title}
        data-testid="import-errors"
        onClick={(e) => e.stopPropagation()}
      >
        <h2>{report.title}</h2>
        <ul className="issues">
          {report.issues.map((issue, i) => (
            <li key={i}>
              <code className="issue-path">{issue.path || '(document)'}</code>
              {nodeName(issue.path)} <span>{message(issue.path, issue.message)}</span>
            </li>
          ))}
        </ul>
        <button
          type="button"
          className="tb primary"
          autoFocus
          data-testid="import-errors-close"
          onClick={close}
        >
          OK
        </button>
      </div>
    </div>
  );
}

export function SimulatorBanner() {
  const provider = useSession((s) => s.provider);
  const down = useSession((s) => s.serverDown);
  if (down)
    return (
      <div className="banner down" role="alert" data-testid="server-down-banner">
        The Atelier server is not reachable: editing works, running and saving do not. Start it with{' '}
        <code>pnpm start</code>.
      </div>
    );
  if (provider !== 'simulator') return null;
  return (
    <div className="banner sim" role="status" data-testid="simulator-banner">
      <strong>Simulator</strong> — no OpenAI key is set, so images come from the built-in fake
      Responses API. Nothing is sent to OpenAI and nothing is billed; costs shown are estimates of
      what the real API would charge.
    </div>
  );
}
