import { describe, expect, it } from 'vitest';
import type { BatchRowRecord } from './batch-record';
import { BatchEventLog, parseEventId } from './batch-event-log';

const row = (index: number): BatchRowRecord => ({
  index,
  inputs: {},
  status: 'succeeded',
  cost: 0,
  estimatedCost: 0,
  attempts: 1,
});

describe('BatchEventLog', () => {
  it('gives the row completions after a cursor of its own epoch', () => {
    const log = new BatchEventLog('e1');
    log.record('b', row(0));
    const cursor = { epoch: 'e1', seq: log.record('b') };
    log.record('other', row(9));
    log.record('b', row(1));
    expect(log.rowsAfter('b', cursor)?.map((e) => e.row.index)).toEqual([1]);
    expect(log.rowsAfter('b', { epoch: 'e0', seq: cursor.seq })).toBeUndefined();
    expect(log.rowsAfter('fresh', cursor)).toEqual([]);
  });

  it('cannot say what a cursor missed once it dropped those completions or that batch', () => {
    const log = new BatchEventLog('e1', 1, 2);
    const first = log.record('b', row(0));
    log.record('b', row(1));
    log.record('b', row(2));
    expect(log.rowsAfter('b', { epoch: 'e1', seq: first - 1 })).toBeUndefined();
    expect(log.rowsAfter('b', { epoch: 'e1', seq: first })?.map((e) => e.row.index)).toEqual([
      1, 2,
    ]);
    log.record('c');
    expect(log.rowsAfter('b', { epoch: 'e1', seq: first })).toBeUndefined();
  });

  it('knows when a client has seen the last event of a batch', () => {
    const log = new BatchEventLog('e1');
    const seq = log.record('b');
    expect(log.upToDate('b', { epoch: 'e1', seq })).toBe(true);
    log.record('b', row(0));
    expect(log.upToDate('b', { epoch: 'e1', seq })).toBe(false);
    expect(parseEventId(log.idOf(seq))).toEqual({ epoch: 'e1', seq });
    expect(parseEventId('12')).toBeUndefined();
  });
});
