import { createFakeOpenAI, type FakeOpenAI } from '@atelier/fake-openai';
import type { Workflow } from '@atelier/graph';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../db/create-db';
import type { RunEventRecord, RunService } from './run-service';
import { simulatorRunService } from './simulator-run-service';

// A watcher must never see an event that a kill -9 right then would lose: what it is told is
// already committed. The check reads the file through a second connection, as a restarted
// server would.

let fake: FakeOpenAI;
let dir: string;
let db: Db;
let disk: Database.Database;
let service: RunService;
beforeAll(async () => {
  fake = await createFakeOpenAI({ port: 0 });
});
afterAll(() => fake.close());
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'atelier-durable-events-'));
  db = createDb(join(dir, 'atelier.db'));
  disk = new Database(join(dir, 'atelier.db'), { readonly: true });
  service = simulatorRunService(db, fake.baseURL);
});
afterEach(async () => {
  await service.close();
  disk.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const twoImages: Workflow = {
  format: 'atelier.workflow',
  version: 1,
  name: 'Two posters',
  nodes: [
    { id: 'p1', type: 'prompt', position: { x: 0, y: 0 }, data: { text: 'a lighthouse' } },
    { id: 'g1', type: 'generate', position: { x: 200, y: 0 }, data: { quality: 'low' } },
    { id: 'g2', type: 'generate', position: { x: 200, y: 200 }, data: { quality: 'low' } },
  ],
  edges: [
    { id: 'e1', source: 'p1', sourceHandle: 'text', target: 'g1', targetHandle: 'prompt' },
    { id: 'e2', source: 'p1', sourceHandle: 'text', target: 'g2', targetHandle: 'prompt' },
  ],
  inputs: [],
};

/** What the file holds for the run right now, read through the second connection. */
const onDisk = (runId: string, seq: number, nodeId?: string) => {
  const event = disk
    .prepare('select type from run_events where run_id = ? and seq = ?')
    .get(runId, seq) as { type: string } | undefined;
  const node = nodeId
    ? (disk
        .prepare('select status from run_nodes where run_id = ? and node_id = ?')
        .get(runId, nodeId) as { status: string } | undefined)
    : undefined;
  const run = disk.prepare('select status from runs where id = ?').get(runId) as { status: string };
  return { event: event?.type, node: node?.status, run: run.status };
};

interface Seen {
  seq: number;
  type: string;
  disk: ReturnType<typeof onDisk>;
}

const watch = (runId: string, into: Seen[], afterSeq = 0) =>
  service.subscribe(runId, afterSeq, ({ seq, event }: RunEventRecord) => {
    const nodeId = 'nodeId' in event ? event.nodeId : undefined;
    into.push({ seq, type: event.type, disk: onDisk(runId, seq, nodeId) });
  });

describe('live run events', () => {
  it('reach a watcher only once they are committed to the database file', async () => {
    const { id } = service.start({ workflow: twoImages });
    const seen: Seen[] = [];
    watch(id, seen);
    const run = await service.wait(id);
    expect(run.status).toBe('succeeded');

    expect(seen.map((s) => s.seq)).toEqual(seen.map((_, i) => i + 1));
    const replayed: string[] = [];
    service.subscribe(id, 0, ({ event }) => replayed.push(event.type));
    expect(seen.map((s) => s.type)).toEqual(replayed);
    for (const s of seen) expect(s.disk.event, `event ${s.seq} (${s.type})`).toBe(s.type);
    // The state a restarted server would read matches what the watcher was told.
    const started = seen.find((s) => s.type === 'run.started');
    expect(started?.disk.run).toBe('running');
    const completed = seen.filter((s) => s.type === 'node.completed');
    expect(completed.map((s) => s.disk.node)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    expect(seen.at(-1)?.type).toBe('run.completed');
    expect(seen.at(-1)?.disk.run).toBe('succeeded');
  }, 30_000);

  it('gives a watcher that joins mid-run every event once, in order, each one committed', async () => {
    const { id } = service.start({ workflow: twoImages });
    const first: Seen[] = [];
    const late: Seen[] = [];
    let joined = false;
    // The second watcher subscribes from inside the first one's delivery, when events written
    // in the same transaction are still on their way to the first: replay and live must not
    // overlap.
    service.subscribe(id, 0, (record) => {
      first.push({ seq: record.seq, type: record.event.type, disk: onDisk(id, record.seq) });
      if (!joined && record.event.type === 'node.started') {
        joined = true;
        watch(id, late);
      }
    });
    await service.wait(id);

    expect(joined).toBe(true);
    const all = first.map((s) => s.seq);
    expect(all).toEqual(all.map((_, i) => i + 1));
    expect(late.map((s) => s.seq)).toEqual(all);
    for (const s of [...first, ...late]) expect(s.disk.event, `event ${s.seq}`).toBe(s.type);
  }, 30_000);
});
