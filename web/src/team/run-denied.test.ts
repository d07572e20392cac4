import type { Workflow } from '@atelier/graph';
import { afterEach, describe, expect, it } from 'vitest';
import { useDocument } from '../store/document-store';
import { useMe } from './me-store';
import { runDenied } from './run-denied';
import type { Role } from './team-api';

const signIn = (role: Role) =>
  useMe.getState().set({
    mode: 'accounts',
    user: { id: 'u1', name: 'Ru', email: 'ru@studio.test', role },
    team: { id: 't1', name: 'Studio' },
  });

const recipe: Workflow = {
  format: 'atelier.workflow',
  version: 1,
  name: 'Poster',
  nodes: [{ id: 'p1', type: 'prompt', position: { x: 0, y: 0 }, data: { text: 'a kite' } }],
  edges: [],
  inputs: [],
};

afterEach(() => useMe.getState().set(undefined));

describe('runDenied', () => {
  it('lets a runner run a saved, unchanged recipe, and says why not otherwise', () => {
    signIn('runner');
    useDocument.getState().load(recipe);
    expect(runDenied()).toMatch(/runner\) runs saved recipes: open one from the Library/);
    useDocument.getState().load(recipe, { workflowId: 'wf_1', version: 2 });
    expect(runDenied()).toBeUndefined();
    useDocument.getState().setName('Poster, edited');
    expect(runDenied()).toMatch(/unsaved changes/);
  });

  it('never stops an editor or the solo person, and always stops a viewer', () => {
    useDocument.getState().load(recipe);
    expect(runDenied()).toBeUndefined(); // solo
    signIn('editor');
    expect(runDenied()).toBeUndefined();
    signIn('viewer');
    useDocument.getState().load(recipe, { workflowId: 'wf_1', version: 2 });
    expect(runDenied()).toMatch(/viewer\) cannot run recipes/);
  });
});
