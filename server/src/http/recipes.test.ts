import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from './test-app';
import { createTestApp, json, posterWorkflow } from './test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const recipe = (text = 'A poster of a lighthouse') => ({
  ...posterWorkflow(text),
  outputs: [{ name: 'poster', node: 'g1', port: 'image' }],
});

const recipeNode = (id: string, workflowId: string, version: number, inputs = {}) => ({
  id,
  type: 'recipe',
  position: { x: 0, y: 0 },
  data: { workflowId, version, inputs },
});

const user = (name: string, nodes: unknown[], extra: Record<string, unknown> = {}) => ({
  format: 'atelier.workflow',
  version: 1,
  name,
  nodes,
  edges: [],
  ...extra,
});

const save = async (doc: unknown) => {
  const res = await t.app.request('/api/workflows', json(doc));
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as { id: string; version: number };
};

type ErrorBody = { error: { code: string; message: string; path: string } };

describe('documents with recipe nodes', () => {
  it('saves a document whose recipe node pins a library recipe, with edges by the recipe’s port names', async () => {
    const { id } = await save(recipe());
    const res = await t.app.request(
      '/api/workflows',
      json(
        user(
          'Uses poster',
          [
            { id: 'p0', type: 'prompt', position: { x: 0, y: 0 }, data: { text: 'a fox' } },
            recipeNode('r1', id, 1),
            { id: 'e1', type: 'edit', position: { x: 0, y: 0 }, data: {} },
          ],
          {
            edges: [
              {
                id: 'a',
                source: 'p0',
                sourceHandle: 'text',
                target: 'r1',
                targetHandle: 'subject',
              },
              {
                id: 'b',
                source: 'r1',
                sourceHandle: 'poster',
                target: 'e1',
                targetHandle: 'image',
              },
              {
                id: 'c',
                source: 'p0',
                sourceHandle: 'text',
                target: 'e1',
                targetHandle: 'instruction',
              },
            ],
            outputs: [{ name: 'framed', node: 'r1', port: 'poster' }],
          },
        ),
      ),
    );
    expect(res.status, await res.clone().text()).toBe(201);
    const { id: outer } = (await res.json()) as { id: string };
    // The outer document's signature takes the kind of an output from its recipe.
    const signature = await t.app.request(`/api/workflows/${outer}/signature`);
    expect(await signature.json()).toEqual({
      inputs: [],
      outputs: [{ name: 'framed', kind: 'image', label: 'Image' }],
    });
  });

  it('refuses a port the pinned version does not have, and an input value of the wrong kind', async () => {
    const { id } = await save(recipe());
    const edit = { id: 'e1', type: 'edit', position: { x: 0, y: 0 }, data: {} };
    const issuesOf = async (doc: unknown) => {
      const res = await t.app.request('/api/workflows', json(doc));
      expect(res.status).toBe(422);
      const body = (await res.json()) as { error: { issues: { path: string; code: string }[] } };
      return body.error.issues.map((i) => `${i.path} ${i.code}`);
    };
    const badPort = user('Bad port', [recipeNode('r1', id, 1), edit], {
      edges: [{ id: 'b', source: 'r1', sourceHandle: 'nope', target: 'e1', targetHandle: 'image' }],
    });
    expect(await issuesOf(badPort)).toContain('edges[0].sourceHandle unknown_port');
    const badValue = user('Bad value', [recipeNode('r1', id, 1, { subject: { blob: 'x' } })]);
    expect(await issuesOf(badValue)).toEqual(['nodes[0].data.inputs.subject input_kind_mismatch']);
  });

  it('refuses a version that is not in the library (422, path to the node)', async () => {
    const { id } = await save(recipe());
    const res = await t.app.request(
      '/api/workflows',
      json(user('Missing', [recipeNode('r1', id, 5)])),
    );
    expect(res.status).toBe(422);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.code).toBe('invalid_workflow');
    expect(body.error.path).toBe('nodes[0].data.version');
    expect(body.error.message).toContain(`no workflow "${id}" with a version 5`);
  });

  it('refuses a workflow that would contain itself, directly or through another, naming the chain', async () => {
    const { id: a } = await save(recipe());
    // A uses itself.
    const self = await t.app.request(
      `/api/workflows/${a}`,
      json(user('Poster', [recipeNode('r', a, 1)]), 'PUT'),
    );
    expect(self.status).toBe(422);
    expect(((await self.json()) as ErrorBody).error).toMatchObject({ path: 'nodes[0]' });
    // B uses A; then A (new version) uses B: A → B → A.
    const { id: b } = await save(
      user('Frame', [recipeNode('ra', a, 1)], {
        outputs: [{ name: 'poster', node: 'ra', port: 'poster' }],
      }),
    );
    const loop = await t.app.request(
      `/api/workflows/${a}`,
      json(user('Poster', [recipeNode('rb', b, 1)]), 'PUT'),
    );
    expect(loop.status).toBe(422);
    const { error } = (await loop.json()) as ErrorBody & { error: { issues: { code: string }[] } };
    expect(error.path).toBe('nodes[0]');
    expect((error as unknown as { issues: { code: string }[] }).issues[0]!.code).toBe(
      'recipe_cycle',
    );
    expect(error.message).toContain(`"Poster" (${a}) → "Frame" (${b}) → "Poster" (${a})`);
  });
});

describe('deleting a recipe that others use', () => {
  it('lists its users, answers 409 workflow_in_use, and deletes when confirmed', async () => {
    const { id } = await save(recipe());
    const { id: userId } = await save(
      user('Gallery', [recipeNode('r1', id, 1)], {
        outputs: [{ name: 'poster', node: 'r1', port: 'poster' }],
      }),
    );
    const users = await t.app.request(`/api/workflows/${id}/users`);
    expect(await users.json()).toEqual([
      { id: userId, name: 'Gallery', version: 1, nodes: [{ id: 'r1', version: 1 }] },
    ]);
    const refused = await t.app.request(`/api/workflows/${id}`, { method: 'DELETE' });
    expect(refused.status).toBe(409);
    const body = (await refused.json()) as ErrorBody & { error: { users: { id: string }[] } };
    expect(body.error.code).toBe('workflow_in_use');
    expect(body.error.users.map((u) => u.id)).toEqual([userId]);
    expect((await t.app.request(`/api/workflows/${id}`)).status).toBe(200);
    const confirmed = await t.app.request(`/api/workflows/${id}?confirm=true`, {
      method: 'DELETE',
    });
    expect(confirmed.status).toBe(200);
    // The user keeps running the version it pins.
    const run = await t.app.request('/api/runs', json({ workflowId: userId }));
    expect(run.status, await run.clone().text()).toBe(202);
  });

  it('deletes a workflow nobody uses without asking', async () => {
    const { id } = await save(recipe());
    expect((await t.app.request(`/api/workflows/${id}`, { method: 'DELETE' })).status).toBe(200);
  });
});
