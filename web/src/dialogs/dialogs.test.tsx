import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useSession } from '../store/session-store';
import { askConfirm, askName } from './ask';
import { DialogHost } from './DialogHost';

afterEach(() => {
  cleanup();
  useSession.setState({ dialog: undefined });
});

const open = <T,>(ask: () => Promise<T>) => {
  render(<DialogHost />);
  let answer!: Promise<T>;
  act(() => {
    answer = ask();
  });
  return answer;
};

describe('app dialogs', () => {
  it('asks a name, refuses a blank one with a reason, and answers the typed name on Enter', async () => {
    const answer = open(() =>
      askName({ title: 'Save as', label: 'Name', initial: 'Poster copy', confirm: 'Save' }),
    );
    const input = screen.getByTestId<HTMLInputElement>('name-dialog-input');
    expect(input.value).toBe('Poster copy');
    fireEvent.change(input, { target: { value: '   ' } });
    fireEvent.submit(input.form!);
    expect(screen.getByRole('alert').textContent).toMatch(/Type a name/);
    fireEvent.change(input, { target: { value: '  Poster for the shop window, autumn  ' } });
    fireEvent.submit(input.form!);
    expect(await answer).toBe('Poster for the shop window, autumn');
    expect(screen.queryByTestId('name-dialog')).toBeNull();
  });

  it('answers undefined when the name dialog is closed with Esc', async () => {
    const answer = open(() =>
      askName({ title: 'Rename', label: 'Name', initial: 'x', confirm: 'Rename' }),
    );
    fireEvent.keyDown(screen.getByTestId('name-dialog-input'), { key: 'Escape' });
    expect(await answer).toBeUndefined();
  });

  it('answers a confirm dialog with the button pressed', async () => {
    const answer = open(() =>
      askConfirm({ title: 'Delete?', message: 'Gone for good', confirm: 'Delete', danger: true }),
    );
    expect(screen.getByTestId('confirm-dialog').textContent).toContain('Gone for good');
    fireEvent.click(screen.getByTestId('confirm-dialog-confirm'));
    expect(await answer).toBe(true);
  });

  it('lists what a confirm concerns under its message, under its own test id', async () => {
    const answer = open(() =>
      askConfirm({
        title: '“Shot” is used as a recipe',
        message: 'Delete it anyway?',
        confirm: 'Delete anyway',
        danger: true,
        items: [
          { id: 'w1', label: 'Two shots', detail: '1 recipe node, pinned to v2' },
          { id: 'w2', label: 'Catalogue' },
        ],
        testId: 'delete-in-use',
      }),
    );
    expect(screen.getByTestId('delete-in-use-item-w1').textContent).toBe(
      'Two shots 1 recipe node, pinned to v2',
    );
    expect(screen.getByTestId('delete-in-use-item-w2').textContent).toBe('Catalogue');
    fireEvent.click(screen.getByTestId('delete-in-use-cancel'));
    expect(await answer).toBe(false);
  });
});
