import type { Workflow, WorkflowDiff } from '@atelier/graph';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../auth/actor';
import type { TestApp } from './test-app';
import { createTestApp, json, posterWorkflow } from './test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** Version 1: the poster plus a loose prompt exposed as "old". */
const first = (): Workflow => {
  const doc = posterWorkflow() as Workflow;
  return {
    ...doc,
    nodes: [
      ...doc.nodes,
      { id: 'x1', type: 'prompt', position: { x: 0, y: 200 }, data: { text: 'unused' } },
    ],
    inputs: [...doc.inputs, { name: 'old', node: 'x1', field: 'text' }],
  };
};

/** Version 2 differs from version 1 in every kind of way. */
const second = (): Workflow => {
  const doc = posterWorkflow('A poster of a windmill') as Workflow;
  return {
    ...doc,
    name: 'Poster (windmill)',
    description: 'for the spring campaign',
    nodes: [
      { ...doc.nodes[0]!, position: { x: 20, y: 40 }, view: { title: 'Subject' } },
      { ...doc.nodes[1]!, data: { ...doc.nodes[1]!.data, size: '1536x1024' } },
      { id: 'p2', type: 'prompt', position: { x: 0, y: 300 }, data: { text: 'pastel colours' } },
    ],
    edges: [
      ...doc.edges,
      { id: 'e2', source: 'p2', sourceHandle: 'text', target: 'g1', targetHandle: 'context' },
    ],
    inputs: [
      { name: 'subject', node: 'p1', field: 'text', label: 'Subject' },
      { name: 'style', node: 'p2', field: 'text' },
    ],
    outputs: [{ name: 'hero', node: 'g1', port: 'image' }],
  };
};

const create = async (doc: unknown, app: { request: TestApp['app']['request'] } = t.app) => {
  const res = await app.request('/api/workflows', json(doc));
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; version: number };
};

const put = (id: string, doc: unknown, ifVersion?: number) =>
  t.app.request(`/api/workflows/${id}`, {
    ...json(doc, 'PUT'),
    headers: {
      'content-type': 'application/json',
      ...(ifVersion ? { 'if-match': `"${ifVersion}"` } : {}),
    },
  });

interface VersionRow {
  version: number;
  author?: { id: string; name: string };
  message?: string;
}
const versionsOf = async (id: string) =>
  (await (await t.app.request(`/api/workflows/${id}/versions`)).json()) as VersionRow[];

const beat = (id: string, session: string, app: { request: TestApp['app']['request'] } = t.app) =>
  app.request(`/api/workflows/${id}/presence`, json({ session }));

describe('version authors and messages', () => {
  it('records the author and message of each save and lists them newest first', async () => {
    const { id } = await create({ ...first(), message: 'first draft' });
    expect((await put(id, { ...second(), message: '  windmill  ' }, 1)).status).toBe(200);
    expect((await put(id, second(), 2)).status).toBe(200);
    const rows = await versionsOf(id);
    expect(rows.map((r) => [r.version, r.author, r.message])).toEqual([
      [3, { id: 'local', name: 'You' }, undefined],
      [2, { id: 'local', name: 'You' }, 'windmill'],
      [1, { id: 'local', name: 'You' }, 'first draft'],
    ]);
    const listed = (await (await t.app.request('/api/workflows')).json()) as {
      id: string;
      updatedBy?: unknown;
    }[];
    expect(listed.find((w) => w.id === id)?.updatedBy).toEqual({ id: 'local', name: 'You' });
    // The message is not part of the document.
    const stored = (await (await t.app.request(`/api/workflows/${id}/versions/2`)).json()) as {
      document: Record<string, unknown>;
      message?: string;
    };
    expect(stored.document.message).toBeUndefined();
    expect(stored.message).toBe('windmill');
  });

  it('refuses a message that is not a string or is too long, saving nothing', async () => {
    const { id } = await create(first());
    for (const message of [42, 'x'.repeat(501)]) {
      const res = await put(id, { ...second(), message }, 1);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({
        error: { code: 'invalid_message', path: 'message' },
      });
    }
    expect((await versionsOf(id)).map((r) => r.version)).toEqual([1]);
  });

  it('a rename says so in its message', async () => {
    const { id } = await create(first());
    const res = await t.app.request(`/api/workflows/${id}`, json({ name: 'Renamed' }, 'PATCH'));
    expect(res.status).toBe(200);
    expect((await versionsOf(id))[0]?.message).toBe('Renamed to "Renamed"');
  });
});

