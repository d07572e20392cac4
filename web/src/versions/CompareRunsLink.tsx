import { useEffect, useState } from 'react';
import type { RunOfVersion } from '../api/versions-api';
import { versionsApi } from '../api/versions-api';
import { compareUrl } from '../review/review-route';
import { runsToCompare } from './runs-of-versions';

/**
 * "Compare runs" under a version diff: a run of each version side by side (the review's
 * compare view), when both versions were run; otherwise which one has no run.
 */
export function CompareRunsLink({
  workflowId,
  from,
  to,
}: {
  workflowId: string;
  from: number;
  to: number;
}) {
  const [runs, setRuns] = useState<RunOfVersion[] | undefined>();
  useEffect(() => {
    let live = true;
    versionsApi.runs(workflowId).then(
      (list) => live && setRuns(list),
      () => live && setRuns([]),
    );
    return () => {
      live = false;
    };
  }, [workflowId, from, to]);
  if (!runs) return null;
  const pair = runsToCompare(runs, from, to);
  if (pair)
    return (
      <a
        className="mini-button compare-runs"
        href={compareUrl(pair.a.id, pair.b.id)}
        data-testid="comparison-runs"
        title={`Run ${pair.a.id} of v${from} beside run ${pair.b.id} of v${to}: images, parameters, time and cost`}
      >
        Compare runs
      </a>
    );
  const missing = [from, to].filter((v) => !runs.some((r) => r.workflowVersion === v));
  return (
    <span className="muted small" data-testid="comparison-runs-missing">
      {missing.length > 0
        ? `No run of v${missing.join(' or v')} yet: open it and run it to compare runs.`
        : 'No finished run of both versions yet.'}
    </span>
  );
}
