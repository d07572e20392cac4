import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../http/test-app';
import { createTestApp, json, posterWorkflow } from '../http/test-app';
import { actingAs } from './acting-as';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const startAndWait = async (request: (path: string, init?: RequestInit) => Promise<Response>) => {
  const res = await request('/api/runs', json({ workflow: posterWorkflow('A quiet harbour') }));
  expect(res.status, await res.clone().text()).toBe(202);
  const { id } = (await res.json()) as { id: string };
  await t.deps.runs.wait(id);
  return id;
};

describe('who started a run', { timeout: 60_000 }, () => {
  it('records the solo person as "You"', async () => {
    const id = await startAndWait((path, init) => Promise.resolve(t.app.request(path, init)));
    const run = (await (await t.app.request(`/api/runs/${id}`)).json()) as {
      startedBy?: { id: string; name: string };
    };
    expect(run.startedBy).toEqual({ id: 'local', name: 'You' });
  });

  it('records the signed-in person, in the run and in the history list', async () => {
    const ada = actingAs(t.app, { id: 'u_ada', name: 'Ada', role: 'editor', via: 'session' });
    const id = await startAndWait(ada);
    const list = (await (await t.app.request('/api/runs?limit=5')).json()) as {
      id: string;
      startedBy?: { id: string; name: string };
    }[];
    expect(list.find((r) => r.id === id)?.startedBy).toEqual({ id: 'u_ada', name: 'Ada' });
  });
});
