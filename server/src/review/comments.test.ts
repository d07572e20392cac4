import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../auth/actor';
import type { TestApp } from '../http/test-app';
import { createTestApp, posterWorkflow } from '../http/test-app';
import { serveAsPeople } from './acting-as';

const people = {
  owner: { id: 'u_olga', name: 'Olga Owner', role: 'owner', via: 'session' },
  editor: { id: 'u_eddie', name: 'Eddie Editor', role: 'editor', via: 'session' },
  viewer: { id: 'u_vera', name: 'Vera', role: 'viewer', via: 'session' },
} satisfies Record<string, Actor>;
type Who = keyof typeof people;

let t: TestApp;
let server: { url: string; close(): Promise<void> };
let workflowId: string;
let runId: string;

/** A real HTTP request as one person. */
const call = async (who: Who, path: string, body?: unknown, method?: string) => {
  const res = await fetch(server.url + path, {
    method: method ?? (body === undefined ? 'GET' : 'POST'),
    headers: { 'x-test-person': who, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- assertions read the JSON freely
  return { status: res.status, body: (await res.json()) as Record<string, any> };
};

beforeAll(async () => {
  t = await createTestApp();
  // The accounts mentions are resolved against (better-auth's table, as team mode fills it).
  const insert = t.deps.db.sqlite.prepare(
    'insert into auth_user (id, name, email, email_verified, created_at, updated_at) values (?, ?, ?, 0, 0, 0)',
  );
  for (const p of Object.values(people)) insert.run(p.id, p.name, `${p.id}@example.com`);
  server = await serveAsPeople(t.app, people);
  workflowId = (await call('owner', '/api/workflows', posterWorkflow())).body.id as string;
  runId = (await call('editor', '/api/runs', { workflowId })).body.id as string;
  await t.deps.runs.wait(runId);
}, 60_000);
afterAll(async () => {
  await server.close();
  await t.close();
});

describe('comments on outputs and nodes', { timeout: 60_000 }, () => {
  it('threads an output comment, a viewer answers it, and the mention reaches the inbox', async () => {
    const created = await call('editor', '/api/comments', {
      runId,
      nodeId: 'g1',
      body: 'Too dark on the left, @vera what do you think?',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const thread = created.body;
    expect(thread.target).toEqual({
      kind: 'output',
      runId,
      workflowId,
      nodeId: 'g1',
      port: 'image',
    });
    expect(thread.comments[0].author).toEqual({ id: 'u_eddie', name: 'Eddie Editor' });
    expect(thread.comments[0].mentions).toEqual([{ id: 'u_vera', name: 'Vera' }]);

    const inbox = await call('viewer', '/api/inbox');
    expect(inbox.body.unread).toBe(1);
    expect(inbox.body.items[0].comment.id).toBe(thread.comments[0].id);
    expect(inbox.body.items[0].thread).toMatchObject({ id: thread.id, resolved: false });
    // Nobody else was mentioned.
    expect((await call('owner', '/api/inbox')).body.unread).toBe(0);

    const reply = await call('viewer', `/api/comments/${thread.id}/replies`, {
      body: 'Agreed — @eddie lift the shadows a little',
    });
    expect(reply.status).toBe(201);
    expect(reply.body.mentions).toEqual([{ id: 'u_eddie', name: 'Eddie Editor' }]);
    expect((await call('editor', '/api/inbox')).body.unread).toBe(1);

    const read = await call('viewer', `/api/inbox/${inbox.body.items[0].id}/read`, {});
    expect(read.body).toMatchObject({ read: true, unread: 0 });
    expect((await call('viewer', '/api/inbox')).body.items[0].read).toBe(true);

    const onRun = await call('owner', `/api/comments?runId=${runId}`);
    expect(onRun.body.threads).toHaveLength(1);
    expect(onRun.body.threads[0].comments.map((c: { body: string }) => c.body)).toEqual([
      'Too dark on the left, @vera what do you think?',
      'Agreed — @eddie lift the shadows a little',
    ]);
  });

  it('resolves and reopens a node thread, filtered by state', async () => {
    const created = await call('owner', '/api/comments', {
      workflowId,
      nodeId: 'p1',
      body: 'Say which lighthouse',
    });
    expect(created.status).toBe(201);
    expect(created.body.target).toEqual({ kind: 'node', workflowId, nodeId: 'p1' });
    const id = created.body.id as string;

    const resolved = await call('viewer', `/api/comments/${id}/resolve`, {});
    expect(resolved.body).toMatchObject({ resolved: true, resolvedBy: { id: 'u_vera' } });
    const open = await call('owner', `/api/comments?workflowId=${workflowId}&state=open`);
    expect(open.body.threads.map((th: { id: string }) => th.id)).not.toContain(id);
    const done = await call('owner', `/api/comments?workflowId=${workflowId}&state=resolved`);
    expect(done.body.threads.map((th: { id: string }) => th.id)).toEqual([id]);

    const reopened = await call('editor', `/api/comments/${id}/reopen`, {});
    expect(reopened.body.resolved).toBe(false);
    expect(reopened.body.resolvedBy).toBeUndefined();
    expect((await call('viewer', `/api/comments/${id}`)).body.resolved).toBe(false);
  });

  it('says what to fix when the target or the text is wrong', async () => {
    const cases: [unknown, number, string, string][] = [
      [{ runId, nodeId: 'nope', body: 'x' }, 422, 'unknown_node', 'nodeId'],
      [{ runId, nodeId: 'p1', body: 'x' }, 422, 'no_output', 'port'],
      [{ runId: 'run_missing', nodeId: 'g1', body: 'x' }, 404, 'run_not_found', 'runId'],
      [{ workflowId, nodeId: 'zz', body: 'x' }, 422, 'unknown_node', 'nodeId'],
      [{ nodeId: 'p1', body: 'x' }, 400, 'invalid_request', 'workflowId'],
      [{ workflowId, nodeId: 'p1', body: '   ' }, 400, 'invalid_request', 'body'],
    ];
    for (const [body, status, code, path] of cases) {
      const res = await call('editor', '/api/comments', body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(res.body.error).toMatchObject({ code, path });
    }
    expect((await call('editor', '/api/comments/cmt_nope/replies', { body: 'x' })).status).toBe(
      404,
    );
    expect((await call('viewer', '/api/inbox/ibx_someone_elses/read', {})).status).toBe(404);
  });
});
