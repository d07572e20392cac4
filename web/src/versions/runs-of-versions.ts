import type { RunOfVersion } from '../api/versions-api';

/**
 * The run that best shows what version `version` makes: its newest succeeded run, else its
 * newest run that got anywhere. Runs of unsaved edits (no version) never stand for a version.
 */
export const runOfVersion = (
  runs: readonly RunOfVersion[],
  version: number,
): RunOfVersion | undefined => {
  const mine = runs
    .filter((r) => r.workflowVersion === version)
    .sort((a, b) => b.createdAt - a.createdAt);
  return (
    mine.find((r) => r.status === 'succeeded') ??
    mine.find((r) => r.status !== 'queued' && r.status !== 'running')
  );
};

/** A run of each side of a version diff, when both versions were run. */
export const runsToCompare = (
  runs: readonly RunOfVersion[],
  from: number,
  to: number,
): { a: RunOfVersion; b: RunOfVersion } | undefined => {
  const a = runOfVersion(runs, from);
  const b = runOfVersion(runs, to);
  return a && b ? { a, b } : undefined;
};
