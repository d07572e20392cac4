import type { Workflow } from '@atelier/graph';
import { diffWorkflows } from '@atelier/graph';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { saveWorkflow } from '../library/library-actions';
import { isDirty, useDocument } from '../store/document-store';
import { useSession } from '../store/session-store';
import { forkMine, keepMine, takeTheirs } from './conflict-actions';
import { useVersions } from './versions-store';

const doc = (name: string, text: string): Workflow => ({
  format: 'atelier.workflow',
  version: 1,
  name,
  nodes: [{ id: 'p1', type: 'prompt', position: { x: 0, y: 0 }, data: { text } }],
  edges: [],
  inputs: [],
});
const theirs = doc('Poster', 'their windmill');

interface Sent {
  call: string;
  ifMatch: string | null;
  body?: Record<string, unknown>;
}

/**
 * The network boundary: version 3 (theirs) is the latest; a PUT based on 2 is refused with
 * 409 as the server does, one based on 3 is saved as 4; the diff is the graph package's own.
 */
const server = () => {
  const sent: Sent[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn((url: string, init: RequestInit = {}) => {
      const method = init.method ?? 'GET';
      const ifMatch = new Headers(init.headers).get('if-match');
      const body = init.body
        ? (JSON.parse(init.body as string) as Record<string, unknown>)
        : undefined;
      sent.push({ call: `${method} ${url.split('?')[0]}`, ifMatch, body });
      const reply = (status: number, answer: unknown) =>
        Promise.resolve(
          new Response(JSON.stringify(answer), {
            status,
            headers: { 'content-type': 'application/json' },
          }),
        );
      switch (`${method} ${url}`) {
        case 'PUT /api/workflows/wf_1':
          return ifMatch === '"3"'
            ? reply(200, { id: 'wf_1', version: 4 })
            : reply(409, { error: { code: 'version_conflict', message: 'saved by someone else' } });
        case 'GET /api/workflows/wf_1':
          return reply(200, {
            id: 'wf_1',
            version: 3,
            document: theirs,
            updatedBy: { id: 'u_ada', name: 'Ada' },
          });
        case 'POST /api/workflows/wf_1/diff':
          return reply(200, {
            workflowId: 'wf_1',
            from: { version: 3, name: 'Poster', savedAt: 0 },
            to: null,
            diff: diffWorkflows(theirs, body!.document as Workflow),
          });
        case 'POST /api/workflows/wf_1/fork':
          return reply(201, { id: 'wf_2', version: 1, name: body!.name });
        default:
          return reply(404, { error: { code: 'not_found', message: url } });
      }
    }),
  );
  return sent;
};

let sent: Sent[];
beforeEach(async () => {
  sent = server();
  useVersions.setState({ conflict: undefined });
  // I opened version 2 and typed; Ada saved version 3 meanwhile.
  useDocument.getState().load(doc('Poster', 'a lighthouse'), { workflowId: 'wf_1', version: 2 });
  useDocument.getState().updateField('p1', 'text', 'my lighthouse at dusk');
  expect(await saveWorkflow()).toBeUndefined();
});
afterEach(() => {
  vi.unstubAllGlobals();
  useSession.setState({ toasts: [] });
});

const canvasText = () => (useDocument.getState().nodes[0]?.data as { text?: string }).text;

describe('a save conflict in the editor', () => {
  it('opens the dialog with who saved and the diff from theirs to mine, the canvas untouched', () => {
    const conflict = useVersions.getState().conflict;
    expect(conflict).toMatchObject({
      workflowId: 'wf_1',
      baseVersion: 2,
      theirs: { version: 3, author: { name: 'Ada' } },
    });
    expect(conflict?.diff.nodes.changed[0]?.changes).toEqual([
      { field: 'data.text', from: 'their windmill', to: 'my lighthouse at dusk' },
    ]);
    expect(canvasText()).toBe('my lighthouse at dusk');
    expect(isDirty(useDocument.getState())).toBe(true);
    expect(sent.map((s) => `${s.call} ${s.ifMatch}`)).toEqual([
      'PUT /api/workflows/wf_1 "2"',
      'GET /api/workflows/wf_1 null',
      'POST /api/workflows/wf_1/diff null',
    ]);
  });

  it('keep mine: saves mine on top of theirs (If-Match 3) with a message', async () => {
    await keepMine();
    const put = sent.at(-1)!;
    expect([put.call, put.ifMatch, put.body?.message]).toEqual([
      'PUT /api/workflows/wf_1',
      '"3"',
      'Kept over version 3',
    ]);
    const state = useDocument.getState();
    expect([state.workflowId, state.version, isDirty(state), canvasText()]).toEqual([
      'wf_1',
      4,
      false,
      'my lighthouse at dusk',
    ]);
    expect(useVersions.getState().conflict).toBeUndefined();
  });

  it('take theirs: the canvas shows version 3, and Ctrl+Z brings mine back', () => {
    takeTheirs();
    const state = useDocument.getState();
    expect([state.workflowId, state.version, isDirty(state), canvasText()]).toEqual([
      'wf_1',
      3,
      false,
      'their windmill',
    ]);
    useDocument.getState().undo();
    expect(canvasText()).toBe('my lighthouse at dusk');
    expect(useVersions.getState().conflict).toBeUndefined();
  });

  it('save mine as a fork: a new workflow from the version I started on', async () => {
    await forkMine();
    const fork = sent.at(-1)!;
    expect(fork.call).toBe('POST /api/workflows/wf_1/fork');
    expect(fork.body).toMatchObject({ version: 2, name: 'Poster (my copy)' });
    expect((fork.body?.document as Workflow).nodes[0]?.data.text).toBe('my lighthouse at dusk');
    const state = useDocument.getState();
    expect([state.workflowId, state.version, state.name, isDirty(state)]).toEqual([
      'wf_2',
      1,
      'Poster (my copy)',
      false,
    ]);
  });
});
