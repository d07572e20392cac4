import { useDocument } from '../store/document-store';
import { useSession } from '../store/session-store';

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
