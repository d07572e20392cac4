import { createFakeOpenAI, type FakeOpenAI } from '@atelier/fake-openai';
import type { Workflow } from '@atelier/graph';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../db/create-db';
import type { RunEventRecord } from './run-service';
import type { RunService } from './run-service';
import { RunValidationError } from './run-service';
import { simulatorRunService } from './simulator-run-service';

let fake: FakeOpenAI;
let db: Db;
let service: RunService;
beforeAll(async () => {
  fake = await createFakeOpenAI({ port: 0 });
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.resetStats();
  db = createDb(':memory:');
  service = simulatorRunService(db, fake.baseURL);
});
afterEach(async () => {
  await service.close();
  db.close();
});

const poster = (text = 'a poster of a lighthouse'): Workflow => ({
  format: 'atelier.workflow',
  version: 1,
  name: 'Poster',
  nodes: [
    { id: 'p1', type: 'prompt', position: { x: 0, y: 0 }, data: { text } },
    {
      id: 'g1',
      type: 'generate',
      position: { x: 200, y: 0 },
      data: { size: '1024x1024', quality: 'low' },
    },
  ],
  edges: [{ id: 'e1', source: 'p1', sourceHandle: 'text', target: 'g1', targetHandle: 'prompt' }],
  inputs: [{ name: 'subject', node: 'p1', field: 'text' }],
});