describe('GET /api/workflows/:id/diff', () => {
  it('diffs two versions that differ in every kind of way', async () => {
    const { id } = await create(first());
    await put(id, { ...second(), message: 'windmill' }, 1);
    const res = await t.app.request(`/api/workflows/${id}/diff?from=1&to=2`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      from: VersionRow;
      to: VersionRow;
      diff: WorkflowDiff;
    };
    expect(body.from).toMatchObject({ version: 1, author: { name: 'You' } });
    expect(body.to).toMatchObject({ version: 2, message: 'windmill' });
    const { diff } = body;
    expect(diff.name).toEqual({ from: 'Poster', to: 'Poster (windmill)' });
    expect(diff.description).toEqual({ from: undefined, to: 'for the spring campaign' });
    expect(diff.nodes.added.map((n) => n.id)).toEqual(['p2']);
    expect(diff.nodes.removed.map((n) => n.id)).toEqual(['x1']);
    expect(diff.nodes.changed).toEqual([
      {
        id: 'p1',
        type: 'prompt',
        title: 'Subject',
        changes: [
          { field: 'data.text', from: 'A poster of a lighthouse', to: 'A poster of a windmill' },
          { field: 'view.title', to: 'Subject' },
        ],
      },
      {
        id: 'g1',
        type: 'generate',
        changes: [{ field: 'data.size', from: '1024x1024', to: '1536x1024' }],
      },
    ]);
    expect(diff.nodes.moved).toEqual([{ id: 'p1', from: { x: 0, y: 0 }, to: { x: 20, y: 40 } }]);
    expect(diff.edges.added.map((e) => e.id)).toEqual(['e2']);
    expect(diff.edges.removed).toEqual([]);
    expect(diff.inputs.added.map((i) => i.name)).toEqual(['style']);
    expect(diff.inputs.removed.map((i) => i.name)).toEqual(['old']);
    expect(diff.inputs.changed).toEqual([
      { name: 'subject', changes: [{ field: 'label', to: 'Subject' }] },
    ]);
    expect(diff.outputs.added.map((o) => o.name)).toEqual(['hero']);
    expect(diff.same).toBe(false);
  });

  it('defaults to the latest version against the one before it', async () => {
    const { id } = await create(first());
    await put(id, second(), 1);
    const body = (await (await t.app.request(`/api/workflows/${id}/diff`)).json()) as {
      from: VersionRow;
      to: VersionRow;
    };
    expect([body.from.version, body.to.version]).toEqual([1, 2]);
  });

  it('answers clear 4xx for a missing version, a first version alone and a bad query', async () => {
    const { id } = await create(first());
    const cases: [string, number, string, string][] = [
      [`?from=1&to=9`, 404, 'version_not_found', 'to'],
      [`?from=7`, 404, 'version_not_found', 'from'],
      [``, 400, 'invalid_request', 'from'],
      [`?from=abc`, 400, 'invalid_request', 'from'],
    ];
    for (const [query, status, code, path] of cases) {
      const res = await t.app.request(`/api/workflows/${id}/diff${query}`);
      expect(res.status, query).toBe(status);
      expect(await res.json()).toMatchObject({ error: { code, path } });
    }
    const missing = await t.app.request('/api/workflows/wf_nope/diff?from=1');
    expect(missing.status).toBe(404);
  });
});

describe('POST /api/workflows/:id/diff (a document against a version)', () => {
  it('diffs an unsaved document against the latest version, or a named one', async () => {
    const { id } = await create(first());
    await put(id, second(), 1);
    const latest = await t.app.request(`/api/workflows/${id}/diff`, json({ document: first() }));
    expect(latest.status).toBe(200);
    const body = (await latest.json()) as { from: VersionRow; diff: WorkflowDiff };
    expect(body.from.version).toBe(2);
    expect(body.diff.nodes.added.map((n) => n.id)).toEqual(['x1']);
    const same = await t.app.request(
      `/api/workflows/${id}/diff`,
      json({ document: first(), against: 1 }),
    );
    expect(((await same.json()) as { diff: WorkflowDiff }).diff.identical).toBe(true);
  });

  it('names the path of a document that does not parse', async () => {
    const { id } = await create(first());
    const res = await t.app.request(
      `/api/workflows/${id}/diff`,
      json({ document: { ...first(), nodes: [{ id: 'p1' }] } }),
    );
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: { path: string } }).error.path).toMatch(
      /^document\.nodes\[0\]/,
    );
  });
});

