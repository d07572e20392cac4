import type { Workflow } from '@atelier/graph';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ifMatchHeaders } from '../api/api';
import { isDirty, useDocument } from '../store/document-store';
import { useSession } from '../store/session-store';
import {
  deleteWorkflow,
  newWorkflow,
  openWorkflow,
  renameWorkflow,
  saveWorkflow,
} from './library-actions';
import { fieldOf } from '../model/node-data';
import { seedStarter } from '../app/starter';
import { useMe } from '../team/me-store';

afterEach(() => {
  vi.unstubAllGlobals();
  useSession.setState({ toasts: [] });
});

const poster: Workflow = {
  format: 'atelier.workflow',
  version: 1,
  name: 'Poster',
  nodes: [{ id: 'p1', type: 'prompt', position: { x: 0, y: 0 }, data: { text: 'a lighthouse' } }],
  edges: [],
  inputs: [],
};

/** Answers every request with `answer` and records what was sent (the network boundary only). */
const serverAnswering = (status: number, answer: unknown) => {
  const sent: { url: string; method?: string; ifMatch: string | null }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn((url: string, init: RequestInit = {}) => {
      sent.push({ url, method: init.method, ifMatch: new Headers(init.headers).get('if-match') });
      return Promise.resolve(
        new Response(JSON.stringify(answer), {
          status,
          headers: { 'content-type': 'application/json' },
        }),
      );
    }),
  );
  return sent;
};

describe('library actions', () => {
  it('refuses to save or rename to a blank name, before asking the server', async () => {
    useDocument.getState().load(poster, { workflowId: 'wf_1', version: 2 });
    useDocument.getState().setName('   ');
    expect(await saveWorkflow()).toBeUndefined();
    expect(await renameWorkflow('w1', '')).toBe(false);
    expect(useSession.getState().toasts.map((t) => [t.kind, t.message])).toEqual([
      ['error', 'A workflow in the library needs a name: type one in the top bar first'],
      ['error', 'A workflow needs a name: type one, or press Esc'],
    ]);
  });
});

describe('the first save of a canvas nobody named', () => {
  /** Answers each save as a new library entry and records the names sent. */
  const library = () => {
    const names: string[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn((_url: string, init: RequestInit = {}) => {
        names.push((JSON.parse(init.body as string) as { name: string }).name);
        return Promise.resolve(
          new Response(JSON.stringify({ id: 'wf_9', version: 1 }), {
            status: 201,
            headers: { 'content-type': 'application/json' },
          }),
        );
      }),
    );
    return names;
  };
  /** The name dialog the save opened (the app's own dialog, not window.prompt). */
  const nameDialog = () => {
    const dialog = useSession.getState().dialog;
    if (dialog?.kind !== 'name') throw new Error(`expected the name dialog, got ${dialog?.kind}`);
    return dialog;
  };
  const untitled = () => useDocument.getState().load({ ...poster, name: 'Untitled' });
  afterEach(() => useSession.setState({ dialog: undefined }));

  it('asks a name in the name dialog, prefilled, and saves under the name given', async () => {
    untitled();
    const names = library();
    const saving = saveWorkflow();
    await Promise.resolve();
    expect(nameDialog().initial).toBe('Untitled');
    expect(names).toEqual([]);
    nameDialog().resolve('Harbour poster');
    expect(await saving).toEqual({ id: 'wf_9', version: 1 });
    expect(names).toEqual(['Harbour poster']);
    const doc = useDocument.getState();
    expect([doc.name, doc.workflowId, isDirty(doc)]).toEqual(['Harbour poster', 'wf_9', false]);
  });

  it('saves nothing when the dialog is cancelled', async () => {
    untitled();
    const names = library();
    const saving = saveWorkflow();
    await Promise.resolve();
    nameDialog().resolve(undefined);
    expect(await saving).toBeUndefined();
    expect(names).toEqual([]);
    expect(useDocument.getState().workflowId).toBeUndefined();
  });

  it('asks too when the name was cleared, prefilled with "Untitled"', async () => {
    untitled();
    useDocument.getState().setName('  ');
    library();
    const saving = saveWorkflow();
    await Promise.resolve();
    expect(nameDialog().initial).toBe('Untitled');
    nameDialog().resolve(undefined);
    await saving;
  });

  it('does not ask for a canvas already named, nor for a new version', async () => {
    useDocument.getState().load(poster);
    const names = library();
    await saveWorkflow();
    expect(useSession.getState().dialog).toBeUndefined();
    useDocument.getState().setName('Untitled');
    await saveWorkflow();
    expect(useSession.getState().dialog).toBeUndefined();
    expect(names).toEqual(['Poster', 'Untitled']);
  });
});

