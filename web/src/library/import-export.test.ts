import { afterEach, describe, expect, it } from 'vitest';
import { useDocument } from '../store/document-store';
import { useSession } from '../store/session-store';
import { importWorkflowFile } from './import-export';

/** What the file picker hands over (jsdom's File has no text(), browsers' has). */
const file = (doc: unknown) =>
  ({ name: 'recipe.atelier.json', text: () => Promise.resolve(JSON.stringify(doc)) }) as File;

const recipe = (size: string) => ({
  format: 'atelier.workflow',
  version: 1,
  name: 'Poster',
  nodes: [
    { id: 'p', type: 'prompt', position: { x: 0, y: 0 }, data: { text: 'a fox' } },
    { id: 'g', type: 'generate', position: { x: 300, y: 0 }, data: { size } },
  ],
  edges: [{ id: 'e', source: 'p', sourceHandle: 'text', target: 'g', targetHandle: 'prompt' }],
  inputs: [],
});

afterEach(() => useSession.setState({ importIssues: undefined, toasts: [] }));

describe('importWorkflowFile', () => {
  it('opens a readable file, and says at once by node what keeps it from running', async () => {
    expect(await importWorkflowFile(file(recipe('999x3')))).toBe(true);
    expect(useDocument.getState().nodes.map((n) => n.id)).toEqual(['p', 'g']);
    const report = useSession.getState().importIssues;
    expect(report?.title).toBe('Imported “Poster”, but it cannot run until this is fixed');
    expect(report?.ofCanvas).toBe(true);
    expect(report?.issues.map((i) => i.path)).toEqual(['nodes[1].data.size']);
  });

  it('says nothing more for a recipe that can run', async () => {
    expect(await importWorkflowFile(file(recipe('1024x1024')))).toBe(true);
    expect(useSession.getState().importIssues).toBeUndefined();
  });
});
