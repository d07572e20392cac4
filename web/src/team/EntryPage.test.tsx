import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EntryPage } from './EntryPage';

const preview = {
  id: 'inv1',
  email: 'rita@studio.test',
  role: 'runner',
  team: 'Studio',
  invitedBy: 'olive@studio.test',
  expiresAt: Date.UTC(2030, 0, 1),
};

let fetched: string[];
beforeEach(() => {
  fetched = [];
  vi.stubGlobal(
    'fetch',
    vi.fn((url: string) => {
      fetched.push(url);
      return Promise.resolve(
        url === '/api/invitations/inv1/preview'
          ? new Response(JSON.stringify(preview), { status: 200 })
          : new Response(JSON.stringify({ error: { code: 'x', message: 'unexpected' } }), {
              status: 500,
            }),
      );
    }),
  );
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('the invitation page before sign-up', () => {
  it('says who invited which address as which role, and starts the form with that address', async () => {
    render(<EntryPage entry={{ kind: 'signed-out' }} inviteId="inv1" />);
    await waitFor(() =>
      expect(screen.getByTestId('invitation-details').textContent).toContain(
        'olive@studio.test invited rita@studio.test as runner',
      ),
    );
    expect(screen.getByTestId<HTMLInputElement>('auth-email').value).toBe('rita@studio.test');
  });

  it('refuses a mistyped address before any account is made, naming the expected one', async () => {
    render(<EntryPage entry={{ kind: 'signed-out' }} inviteId="inv1" />);
    await screen.findByTestId('invitation-details');
    fireEvent.change(screen.getByTestId('auth-name'), { target: { value: 'Rita' } });
    fireEvent.change(screen.getByTestId('auth-email'), { target: { value: 'rita@studoi.test' } });
    fireEvent.change(screen.getByTestId('auth-password'), {
      target: { value: 'a long enough password' },
    });
    fireEvent.click(screen.getByTestId('auth-submit'));
    await waitFor(() =>
      expect(screen.getByTestId('auth-error').textContent).toMatch(
        /This invitation is for rita@studio\.test/,
      ),
    );
    expect(fetched.filter((u) => u.includes('/api/auth/'))).toEqual([]);
  });
});
