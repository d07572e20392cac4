import type { BatchRowRecord } from '../api/batch-api';
import type { RunRecordView } from '../api/run-types';
import { describe, expect, it } from 'vitest';
import { RESULT_FILTERS, resultColumns } from './batch-view';

const image = { blob: 'b'.repeat(64), mime: 'image/png', width: 8, height: 8 };

const run = (id: string, named: boolean): RunRecordView =>
  ({
    id,
    status: 'succeeded',
    workflow: {
      format: 'atelier.workflow',
      version: 1,
      name: 'Poster',
      nodes: [{ id: 'g1', type: 'generate', position: { x: 0, y: 0 }, data: {} }],
      edges: [],
      inputs: [],
      ...(named ? { outputs: [{ name: 'poster', node: 'g1', port: 'image' }] } : {}),
    },
    nodes: { g1: { status: 'succeeded', outputs: { image } } },
    ...(named ? { outputs: { poster: image } } : {}),
  }) as unknown as RunRecordView;

const row = (index: number, runId?: string): BatchRowRecord =>
  ({ index, status: runId ? 'succeeded' : 'queued', inputs: {}, runId, cost: 0 }) as BatchRowRecord;

describe('the results grid', () => {
  it('knows which node made each cell, by output name or by node', () => {
    const [named] = resultColumns([run('r1', true)]);
    expect(named!.label).toBe('poster');
    expect(named!.nodeId(run('r1', true))).toBe('g1');
    const [byNode] = resultColumns([run('r2', false)]);
    expect(byNode!.label).toBe('g1');
    expect(byNode!.nodeId(run('r2', false))).toBe('g1');
  });

  it('filters to the rows whose run has a starred output', () => {
    const starred = RESULT_FILTERS.find((f) => f.id === 'starred')!;
    const context = { starredRuns: new Set(['r2']) };
    const rows = [row(0, 'r1'), row(1, 'r2'), row(2)];
    expect(rows.filter((r) => starred.test(r, undefined, context)).map((r) => r.index)).toEqual([
      1,
    ]);
  });
});
