import type { WorkflowDiff } from '@atelier/graph';
import { diffSize } from '@atelier/graph';
import { recipeRefOf } from '../model/recipe-node';
import { useDocument } from '../store/document-store';
import { useRecipes } from '../store/recipes-store';
import { useSession } from '../store/session-store';
import { describeDiff } from './describe-diff';

const SIGN = { added: '+', removed: '−', changed: '~', moved: '↔' } as const;

/** A diff as a list: one line per thing that differs, field by field, old → new. */
export function DiffList({ diff, testId = 'diff-list' }: { diff: WorkflowDiff; testId?: string }) {
  const latest = useRecipes((s) => s.latest);
  const nodes = useDocument((s) => s.nodes);
  const lines = describeDiff(
    diff,
    (workflowId) => latest[workflowId]?.name,
    (nodeId) => recipeRefOf(nodes.find((n) => n.id === nodeId) ?? { data: {} })?.workflowId,
  );
  const size = diffSize(diff);
  const moves = diff.nodes.moved.length;
  return (
    <div className="diff" data-testid={testId}>
      <p className="muted small" data-testid={`${testId}-summary`}>
        {size === 0 && moves === 0
          ? 'No differences.'
          : `${size} change${size === 1 ? '' : 's'}${moves ? `, ${moves} node${moves === 1 ? '' : 's'} moved` : ''}`}
      </p>
      <ul className="diff-lines">
        {lines.map((line, i) => (
          <li key={i} className={`diff-line diff-${line.kind}`} data-kind={line.kind}>
            <button
              type="button"
              className="link diff-subject"
              disabled={!line.nodeId}
              onClick={() => line.nodeId && useSession.getState().focusNode(line.nodeId)}
            >
              <span className="diff-sign" aria-label={line.kind}>
                {SIGN[line.kind]}
              </span>{' '}
              {line.subject}
            </button>
            {line.details.length > 0 && (
              <ul className="diff-details">
                {line.details.map((d, j) => (
                  <li key={j}>{d}</li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
