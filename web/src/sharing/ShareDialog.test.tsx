import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ShareDialog } from './ShareDialog';

const URL_ = `http://127.0.0.1:8787/s/${'x'.repeat(43)}`;
let sent: { method: string; body?: string }[];
beforeEach(() => {
  sent = [];
  vi.stubGlobal(
    'fetch',
    vi.fn((_url: string, init: RequestInit = {}) => {
      sent.push({ method: init.method ?? 'GET', body: init.body as string | undefined });
      const answer = init.method === 'POST' ? { id: 's1', url: URL_ } : [];
      return Promise.resolve(new Response(JSON.stringify(answer), { status: 200 }));
    }),
  );
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('the Share dialog', () => {
  it("chooses view or run with the app's tabs and shows the new link whole", async () => {
    render(<ShareDialog workflowId="w1" version={2} name="Poster" onClose={() => undefined} />);
    expect(screen.queryAllByRole('radio')).toEqual([]);
    fireEvent.click(screen.getByTestId('share-access-run'));
    expect(screen.getByTestId('share-access-run').getAttribute('aria-selected')).toBe('true');
    fireEvent.click(screen.getByTestId('share-create'));
    const link = await screen.findByTestId<HTMLTextAreaElement>('share-url');
    expect(link.tagName).toBe('TEXTAREA');
    expect(link.value).toBe(URL_);
    expect(JSON.parse(sent.find((s) => s.method === 'POST')!.body!)).toMatchObject({
      access: 'run',
    });
  });
});