describe('If-Match on save', () => {
  it('names a known version as a quoted ETag, and nothing for a new document', () => {
    expect(ifMatchHeaders(3)).toEqual({ 'If-Match': '"3"' });
    expect(ifMatchHeaders(undefined)).toEqual({});
  });

  it('bases a new version on the one opened, then on the one just saved', async () => {
    useDocument.getState().load(poster, { workflowId: 'wf_1', version: 2 });
    useDocument.getState().setName('Poster, edited');
    const sent = serverAnswering(200, { id: 'wf_1', version: 3 });
    expect(await saveWorkflow()).toEqual({ id: 'wf_1', version: 3 });
    await saveWorkflow();
    expect(sent).toEqual([
      { url: '/api/workflows/wf_1', method: 'PUT', ifMatch: '"2"' },
      { url: '/api/workflows/wf_1', method: 'PUT', ifMatch: '"3"' },
    ]);
  });

  it('sends no If-Match for a new library entry (Save as…)', async () => {
    useDocument.getState().load(poster, { workflowId: 'wf_1', version: 2 });
    const sent = serverAnswering(201, { id: 'wf_2', version: 1 });
    await saveWorkflow({ asNew: true, name: 'Poster copy' });
    expect(sent).toEqual([{ url: '/api/workflows', method: 'POST', ifMatch: null }]);
  });

  it('on 409 version_conflict opens the conflict (versions/) and leaves the canvas unsaved', async () => {
    useDocument.getState().load(poster, { workflowId: 'wf_1', version: 2 });
    useDocument.getState().setName('My edit');
    const before = useDocument.getState();
    const message =
      'Workflow "Poster" was saved as version 3 by someone else since you opened version 2: reload it, or save yours as a new workflow.';
    serverAnswering(409, { error: { code: 'version_conflict', message, path: 'If-Match' } });
    expect(await saveWorkflow()).toBeUndefined();
    // This stub answers 409 to everything, so their version cannot be read: said so.
    expect(useSession.getState().toasts.map((t) => t.kind)).toEqual(['error']);
    expect(useSession.getState().toasts[0]?.message).toMatch(/^Someone saved first/);
    const after = useDocument.getState();
    expect([after.workflowId, after.version, after.name]).toEqual(['wf_1', 2, 'My edit']);
    expect(after.nodes).toBe(before.nodes);
    expect(after.saved).toBe(before.saved);
    expect(isDirty(after)).toBe(true);
  });
});

