/**
 * Team mode: the audit log records shares (links made and revoked) and deletions, each with who
 * did it; a batch's rows record who started the batch, as a run does.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Team } from './team-fixture';
import { createTeam } from './team-fixture';
import { posterWorkflow } from './test-app';

// A team (five sign-ups) and a batch through the fake: a loaded machine needs time.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

let team: Team;
beforeAll(async () => {
  team = await createTeam();
});
afterAll(() => team.t.close());

const send = async (who: 'owner' | 'editor', path: string, method: string, body?: unknown) => {
  const res = await team.request(who, path, {
    method,
    ...(body === undefined
      ? {}
      : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  expect(res.status, `${method} ${path}: ${await res.clone().text()}`).toBeLessThan(300);
  return (await res.json()) as Record<string, unknown>;
};

interface Entry {
  action: string;
  actor?: { name: string };
  target?: string;
  detail?: Record<string, unknown>;
}
const audit = async () =>
  ((await send('owner', '/api/audit', 'GET')) as unknown as { entries: Entry[] }).entries;

const saveWorkflow = async (name: string) =>
  (await send('editor', '/api/workflows', 'POST', { ...posterWorkflow(), name })).id as string;

describe('the audit log in team mode', () => {
  it('records a share link made and revoked, by whom, on which workflow', async () => {
    const id = await saveWorkflow('Shared poster');
    const share = await send('editor', `/api/workflows/${id}/shares`, 'POST', { access: 'view' });
    await send('editor', `/api/shares/${share.id as string}`, 'DELETE');
    const entries = await audit();
    const created = entries.find((e) => e.action === 'share.created');
    const revoked = entries.find((e) => e.action === 'share.revoked');
    expect(created).toMatchObject({
      actor: { name: 'Editor' },
      target: 'Shared poster',
      detail: { workflowId: id, shareId: share.id, access: 'view' },
    });
    expect(revoked).toMatchObject({
      actor: { name: 'Editor' },
      target: 'Shared poster',
      detail: { workflowId: id, shareId: share.id },
    });
    // The token (the link's capability) is never written to the log.
    expect(JSON.stringify(entries)).not.toContain(share.token as string);
  });

  it('records a deleted workflow with its name, and who deleted it', async () => {
    const id = await saveWorkflow('Doomed poster');
    await send('editor', `/api/workflows/${id}`, 'DELETE');
    expect((await audit()).find((e) => e.action === 'workflow.deleted')).toMatchObject({
      actor: { name: 'Editor' },
      target: 'Doomed poster',
      detail: { workflowId: id },
    });
  });
});

describe('batches in team mode', () => {
  it('records who started the batch, on the batch and on every run of its rows', async () => {
    const id = await saveWorkflow('Batch poster');
    const batch = await send('editor', '/api/batches', 'POST', {
      workflowId: id,
      rows: [{ subject: 'a fox' }, { subject: 'an owl' }],
    });
    let record: Record<string, unknown>;
    do {
      await new Promise((resolve) => setTimeout(resolve, 50));
      record = await send('owner', `/api/batches/${batch.id as string}`, 'GET');
    } while (!['succeeded', 'failed'].includes(record.status as string));
    const editorId = ((await send('editor', '/api/me', 'GET')).user as { id: string }).id;
    expect(record.startedBy).toEqual({ id: editorId, name: 'Editor' });
    const rows = (await send(
      'owner',
      `/api/batches/${batch.id as string}/rows`,
      'GET',
    )) as unknown as {
      runId: string;
    }[];
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      const run = await send('owner', `/api/runs/${row.runId}`, 'GET');
      expect(run.startedBy).toEqual({ id: editorId, name: 'Editor' });
    }
  });
});