describe('POST /api/workflows/:id/versions/:version/restore', () => {
  it('saves an older version as the newest, with its author and "Restored version N"', async () => {
    const { id } = await create(first());
    await put(id, second(), 1);
    const res = await t.app.request(`/api/workflows/${id}/versions/1/restore`, {
      method: 'POST',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe('"3"');
    expect(await res.json()).toEqual({
      id,
      version: 3,
      restoredFrom: 1,
      message: 'Restored version 1',
    });
    const now = (await (await t.app.request(`/api/workflows/${id}`)).json()) as {
      document: Workflow;
    };
    expect(now.document).toEqual(first());
    expect((await versionsOf(id))[0]).toMatchObject({
      version: 3,
      author: { id: 'local', name: 'You' },
      message: 'Restored version 1',
    });
    // Restoring leaves every version in place: 2 is still there to go back to.
    const diff = (await (await t.app.request(`/api/workflows/${id}/diff?from=1&to=3`)).json()) as {
      diff: WorkflowDiff;
    };
    expect(diff.diff.identical).toBe(true);
  });

  it('takes a message, checks If-Match and refuses unknown versions', async () => {
    const { id } = await create(first());
    await put(id, second(), 1);
    const stale = await t.app.request(`/api/workflows/${id}/versions/1/restore`, {
      ...json({}),
      headers: { 'content-type': 'application/json', 'if-match': '"1"' },
    });
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ error: { code: 'version_conflict' } });
    const unknown = await t.app.request(`/api/workflows/${id}/versions/9/restore`, json({}));
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: 'version_not_found' } });
    const said = await t.app.request(`/api/workflows/${id}/versions/1/restore`, {
      ...json({ message: 'back to the lighthouse' }),
      headers: { 'content-type': 'application/json', 'if-match': '"2"' },
    });
    expect(said.status).toBe(200);
    expect((await versionsOf(id))[0]?.message).toBe('back to the lighthouse');
    expect((await versionsOf(id)).map((r) => r.version)).toEqual([3, 2, 1]);
  });
});

describe('a save conflict, resolved three ways', () => {
  /** Two editors open version 1; theirs saves first; mine is answered 409. */
  const conflict = async () => {
    const { id } = await create(first());
    expect((await put(id, { ...second(), message: 'theirs' }, 1)).status).toBe(200);
    const mine: Workflow = { ...first(), name: 'Poster (mine)' };
    const refused = await put(id, mine, 1);
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ error: { code: 'version_conflict' } });
    // What the conflict dialog shows: mine against what they saved.
    const diff = await t.app.request(
      `/api/workflows/${id}/diff`,
      json({ document: mine, against: 2 }),
    );
    const body = (await diff.json()) as { from: VersionRow; diff: WorkflowDiff };
    expect(body.from).toMatchObject({ version: 2, message: 'theirs' });
    expect(body.diff.nodes.added.map((n) => n.id)).toEqual(['x1']);
    expect(body.diff.name).toEqual({ from: 'Poster (windmill)', to: 'Poster (mine)' });
    return { id, mine };
  };

  it('keep mine: saved as the newest version on top of theirs, theirs still listed', async () => {
    const { id, mine } = await conflict();
    const res = await put(id, { ...mine, message: 'kept mine over version 2' }, 2);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id, version: 3 });
    const latest = (await (await t.app.request(`/api/workflows/${id}`)).json()) as {
      document: Workflow;
    };
    expect(latest.document.name).toBe('Poster (mine)');
    expect((await versionsOf(id)).map((r) => r.message)).toEqual([
      'kept mine over version 2',
      'theirs',
      undefined,
    ]);
  });

  it('take theirs: the latest version is theirs and nothing more is written', async () => {
    const { id } = await conflict();
    const res = await t.app.request(`/api/workflows/${id}`);
    expect(res.headers.get('etag')).toBe('"2"');
    expect(((await res.json()) as { document: Workflow }).document).toEqual(second());
    expect((await versionsOf(id)).map((r) => r.version)).toEqual([2, 1]);
  });

  it('save mine as a fork: a new workflow from the version I started on, theirs untouched', async () => {
    const { id, mine } = await conflict();
    const res = await t.app.request(
      `/api/workflows/${id}/fork`,
      json({ version: 1, document: mine, name: 'Poster (mine)' }),
    );
    expect(res.status).toBe(201);
    const fork = (await res.json()) as { id: string; forkedFrom: unknown };
    expect(fork.forkedFrom).toEqual({ id, version: 1 });
    const stored = (await (await t.app.request(`/api/workflows/${fork.id}`)).json()) as {
      document: Workflow;
      forkedFrom: unknown;
    };
    expect(stored.document).toEqual(mine);
    expect((await versionsOf(fork.id))[0]).toMatchObject({
      author: { name: 'You' },
      message: 'Forked from version 1',
    });
    expect((await versionsOf(id)).map((r) => r.version)).toEqual([2, 1]);
  });

  it('a fork of a document that does not validate is refused with its path', async () => {
    const { id } = await create(first());
    const res = await t.app.request(
      `/api/workflows/${id}/fork`,
      json({ document: { ...first(), nodes: [{ id: 'q', type: 'nope' }] } }),
    );
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: { path: string } }).error.path).toMatch(/^document\./);
  });
});