describe('If-Match when restoring an older version, and on rename', () => {
  /** Answers by URL; records method and If-Match of each request. */
  const serverWith = (answers: Record<string, unknown>) => {
    const sent: string[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn((url: string, init: RequestInit = {}) => {
        sent.push(`${init.method ?? 'GET'} ${url} ${new Headers(init.headers).get('if-match')}`);
        const answer = answers[`${init.method ?? 'GET'} ${url}`];
        return Promise.resolve(
          new Response(JSON.stringify(answer ?? { error: { code: 'not_found', message: url } }), {
            status: answer ? 200 : 404,
            headers: { 'content-type': 'application/json' },
          }),
        );
      }),
    );
    return sent;
  };

  it('saves an opened older version as the newest, built on the latest (no false conflict)', async () => {
    const sent = serverWith({
      'GET /api/workflows/wf_1': { id: 'wf_1', name: 'Poster', version: 5, document: poster },
      'GET /api/workflows/wf_1/versions/2': { id: 'wf_1', version: 2, document: poster },
      'PUT /api/workflows/wf_1': { id: 'wf_1', version: 6 },
    });
    expect(await openWorkflow('wf_1', 2)).toBe(true);
    expect([useDocument.getState().version, useDocument.getState().baseVersion]).toEqual([2, 5]);
    await saveWorkflow();
    expect(sent.at(-1)).toBe('PUT /api/workflows/wf_1 "5"');
    expect([useDocument.getState().version, useDocument.getState().baseVersion]).toEqual([
      6,
      undefined,
    ]);
  });

  it('renames the open workflow on the version the canvas came from', async () => {
    useDocument.getState().load(poster, { workflowId: 'wf_1', version: 3 });
    const sent = serverWith({ 'PATCH /api/workflows/wf_1': { id: 'wf_1', version: 4 } });
    expect(await renameWorkflow('wf_1', 'Posters')).toBe(true);
    expect(sent).toEqual(['PATCH /api/workflows/wf_1 "3"']);
    expect([useDocument.getState().name, useDocument.getState().version]).toEqual(['Posters', 4]);
  });
});

describe('opening a stored document', () => {
  it('migrates a document stored in an older format before it reaches the canvas', async () => {
    const old = {
      format: 'atelier.workflow',
      version: 0,
      name: 'Old poster',
      nodes: [
        { id: 'p1', type: 'prompt', position: { x: 0, y: 0 }, data: { text: 'a cat' } },
        { id: 'g1', type: 'generate', position: { x: 300, y: 0 }, data: {} },
      ],
      edges: [{ id: 'e1', from: 'p1.text', to: 'g1.prompt' }],
    };
    serverAnswering(200, { id: 'wf_0', name: 'Old poster', version: 1, document: old });
    expect(await openWorkflow('wf_0')).toBe(true);
    expect(useDocument.getState().edges).toEqual([
      { id: 'e1', source: 'p1', sourceHandle: 'text', target: 'g1', targetHandle: 'prompt' },
    ]);
  });

  it('refuses a document of a newer version with a message, leaving the canvas alone', async () => {
    useDocument.getState().load(poster);
    const before = useDocument.getState().nodes;
    serverAnswering(200, {
      id: 'wf_9',
      name: 'Future',
      version: 1,
      document: { ...poster, version: 9 },
    });
    expect(await openWorkflow('wf_9')).toBe(false);
    expect(useDocument.getState().nodes).toBe(before);
    expect(useSession.getState().toasts.at(-1)?.message).toMatch(/version 9/);
  });
});

describe('a save in flight', () => {
  /** A server whose answer waits until `release` is called. */
  const slowServer = (answer: unknown) => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        await gate;
        return new Response(JSON.stringify(answer), {
          status: 200,
          headers: { 'content-type': 'application/json' },
        });
      }),
    );
    return () => release();
  };

  it('leaves edits typed during the request unsaved', async () => {
    useDocument.getState().load(poster, { workflowId: 'wf_1', version: 1 });
    const release = slowServer({ id: 'wf_1', version: 2 });
    const saving = saveWorkflow();
    useDocument.getState().updateField('p1', 'text', 'typed while saving');
    release();
    await saving;
    expect(useDocument.getState().version).toBe(2);
    expect(isDirty(useDocument.getState())).toBe(true);
  });

  it('does not stamp its id on a workflow opened while it was in flight', async () => {
    useDocument.getState().load(poster);
    const release = slowServer({ id: 'wf_new', version: 1 });
    const saving = saveWorkflow();
    useDocument
      .getState()
      .load({ ...poster, name: 'Other' }, { workflowId: 'wf_other', version: 7 });
    release();
    await saving;
    expect([useDocument.getState().workflowId, useDocument.getState().version]).toEqual([
      'wf_other',
      7,
    ]);
  });
});

