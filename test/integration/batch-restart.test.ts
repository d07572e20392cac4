/**
 * A server killed (kill -9) in the middle of a batch finishes it by itself after a restart:
 * no row is lost, no finished row runs again, and the API is paid at most once more for each
 * call that was in flight at the kill.
 */
import { describe, expect, it } from 'vitest';
import { getJson, postJson, posterWorkflow, useServerProcesses } from './server-helpers';

const servers = useServerProcesses({
  prefix: 'atelier-batch-restart-',
  fake: { latency: { firstByteMs: 150 } },
});

const spawnAtelier = () =>
  servers.start({
    ATELIER_DATA_DIR: servers.dataDir,
    ATELIER_BATCH_SLOTS: '3',
    // The images-per-minute limit of a real key (5) is not what this test is about.
    ATELIER_IMAGES_PER_MINUTE: '100000',
  });

interface BatchView {
  status: string;
  total: number;
  succeeded: number;
  running: number;
  queued: number;
}
interface RowView {
  index: number;
  status: string;
  attempts: number;
  runId?: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('a batch across a crash', { timeout: 240_000 }, () => {
  it('completes after kill -9 and a restart, with no row lost and no finished row paid twice', async () => {
    const first = await spawnAtelier();
    const saved = await postJson<{ id: string }>(`${first.url}/api/workflows`, posterWorkflow());
    const rows = Array.from({ length: 8 }, (_, i) => ({ subject: `A lighthouse number ${i}` }));
    const created = await postJson<{ id: string; calls: number }>(`${first.url}/api/batches`, {
      workflowId: saved.body.id,
      rows,
    });
    expect(created.status).toBe(202);
    expect(created.body.calls).toBe(8);
    const id = created.body.id;

    // Kill once some rows are done and others are in flight.
    for (;;) {
      const batch = await getJson<BatchView>(`${first.url}/api/batches/${id}`);
      if (batch.succeeded >= 2 && batch.running > 0) break;
      await sleep(20);
    }
    first.child.kill('SIGKILL');
    await first.exited;
    // 3 slots, and a row has one call: at most 3 calls were cut.
    const inFlightAtKill = 3;

    const second = await spawnAtelier();
    const beforeRows = await getJson<RowView[]>(`${second.url}/api/batches/${id}/rows`);
    const doneBefore = beforeRows.filter((r) => r.status === 'succeeded').map((r) => r.index);
    expect(doneBefore.length).toBeGreaterThanOrEqual(2);

    let batch: BatchView;
    for (;;) {
      batch = await getJson<BatchView>(`${second.url}/api/batches/${id}`);
      if (['succeeded', 'failed'].includes(batch.status)) break;
      await sleep(50);
    }
    expect(batch).toMatchObject({ status: 'succeeded', total: 8, succeeded: 8 });
    const after = await getJson<RowView[]>(`${second.url}/api/batches/${id}/rows`);
    expect(after.map((r) => r.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    for (const index of doneBefore) expect(after[index]!.attempts).toBe(1);
    for (const row of after) {
      const run = await getJson<{ status: string }>(`${second.url}/api/runs/${row.runId}`);
      expect(run.status).toBe('succeeded');
    }
    // Every call once, plus at most a repeat of each call cut by the kill.
    expect(servers.fake.stats.responses).toBeLessThanOrEqual(8 + inFlightAtKill);
    expect(second.output()).toMatch(
      /row\(s\) (from a previous process are queued again|back in the queue)/,
    );
  });
});
