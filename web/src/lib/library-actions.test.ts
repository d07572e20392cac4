import { afterEach, describe, expect, it } from 'vitest';
import { useDocument } from '../store/document-store';
import { useSession } from '../store/session-store';
import { renameWorkflow, saveWorkflow } from './library-actions';

afterEach(() => useSession.setState({ toasts: [] }));

describe('library actions', () => {
  it('refuses to save or rename to a blank name, before asking the server', async () => {
    useDocument.getState().setName('   ');
    expect(await saveWorkflow()).toBeUndefined();
    expect(await renameWorkflow('w1', '')).toBe(false);
    expect(useSession.getState().toasts.map((t) => [t.kind, t.message])).toEqual([
      ['error', 'A workflow in the library needs a name: type one in the top bar first'],
      ['error', 'A workflow needs a name: type one, or press Esc'],
    ]);
  });
});