describe('New workflow', () => {
  it('asks a name and starts an empty canvas that is not the library item it was', async () => {
    useDocument.getState().load(poster, { workflowId: 'wf_1', version: 3 });
    const made = newWorkflow();
    await Promise.resolve();
    const dialog = useSession.getState().dialog;
    expect(dialog).toMatchObject({ kind: 'name', title: 'New workflow' });
    if (dialog?.kind === 'name') dialog.resolve('Shop window');
    expect(await made).toBe(true);
    const doc = useDocument.getState();
    expect([doc.name, doc.nodes.length, doc.workflowId, doc.version]).toEqual([
      'Shop window',
      0,
      undefined,
      undefined,
    ]);
  });

  it('asks before discarding unsaved changes, and keeps them when told no', async () => {
    useDocument.getState().load(poster, { workflowId: 'wf_1', version: 3 });
    useDocument.getState().updateField('p1', 'text', 'unsaved words');
    const made = newWorkflow();
    await Promise.resolve();
    const dialog = useSession.getState().dialog;
    expect(dialog?.kind).toBe('confirm');
    if (dialog?.kind === 'confirm') dialog.resolve(false);
    expect(await made).toBe(false);
    expect(fieldOf(useDocument.getState().nodes[0]!, 'text')).toBe('unsaved words');
    expect(useDocument.getState().workflowId).toBe('wf_1');
  });
});

describe('opening a saved workflow with runs (REVIEW-2 #10)', () => {
  const runOf = (id: string, version: number, status: string) => ({
    id,
    status: 'succeeded',
    provider: 'simulator',
    inputs: {},
    force: [],
    nodes: { p1: { status, cached: false, outputs: { text: 'a lighthouse' } } },
    outputs: {},
    usage: { inputTokens: 0, outputTokens: 0, imageCalls: 0, webSearchCalls: 0, requests: 0 },
    cost: 0,
    saved: { nodes: 0, cost: 0 },
    createdAt: 1,
    workflowId: 'wf_1',
    workflowVersion: version,
    workflow: poster,
  });

  /** A library holding wf_1 at version 2, with these runs listed newest first. */
  const library = (runs: unknown[]) =>
    vi.stubGlobal(
      'fetch',
      vi.fn((url: string) =>
        Promise.resolve(
          new Response(
            JSON.stringify(
              url.includes('/api/runs')
                ? runs
                : { id: 'wf_1', name: 'Poster', version: 2, document: poster },
            ),
            { status: 200, headers: { 'content-type': 'application/json' } },
          ),
        ),
      ),
    );

  beforeEach(() => useSession.setState({ run: undefined, nodeRuns: {} }));

  it('shows the last run of the opened version with outputs on the canvas', async () => {
    library([
      runOf('run_3', 1, 'succeeded'),
      runOf('run_2', 2, 'failed'),
      runOf('run_1', 2, 'succeeded'),
    ]);
    expect(await openWorkflow('wf_1')).toBe(true);
    expect(useSession.getState().run?.id).toBe('run_1');
    expect(useSession.getState().nodeRuns.p1?.status).toBe('succeeded');
  });

  it('shows nothing when the workflow has no run with outputs', async () => {
    library([runOf('run_2', 2, 'failed')]);
    expect(await openWorkflow('wf_1')).toBe(true);
    expect(useSession.getState().run).toBeUndefined();
  });
});

