import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SseMessage } from './sse-reader';
import { collectSse, readSse } from './sse-reader';
import type { TestApp } from './test-app';
import { createTestApp, json, posterWorkflow } from './test-app';

vi.setConfig({ testTimeout: 30_000 });

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ batchSlots: 2 });
});
afterAll(() => t.close());

interface RowEvent {
  type: 'row.completed';
  row: { index: number; status: string };
}
interface BatchEvent {
  type: 'batch.updated';
  batch: { status: string; succeeded: number };
}

const startBatch = async (rows: number) => {
  const { id: workflowId } = (await (
    await t.app.request('/api/workflows', json(posterWorkflow()))
  ).json()) as { id: string };
  const res = await t.app.request(
    '/api/batches',
    json({
      workflowId,
      rows: Array.from({ length: rows }, (_, i) => ({ subject: `replayed ${i} ${Math.random()}` })),
    }),
  );
  expect(res.status).toBe(202);
  return ((await res.json()) as { id: string }).id;
};

const finished = async (id: string) => {
  for (;;) {
    const { status } = (await (await t.app.request(`/api/batches/${id}`)).json()) as {
      status: string;
    };
    if (status === 'succeeded' || status === 'failed') return status;
    await new Promise((r) => setTimeout(r, 20));
  }
};

const events = (id: string, lastEventId?: string) =>
  t.app.request(`/api/batches/${id}/events`, {
    headers: lastEventId === undefined ? {} : { 'last-event-id': lastEventId },
  });

const rowsOf = (messages: SseMessage[]) =>
  messages
    .filter((m) => m.event === 'row.completed')
    .map((m) => (JSON.parse(m.data) as RowEvent).row.index);

describe('GET /api/batches/:id/events with Last-Event-ID', () => {
  it('replays what a client missed while away, and nothing it saw', async () => {
    const id = await startBatch(5);
    // First connection: read until the first finished row, then drop the connection.
    const seen: SseMessage[] = [];
    for await (const message of readSse(await events(id))) {
      seen.push(message);
      if (message.event === 'row.completed') break;
    }
    expect(seen[0]!.event).toBe('batch.updated');
    const last = seen.at(-1)!;
    expect(last.id).toMatch(/^[0-9a-z]+-\d+$/);
    await finished(id);

    // Reconnect as EventSource does: the rows finished meanwhile, then the batch as it is.
    const replay = await collectSse(await events(id, last.id));
    const final = replay.at(-1)!;
    expect(final.event).toBe('batch.updated');
    expect((JSON.parse(final.data) as BatchEvent).batch).toMatchObject({
      status: 'succeeded',
      succeeded: 5,
    });
    const rows = [...rowsOf(seen), ...rowsOf(replay)];
    expect(rows.sort()).toEqual([0, 1, 2, 3, 4]);
    // Ids only grow, so the next reconnect starts after all of this.
    const seqs = replay.map((m) => Number(m.id!.split('-')[1]));
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));

    // Up to date with a finished batch: 204, the SSE way to say "do not reconnect".
    expect((await events(id, final.id)).status).toBe(204);
  });

  it('sends every finished row when the id comes from before a restart', async () => {
    const id = await startBatch(3);
    await finished(id);
    const replay = await collectSse(await events(id, 'before0restart-7'));
    expect(rowsOf(replay).sort()).toEqual([0, 1, 2]);
    expect(replay.at(-1)!.event).toBe('batch.updated');
    // ?after= says the same for clients that cannot set the header.
    const after = await collectSse(
      await t.app.request(`/api/batches/${id}/events?after=before0restart-7`),
    );
    expect(rowsOf(after).sort()).toEqual([0, 1, 2]);
  });

  it('without Last-Event-ID sends the batch as it is, and refuses an id it cannot read', async () => {
    const id = await startBatch(1);
    await finished(id);
    const fresh = await collectSse(await events(id));
    expect(fresh.map((m) => m.event)).toEqual(['batch.updated']);
    const bad = await events(id, 'not an id');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { path: string } }).error.path).toBe('Last-Event-ID');
  });
});
