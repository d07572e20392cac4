import { describeIssue } from '../model/describe-issue';
import { useDocument } from '../store/document-store';
import { useSession } from '../store/session-store';
import { Dialog } from './Dialog';

/**
 * Problems of a file being imported or of the canvas before a run. Problems of the canvas
 * name their node by its title, say what to do, and "Show" brings the node into view; a file
 * that could not be read lists its problems by path (there is no canvas node to show).
 */
export function IssuesDialog() {
  const report = useSession((s) => s.importIssues);
  if (!report) return null;
  const { nodes, inputs } = useDocument.getState();
  const close = () => useSession.getState().set({ importIssues: undefined });
  const shown = report.issues.map((issue) =>
    report.ofCanvas
      ? describeIssue(issue, nodes, inputs)
      : { where: issue.path || 'the file', text: describeIssue(issue, []).text },
  );
  return (
    <Dialog
      title={report.title}
      role="alertdialog"
      testId="import-errors"
      onClose={close}
      actions={
        <button
          type="button"
          className="tb primary"
          autoFocus
          data-testid="import-errors-close"
          onClick={close}
        >
          OK
        </button>
      }
    >
      <ul className="issues">
        {shown.map((issue, i) => (
          <li key={i} data-testid="issue">
            {issue.where && <strong className="issue-where">{issue.where}</strong>}{' '}
            <span>{issue.text}</span>
            {issue.nodeId && (
              <button
                type="button"
                className="mini-button"
                data-testid={`issue-show-${issue.nodeId}`}
                onClick={() => {
                  close();
                  useSession.getState().focusNode(issue.nodeId!);
                }}
              >
                Show
              </button>
            )}
          </li>
        ))}
      </ul>
    </Dialog>
  );
}