describe('nothing to discard (REVIEW-2 #8)', () => {
  afterEach(() => useMe.setState({ me: undefined }));

  /** Runs New and answers its name dialog; says whether a discard question came first. */
  const asksDiscard = async () => {
    const made = newWorkflow();
    await Promise.resolve();
    const asked = useSession.getState().dialog?.kind === 'confirm';
    const dialog = useSession.getState().dialog;
    if (dialog?.kind === 'confirm') dialog.resolve(false);
    if (dialog?.kind === 'name') dialog.resolve('Fresh');
    await made;
    return asked;
  };

  it('does not ask for the untouched starter, but does once it is edited', async () => {
    seedStarter();
    expect(await asksDiscard()).toBe(false);
    seedStarter();
    useDocument.getState().updateField('prompt_1', 'text', 'my own words');
    expect(await asksDiscard()).toBe(true);
  });

  it('does not ask a viewer, who cannot save the changes anyway', async () => {
    useMe.setState({
      me: {
        mode: 'accounts',
        user: { id: 'u1', name: 'Vi', email: 'vi@studio.test', role: 'viewer' },
        team: { id: 't1', name: 'Studio' },
      },
    });
    useDocument.getState().load(poster, { workflowId: 'wf_1', version: 3 });
    useDocument.getState().updateField('p1', 'text', 'moved around');
    expect(await asksDiscard()).toBe(false);
  });
});

describe('deleting a workflow other workflows use as a recipe', () => {
  beforeEach(() => useSession.setState({ dialog: undefined, toasts: [] }));
  const inUse = {
    error: {
      code: 'workflow_in_use',
      message: '"Product shot" is used as a recipe by "Two shots", "Catalogue"',
      path: 'id',
      users: [
        { id: 'wf_two', name: 'Two shots', version: 3, nodes: [{ id: 'r1', version: 2 }] },
        {
          id: 'wf_cat',
          name: 'Catalogue',
          version: 1,
          nodes: [
            { id: 'r1', version: 1 },
            { id: 'r2', version: 3 },
          ],
        },
      ],
    },
  };
  /** 409 for a plain DELETE, 200 for a confirmed one; records the URLs asked. */
  const server = () => {
    const urls: string[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn((url: string) => {
        urls.push(url);
        const confirmed = url.includes('confirm=true');
        return Promise.resolve(
          new Response(JSON.stringify(confirmed ? { id: 'wf_shot', deleted: true } : inUse), {
            status: confirmed ? 200 : 409,
            headers: { 'content-type': 'application/json' },
          }),
        );
      }),
    );
    return urls;
  };
  /** The confirm dialog the action opened, once it is open. */
  const dialog = async () => {
    await vi.waitFor(() => expect(useSession.getState().dialog).toBeDefined());
    const d = useSession.getState().dialog!;
    if (d.kind !== 'confirm') throw new Error(`expected a confirm dialog, got ${d.kind}`);
    return d;
  };

  it('lists the users by name with their pins, and deletes with confirm=true when confirmed', async () => {
    const urls = server();
    const deleting = deleteWorkflow('wf_shot', 'Product shot');
    const d = await dialog();
    expect(d.title).toBe('“Product shot” is used as a recipe');
    expect(d.testId).toBe('delete-in-use');
    expect(d.items).toEqual([
      { id: 'wf_two', label: 'Two shots', detail: '1 recipe node, pinned to v2' },
      { id: 'wf_cat', label: 'Catalogue', detail: '2 recipe nodes, pinned to v1 and v3' },
    ]);
    useSession.getState().set({ dialog: undefined });
    d.resolve(true);
    expect(await deleting).toBe(true);
    expect(urls.map((u) => new URL(u, 'http://x').search)).toEqual(['', '?confirm=true']);
    expect(useSession.getState().toasts.filter((t) => t.kind === 'error')).toEqual([]);
  });

  it('deletes nothing when the person cancels, and shows no error', async () => {
    const urls = server();
    const deleting = deleteWorkflow('wf_shot', 'Product shot');
    const d = await dialog();
    useSession.getState().set({ dialog: undefined });
    d.resolve(false);
    expect(await deleting).toBe(false);
    expect(urls).toHaveLength(1);
    expect(useSession.getState().toasts).toEqual([]);
  });

  it('still reports any other refusal as an error', async () => {
    serverAnswering(404, { error: { code: 'not_found', message: 'No workflow "wf_x"' } });
    expect(await deleteWorkflow('wf_x', 'Gone')).toBe(false);
    expect(useSession.getState().dialog).toBeUndefined();
    expect(useSession.getState().toasts.map((t) => t.kind)).toEqual(['error']);
  });
});
