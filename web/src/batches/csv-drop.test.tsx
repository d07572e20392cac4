import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useSession } from '../store/session-store';
import type { BatchColumn } from './batch-grid';
import { BatchGrid } from './BatchGrid';
import { useBatch } from './batch-store';
import { loadCsv } from './csv-drop';

const columns: BatchColumn[] = [
  { name: 'subject', label: 'subject', kind: 'text' },
  { name: 'weather', label: 'weather', kind: 'text' },
];

beforeEach(() => {
  // The grid asks the server for a cost preview after a change: answer it quietly.
  vi.stubGlobal(
    'fetch',
    vi.fn(() => Promise.resolve(new Response('{}', { status: 200 }))),
  );
  useBatch.getState().setRows([{ subject: '', weather: '' }]);
  useSession.setState({ toasts: [] });
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const drop = (file: File) =>
  fireEvent.drop(screen.getByTestId('batch-grid'), {
    dataTransfer: { files: [file], types: ['Files'], items: [] },
  });
const lastToast = () => useSession.getState().toasts.at(-1);

describe('dropping a CSV file on the Batch grid', () => {
  it('loads its rows as pasting them would, the header naming the columns', async () => {
    render(<BatchGrid columns={columns} />);
    drop(
      new File(['weather,subject\nfog,a lighthouse\nsnow,"a barn, red"\n'], 'rows.csv', {
        type: 'text/csv',
      }),
    );
    await waitFor(() =>
      expect(useBatch.getState().rows).toEqual([
        { subject: 'a lighthouse', weather: 'fog' },
        { subject: 'a barn, red', weather: 'snow' },
      ]),
    );
    expect(lastToast()).toMatchObject({ kind: 'success' });
    expect(lastToast()!.message).toMatch(/2 rows loaded from rows\.csv/);
  });

  it('says what is wrong with a file that is not a CSV, and leaves the rows alone', async () => {
    render(<BatchGrid columns={columns} />);
    drop(new File(['PK\u0003\u0004\u0000'], 'rows.xlsx'));
    await waitFor(() => expect(lastToast()?.kind).toBe('error'));
    expect(lastToast()!.message).toMatch(/rows\.xlsx is not a CSV file: save the sheet as CSV/);
    expect(useBatch.getState().rows).toEqual([{ subject: '', weather: '' }]);
  });
});

describe('loadCsv', () => {
  const file = { name: 'rows.csv', type: 'text/csv' };
  it('adds rows after the ones already typed, never over them', () => {
    const loaded = loadCsv(
      [
        { subject: 'kept', weather: '' },
        { subject: '', weather: '' },
      ],
      columns,
      file,
      'a fox,rain\n',
    );
    expect(loaded).toMatchObject({
      ok: true,
      rows: [
        { subject: 'kept', weather: '' },
        { subject: 'a fox', weather: 'rain' },
      ],
    });
  });

  it('names a header column the recipe has no input for', () => {
    const loaded = loadCsv([], columns, file, 'subject,wether\na fox,rain\n');
    expect(loaded).toEqual({
      ok: false,
      message: `rows.csv's first line names "wether", which this recipe has no input for: its inputs are subject, weather.`,
    });
  });

  it('refuses an empty file', () => {
    const loaded = loadCsv([], columns, file, '\n');
    expect(loaded.ok).toBe(false);
    expect(loaded.message).toMatch(/rows\.csv has no rows/);
  });
});