const count = (table: string) =>
  (db.sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;

describe('RunService', () => {
  it('records a run, its nodes and every event with a rising seq', async () => {
    const { id } = service.start({ workflow: poster(), inputs: { subject: 'a red kite' } });
    const run = await service.wait(id);
    expect(run.status).toBe('succeeded');
    expect(run.provider).toBe('simulator');
    expect(run.inputs).toEqual({ subject: 'a red kite' });
    expect(run.workflow.nodes[0]?.data.text).toBe('a red kite');
    expect(run.nodes.g1).toMatchObject({ status: 'succeeded', cached: false });
    expect(run.nodes.g1?.outputs?.image).toMatchObject({ mime: 'image/png', width: 1024 });
    expect(run.cost).toBeGreaterThan(0);
    expect(run.durationMs).toBeGreaterThanOrEqual(0);
    const events: RunEventRecord[] = [];
    service.subscribe(id, 0, (e) => events.push(e));
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events[0]?.event.type).toBe('run.started');
    expect(events.at(-1)?.event.type).toBe('run.completed');
  });

  it('serves an unchanged rerun from the cache without calling the API', async () => {
    await service.wait(service.start({ workflow: poster() }).id);
    const before = fake.stats.requests;
    const rerun = await service.wait(service.start({ workflow: poster() }).id);
    expect(fake.stats.requests).toBe(before);
    expect(rerun.nodes.g1?.cached).toBe(true);
    expect(rerun.saved.nodes).toBe(2);
    expect(rerun.cost).toBe(0);
  });

  it('rejects an invalid request before recording anything', () => {
    const broken = {
      ...poster(),
      edges: [
        { id: 'e1', source: 'p1', sourceHandle: 'text', target: 'nope', targetHandle: 'prompt' },
      ],
    };
    expect(() => service.start({ workflow: broken })).toThrow(RunValidationError);
    expect(() => service.start({ workflow: poster(), inputs: { colour: 'red' } })).toThrow(
      expect.objectContaining({ issues: [expect.objectContaining({ path: 'inputs.colour' })] }),
    );
    expect(() => service.start({ workflow: poster(), target: 'zz' })).toThrow(
      expect.objectContaining({ issues: [expect.objectContaining({ path: 'target' })] }),
    );
    expect(() => service.start({ workflow: { format: 'nope' } })).toThrow(RunValidationError);
    expect(count('runs')).toBe(0);
    expect(count('run_nodes')).toBe(0);
  });

  it('leaves no run behind when recording its node rows fails half-way', () => {
    db.sqlite.exec(
      "create trigger fail_nodes before insert on run_nodes when new.node_id = 'g1' begin select raise(abort, 'disk full'); end",
    );
    expect(() => service.start({ workflow: poster() })).toThrow(/disk full/);
    expect(count('runs')).toBe(0);
    expect(count('run_nodes')).toBe(0);
  });

  it('replays persisted events then delivers live ones, ending after run.completed', async () => {
    fake.configure({ latency: { perEventMs: 5 } });
    const { id } = service.start({ workflow: poster('a slow poster') });
    const seen: number[] = [];
    const ended = new Promise<void>((resolve) =>
      service.subscribe(id, 0, (e) => seen.push(e.seq), resolve),
    );
    await ended;
    fake.configure({ latency: {} });
    expect(seen).toEqual(seen.map((_, i) => i + 1));
    const late: number[] = [];
    let lateEnded = false;
    service.subscribe(
      id,
      2,
      (e) => late.push(e.seq),
      () => (lateEnded = true),
    );
    expect(late).toEqual(seen.slice(2));
    expect(lateEnded).toBe(true);
  });

  it('records the failing node and its code when the API refuses', async () => {
    const run = await service.wait(service.start({ workflow: poster('a cat [sim:quota]') }).id);
    expect(run.status).toBe('failed');
    expect(run.nodes.g1).toMatchObject({ status: 'failed', error: { code: 'insufficient_quota' } });
    expect(run.error).toMatchObject({ code: 'insufficient_quota', nodeId: 'g1' });
  });

  it('cancels a run in flight', async () => {
    const { id } = service.start({ workflow: poster('a cat [sim:stall]') });
    await new Promise<void>((resolve) =>
      service.subscribe(id, 0, (e) => {
        if (e.event.type === 'node.started') resolve();
      }),
    );
    expect(service.cancel(id)).toBe(true);
    const run = await service.wait(id);
    expect(run.status).toBe('cancelled');
    expect(run.nodes.g1?.status).toBe('cancelled');
    expect(service.cancel(id)).toBe(false);
  });

  it('marks runs left running by a stopped process as interrupted', () => {
    db.sqlite
      .prepare(
        `insert into runs (id, document, inputs, force, status, provider, cost, created_at) values ('run_old', '{"format":"atelier.workflow","version":1,"nodes":[]}', '{}', '[]', 'running', 'simulator', 0, 1)`,
      )
      .run();
    db.sqlite
      .prepare(
        "insert into run_nodes (run_id, node_id, status, cached, cost, log) values ('run_old', 'g1', 'running', 0, 0, '[]')",
      )
      .run();
    expect(service.markInterrupted()).toBe(1);
    const run = service.get('run_old');
    expect(run?.status).toBe('interrupted');
    expect(run?.nodes.g1).toMatchObject({ status: 'cancelled', error: { code: 'interrupted' } });
    expect(service.markInterrupted()).toBe(0);
  });

  it('records the boot id of the process that starts a run', async () => {
    const { id } = service.start({ workflow: poster() });
    await service.wait(id);
    const row = db.sqlite.prepare('select owner, boot_id from runs where id = ?').get(id);
    expect(row).toEqual({ owner: process.pid, boot_id: service.boot.id });
  });

  it('interrupts (not cancels) the runs in flight when this process shuts down', async () => {
    const { id } = service.start({ workflow: poster('[sim:stall] a poster') });
    const seen: string[] = [];
    let ended = false;
    await new Promise<void>((resolve) =>
      service.subscribe(
        id,
        0,
        ({ event }) => {
          seen.push(event.type);
          if (event.type === 'node.started' && event.nodeId === 'g1') resolve();
        },
        () => (ended = true),
      ),
    );
    expect(service.interruptAll()).toBe(1);
    const run = await service.wait(id);
    expect(ended).toBe(true);
    expect(run.status).toBe('interrupted');
    expect(run.error?.code).toBe('interrupted');
    expect(run.nodes.p1?.status).toBe('succeeded');
    expect(run.nodes.g1).toMatchObject({ status: 'cancelled', error: { code: 'interrupted' } });
    // The engine's cancellation events are not recorded: no run.completed says `cancelled`.
    const recorded: string[] = [];
    service.subscribe(id, 0, ({ event }) => recorded.push(event.type));
    expect(recorded).toEqual(seen);
    expect(recorded).not.toContain('run.completed');
    expect(service.interruptAll()).toBe(0);
  });

  it('lists runs newest first, optionally by workflow', async () => {
    const a = service.start({ workflow: poster('one') });
    await service.wait(a.id);
    const b = service.start({ workflow: poster('two') });
    await service.wait(b.id);
    expect(service.list({}).map((r) => r.id)).toEqual([b.id, a.id]);
    expect(service.list({ limit: 1 }).map((r) => r.id)).toEqual([b.id]);
    expect(service.list({ workflowId: 'wf_none' })).toEqual([]);
  });
});
