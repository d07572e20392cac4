/**
 * A server killed mid-run (kill -9) comes back with that run `interrupted` and everything
 * else intact; running the workflow again pays only for the node that had not finished.
 */
import { describe, expect, it } from 'vitest';
import type { RunView } from './server-helpers';
import {
  chainWorkflow,
  getJson,
  postJson,
  SECRET_KEY,
  useServerProcesses,
  watch,
} from './server-helpers';

const servers = useServerProcesses({
  prefix: 'atelier-restart-',
  fake: { latency: { perEventMs: 30 } },
});
const spawnAtelier = () => servers.start({ ATELIER_DATA_DIR: servers.dataDir });

describe('restart after a crash', { timeout: 240_000 }, () => {
  it('marks the killed run interrupted, keeps the rest, and reruns only what was unfinished', async () => {
    const first = await spawnAtelier();
    const saved = await postJson<{ id: string }>(`${first.url}/api/workflows`, chainWorkflow());
    expect(saved.status).toBe(201);
    const workflowId = saved.body.id;
    const started = await postJson<{ id: string }>(`${first.url}/api/runs`, { workflowId });
    const runId = started.body.id;

    // Kill the process the moment the stream says g1 is done and e1's API call is in flight:
    // a watcher hears an event only once it is written, so what it saw survives the kill.
    const heard = await watch(`${first.url}/api/runs/${runId}/events`, {
      stopWhen: (m) => m.event === 'node.started' && m.data.includes('"e1"'),
    });
    first.child.kill('SIGKILL');
    await first.exited;

    const second = await spawnAtelier();
    // One line says so (it used to be logged twice).
    expect(second.output().match(/marked interrupted/g)).toHaveLength(1);
    const killed = await getJson<RunView>(`${second.url}/api/runs/${runId}`);
    expect(killed.status).toBe('interrupted');
    expect(killed.nodes.g1!.status).toBe('succeeded');
    const image = killed.nodes.g1!.outputs!.image as { blob: string };
    expect((await fetch(`${second.url}/api/blobs/${image.blob}`)).status).toBe(200);
    const workflow = await getJson<{ id: string; version: number }>(
      `${second.url}/api/workflows/${workflowId}`,
    );
    expect(workflow).toMatchObject({ id: workflowId, version: 1 });

    // Its event stream still ends, with a final run.ended event.
    const replay = await watch(`${second.url}/api/runs/${runId}/events`);
    expect(replay.at(-1)).toMatchObject({ event: 'run.ended', data: '{"status":"interrupted"}' });
    // Every event the first watcher heard before the kill is there, as it was sent.
    const sent = ({ id, event, data }: (typeof heard)[number]) => ({ id, event, data });
    expect(replay.slice(0, heard.length).map(sent)).toEqual(heard.map(sent));

    const before = servers.fake.stats.requests;
    const rerun = await postJson<{ id: string }>(`${second.url}/api/runs`, { workflowId });
    const events = await watch(`${second.url}/api/runs/${rerun.body.id}/events`);
    expect(events.at(-1)!.event).toBe('run.completed');
    const record = await getJson<RunView>(`${second.url}/api/runs/${rerun.body.id}`);
    expect(record.status).toBe('succeeded');
    expect(record.nodes.g1!.cached).toBe(true);
    expect(record.nodes.e1!.cached).toBe(false);
    expect(servers.fake.stats.requests - before).toBe(1);

    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    expect(second.output()).not.toContain(SECRET_KEY);
  });

  it('records a run stopped by SIGTERM as interrupted, not cancelled', async () => {
    const server = await spawnAtelier();
    // g1's stream goes silent: the run is still going when the shutdown grace ends.
    const started = await postJson<{ id: string }>(`${server.url}/api/runs`, {
      workflow: chainWorkflow('[sim:stall] A lighthouse at dusk'),
    });
    const runId = started.body.id;
    await watch(`${server.url}/api/runs/${runId}/events`, {
      stopWhen: (m) => m.event === 'node.started' && m.data.includes('"g1"'),
    });
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain(`run ${runId} interrupted (the server is stopping)`);

    const next = await spawnAtelier();
    // Already recorded at shutdown: nothing left for start-up to mark.
    expect(next.output()).not.toContain('marked interrupted');
    const run = await getJson<RunView & { error?: { code: string } }>(
      `${next.url}/api/runs/${runId}`,
    );
    expect(run.status).toBe('interrupted');
    expect(run.error?.code).toBe('interrupted');
    expect(run.nodes.g1!.status).toBe('cancelled');
    const replay = await watch(`${next.url}/api/runs/${runId}/events`);
    expect(replay.map((m) => m.event)).not.toContain('run.completed');
    expect(replay.at(-1)).toMatchObject({ event: 'run.ended', data: '{"status":"interrupted"}' });
    next.child.kill('SIGTERM');
    expect(await next.exited).toBe(0);
  });
});