describe('presence', () => {
  it('lists who has the workflow open until they leave', async () => {
    const { id } = await create(first());
    expect((await beat(id, 'tab-one-1')).status).toBe(200);
    const res = await beat(id, 'tab-two-2');
    const body = (await res.json()) as {
      viewers: { session: string; name: string; since: number }[];
      latest: { version: number };
    };
    expect(body.viewers.map((v) => [v.session, v.name])).toEqual([
      ['tab-one-1', 'You'],
      ['tab-two-2', 'You'],
    ]);
    expect(body.latest.version).toBe(1);
    const left = await t.app.request(`/api/workflows/${id}/presence/tab-one-1`, {
      method: 'DELETE',
    });
    expect(left.status).toBe(200);
    const now = (await (await t.app.request(`/api/workflows/${id}/presence`)).json()) as {
      viewers: { session: string }[];
    };
    expect(now.viewers.map((v) => v.session)).toEqual(['tab-two-2']);
  });

  it('refuses malformed session ids and unknown workflows', async () => {
    const { id } = await create(first());
    const bad = await beat(id, 'no');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { path: 'session' } });
    expect((await beat('wf_missing', 'tab-one-1')).status).toBe(404);
    const gone = await t.app.request(`/api/workflows/${id}/presence/never-was-here`, {
      method: 'DELETE',
    });
    expect(gone.status).toBe(404);
  });
});

describe('who may do what', () => {
  /** The app as a given person sees it (what the accounts middleware will set). */
  const as = (actor: Actor) => {
    const outer = new Hono();
    outer.use('*', async (c, next) => {
      c.set('actor', actor);
      await next();
    });
    outer.route('/', t.app);
    return outer;
  };
  const ada: Actor = { id: 'u_ada', name: 'Ada', role: 'editor', via: 'session' };
  const vic: Actor = { id: 'u_vic', name: 'Vic', role: 'viewer', via: 'session' };

  it('an editor is the author of what they save; a viewer may diff and be present but not restore', async () => {
    const { id } = await create(first(), as(ada));
    expect((await versionsOf(id))[0]?.author).toEqual({ id: 'u_ada', name: 'Ada' });
    await put(id, second(), 1);
    const viewer = as(vic);
    expect((await viewer.request(`/api/workflows/${id}/diff?from=1&to=2`)).status).toBe(200);
    expect((await beat(id, 'vics-tab-1', viewer)).status).toBe(200);
    const restore = await viewer.request(`/api/workflows/${id}/versions/1/restore`, {
      method: 'POST',
    });
    expect(restore.status).toBe(403);
    expect(await restore.json()).toMatchObject({ error: { code: 'forbidden' } });
    // Ada cannot take over or close Vic's tab.
    expect((await beat(id, 'vics-tab-1', as(ada))).status).toBe(409);
    const close = await as(ada).request(`/api/workflows/${id}/presence/vics-tab-1`, {
      method: 'DELETE',
    });
    expect(close.status).toBe(404);
    const viewers = (await (await viewer.request(`/api/workflows/${id}/presence`)).json()) as {
      viewers: { name: string }[];
    };
    expect(viewers.viewers.map((v) => v.name)).toEqual(['Vic']);
  });
});
