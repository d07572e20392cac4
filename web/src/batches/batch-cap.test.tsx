import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BatchRecord } from '../api/batch-api';
import { BatchProgress } from './BatchProgress';
import { BatchStart } from './BatchStart';
import { useBatch } from './batch-store';

class QuietEventSource {
  constructor(readonly url: string) {}
  addEventListener() {}
  close() {}
}

/** Requests the panel sent (the network boundary only): method and path. */
let sent: string[] = [];
beforeEach(() => {
  sent = [];
  vi.stubGlobal(
    'fetch',
    vi.fn((input: RequestInfo | URL, init: RequestInit = {}) => {
      const url = input instanceof Request ? input.url : String(input);
      const path = new URL(url, 'http://x').pathname;
      sent.push(`${input instanceof Request ? input.method : (init.method ?? 'GET')} ${path}`);
      const answer = path.endsWith('/rows') ? [] : { ...stopped, status: 'queued' };
      return Promise.resolve(
        new Response(JSON.stringify(answer), {
          status: 200,
          headers: { 'content-type': 'application/json' },
        }),
      );
    }),
  );
  vi.stubGlobal('EventSource', QuietEventSource);
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  useBatch.setState({ batch: undefined, maxCost: '', preflight: { state: 'idle' } });
});

const columns = [{ name: 'subject', label: 'subject', kind: 'text' as const }];
const preflight = (firstRowCost: number) =>
  useBatch.setState({
    rows: [{ subject: 'a fox' }, { subject: 'an owl' }],
    problems: new Map(),
    preflight: {
      state: 'ok',
      result: { rows: 2, calls: 2, cachedNodes: 0, estimatedCost: 0.08, firstRowCost },
    },
  });

describe('the Batch panel warns before Start when the cap covers no row', () => {
  it('names the amount the first row needs when the cap is below it', () => {
    preflight(0.04);
    useBatch.setState({ maxCost: '0.01' });
    render(<BatchStart columns={columns} />);
    const warning = screen.getByTestId('batch-cap-warning');
    expect(warning.getAttribute('role')).toBe('alert');
    expect(warning.textContent).toBe(
      'The cap of $0.010 does not cover even one row: the first row is estimated at $0.040, so no row would run. Set the cap to at least $0.040.',
    );
    expect(screen.getByTestId('batch-start').title).toBe(warning.textContent);
    // A cap below the whole estimate but above one row keeps the milder note.
    act(() => useBatch.setState({ maxCost: '0.05' }));
    expect(screen.queryByTestId('batch-cap-warning')).toBeNull();
    expect(screen.getByTestId('batch-cap-note')).toBeTruthy();
  });

  it('says nothing without a cap, or when the first row is already cached', () => {
    preflight(0.04);
    render(<BatchStart columns={columns} />);
    expect(screen.queryByTestId('batch-cap-warning')).toBeNull();
    act(() => {
      preflight(0);
      useBatch.setState({ maxCost: '0' });
    });
    expect(screen.queryByTestId('batch-cap-warning')).toBeNull();
  });
});

const stopped: BatchRecord = {
  id: 'b1',
  name: 'Poster',
  status: 'budget_reached',
  total: 4,
  succeeded: 1,
  failed: 0,
  running: 0,
  queued: 3,
  cancelled: 0,
  cost: 0.04,
  estimatedCost: 0.16,
  maxCost: 0.05,
  needed: 0.11,
  priority: 0,
  position: 1,
  createdAt: 0,
  updatedAt: 0,
};

describe('Resume of a batch stopped at its cap', () => {
  it('with the cap unchanged says what to change (raise it by the amount needed) and sends nothing', () => {
    useBatch.setState({ batch: stopped });
    render(<BatchProgress />);
    fireEvent.click(screen.getByTestId('batch-resume'));
    const advice = screen.getByTestId('batch-resume-advice');
    expect(advice.getAttribute('role')).toBe('alert');
    expect(advice.textContent).toBe(
      'Resuming with the same cap of $0.050 stops again before the next row: the rows left need about $0.110 more. Raise the cap by at least $0.110 (to $0.160 or more) here, then “Raise the cap and go on”.',
    );
    // The new cap is offered where it is typed, and that is where the keyboard goes.
    const input = screen.getByTestId<HTMLInputElement>('batch-raise-cap');
    expect(input.value).toBe('0.16');
    expect(document.activeElement).toBe(input);
    expect(sent).toEqual([]);
  });

  it('resumes as asked when nothing more is needed (the server decides)', async () => {
    useBatch.setState({ batch: { ...stopped, needed: 0 } });
    render(<BatchProgress />);
    await act(async () => {
      fireEvent.click(screen.getByTestId('batch-resume'));
      await Promise.resolve();
    });
    expect(screen.queryByTestId('batch-resume-advice')).toBeNull();
    // Then it follows the resumed batch again (GET the batch and its rows).
    expect(sent[0]).toBe('POST /api/batches/b1/resume');
  });
});
