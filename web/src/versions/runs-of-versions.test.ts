import { describe, expect, it } from 'vitest';
import type { RunOfVersion } from '../api/versions-api';
import { runOfVersion, runsToCompare } from './runs-of-versions';

const run = (
  id: string,
  workflowVersion: number | undefined,
  status: string,
  createdAt: number,
): RunOfVersion => ({ id, status, createdAt, ...(workflowVersion ? { workflowVersion } : {}) });

describe('runs of the two versions of a diff', () => {
  const runs = [
    run('r1', 1, 'failed', 1),
    run('r2', 1, 'succeeded', 2),
    run('r3', 1, 'failed', 3),
    run('r4', undefined, 'succeeded', 4),
    run('r5', 3, 'running', 5),
    run('r6', 3, 'cancelled', 6),
  ];

  it('takes the newest succeeded run of a version, else its newest finished one', () => {
    expect(runOfVersion(runs, 1)?.id).toBe('r2');
    expect(runOfVersion(runs, 3)?.id).toBe('r6');
  });

  it('never takes a run of an unsaved edit, and gives nothing when one side has no run', () => {
    expect(runOfVersion(runs, 2)).toBeUndefined();
    expect(runsToCompare(runs, 1, 2)).toBeUndefined();
    expect(runsToCompare(runs, 1, 3)).toEqual({ a: runs[1], b: runs[5] });
  });
});
