/**
 * Which run a view link, a run link's app page and an export bundle show as a version's
 * outputs (REVIEW-2 #5): the newest whole run of that very version that succeeded, started by
 * the owner — not a failed run, not another version's, not a run made through a link.
 */
import { strFromU8, unzipSync } from 'fflate';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectSse } from './sse-reader';
import type { TestApp } from './test-app';
import { createTestApp, json } from './test-app';
import { edge, node } from './test-graph';

let t: TestApp;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'atelier-shown-run-'));
  t = await createTestApp({ dbPath: join(dir, 'atelier.db') });
});
afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Two branches: g1 draws the `subject` input, g2 a fixed prompt (so a failed run has outputs). */
const document = (kite: string) => ({
  format: 'atelier.workflow',
  version: 1,
  name: 'Two kites',
  nodes: [
    node('p1', 'prompt', { text: 'A red kite' }),
    node('g1', 'generate', { size: '1024x1024', quality: 'low' }),
    node('p2', 'prompt', { text: kite }),
    node('g2', 'generate', { size: '1024x1024', quality: 'low' }),
  ],
  edges: [edge('e1', 'p1.text', 'g1.prompt'), edge('e2', 'p2.text', 'g2.prompt')],
  inputs: [{ name: 'subject', node: 'p1', field: 'text' }],
});

const send = async <T>(path: string, body: unknown, status: number, method = 'POST') => {
  const res = await t.app.request(path, json(body, method));
  expect(res.status, await res.clone().text()).toBe(status);
  return (await res.json()) as T;
};
/** Starts a run (at `base`: /api/runs, or a link's runs) and reads it once it ended. */
const runToEnd = async (body: unknown, base = '/api/runs') => {
  const { id } = await send<{ id: string }>(base, body, 202);
  await collectSse(await t.app.request(`${base}/${id}/events`));
  return (await (await t.app.request(`/api/runs/${id}`)).json()) as { id: string; status: string };
};
const linkPath = (url: string) => `/api/s/${new URL(url).pathname.split('/').pop()}`;
/** What a view link shows: its version and the run it calls the latest. */
const viewed = async (link: string) => {
  const res = await t.app.request(link);
  expect(res.status).toBe(200);
  return (await res.json()) as {
    workflow: { version: number };
    latestRun: { id: string; status: string } | null;
  };
};
/** The run an export bundle with outputs carries (its manifest), and the manifest's text. */
const bundled = async (id: string) => {
  const res = await t.app.request(`/api/workflows/${id}/export?outputs=1`);
  expect(res.status).toBe(200);
  const text = strFromU8(unzipSync(new Uint8Array(await res.arrayBuffer()))['manifest.json']!);
  return { run: (JSON.parse(text) as { run?: { id: string } }).run, text };
};

describe('the run a version’s outputs come from', { timeout: 120_000 }, () => {
  it('is the newest succeeded owner run of that version, never a failed, other-version or link run', async () => {
    const { id } = await send<{ id: string }>('/api/workflows', document('A kite'), 201);
    const view = await send<{ url: string }>(
      `/api/workflows/${id}/shares`,
      { access: 'view' },
      201,
    );
    const link = linkPath(view.url);

    const good = await runToEnd({ workflowId: id, inputs: { subject: 'A red kite' } });
    expect(good.status).toBe('succeeded');
    // g1 is refused, g2 succeeds (from the cache): a failed run that has outputs.
    const failed = await runToEnd({
      workflowId: id,
      inputs: { subject: '[sim:moderation] A kite' },
    });
    expect(failed.status).toBe('failed');
    expect((await viewed(link)).latestRun?.id).toBe(good.id);
    expect((await bundled(id)).run?.id).toBe(good.id);

    // Version 2 has not run yet: nothing of version 1 is passed off as its outputs.
    await send(`/api/workflows/${id}`, document('A kite at dusk'), 200, 'PUT');
    expect(await viewed(link)).toMatchObject({ workflow: { version: 2 }, latestRun: null });
    expect((await bundled(id)).run).toBeUndefined();

    // A stranger's run through a run link is theirs: not shown, its inputs not exported.
    const runLink = await send<{ url: string }>(
      `/api/workflows/${id}/shares`,
      { access: 'run' },
      201,
    );
    const stranger = await runToEnd(
      { inputs: { subject: 'A stranger’s private brief' } },
      `${linkPath(runLink.url)}/runs`,
    );
    expect(stranger.status).toBe('succeeded');
    expect((await viewed(link)).latestRun).toBeNull();
    expect((await viewed(linkPath(runLink.url))).latestRun).toBeNull();
    const withStranger = await bundled(id);
    expect(withStranger.run).toBeUndefined();
    expect(withStranger.text).not.toContain('private brief');

    // The owner's whole run of version 2 is; a later "run up to g2" shows only part of it.
    const owners = await runToEnd({ workflowId: id, inputs: { subject: 'A green kite' } });
    expect(owners.status).toBe('succeeded');
    const partial = await runToEnd({ workflowId: id, target: 'g2' });
    expect(partial.status).toBe('succeeded');
    expect((await viewed(link)).latestRun?.id).toBe(owners.id);
    expect((await bundled(id)).run?.id).toBe(owners.id);
  });
});
