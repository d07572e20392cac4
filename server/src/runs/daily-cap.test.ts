import { createFakeOpenAI, type FakeOpenAI } from '@atelier/fake-openai';
import type { Workflow } from '@atelier/graph';
import { estimateNodeCost } from '@atelier/engine';
import { DEFAULT_MODELS, registry } from '@atelier/nodes';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../db/create-db';
import { DailyCap } from './daily-cap';
import type { RunService } from './run-service';
import { simulatorRunService } from './simulator-run-service';

let fake: FakeOpenAI;
let db: Db;
const services: RunService[] = [];
beforeAll(async () => {
  fake = await createFakeOpenAI({ port: 0 });
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.resetStats();
  db = createDb(':memory:');
});
afterEach(async () => {
  await Promise.all(services.splice(0).map((s) => s.close()));
  db.close();
});

const service = (dailyMaxCost: number, now: () => number) => {
  const s = simulatorRunService(db, fake.baseURL, { idleTimeoutMs: 5000, dailyMaxCost, now });
  services.push(s);
  return s;
};

const poster = (text: string): Workflow => ({
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
  inputs: [],
});

const NOON = Date.UTC(2026, 11, 1, 12);
const DAY = 24 * 60 * 60 * 1000;

describe('the server-wide daily cap', () => {
  // Three real runs through the SDK and the fake: generous for a loaded machine.
  it(
    'stops the call it cannot cover, across runs, before the API is called',
    { timeout: 30_000 },
    async () => {
      let now = NOON;
      const first = service(1, () => now);
      const one = await first.wait(first.start({ workflow: poster('a kite') }).id);
      expect(one.status).toBe('succeeded');
      const perImage = one.cost;
      expect(perImage).toBeGreaterThan(0);
      await first.close();
      services.length = 0;

      // A restarted server starts the day from what the database says was spent: a cap just
      // above one call's reservation leaves no room for it after the first run.
      const estimate = estimateNodeCost(
        registry.get('generate')!,
        poster('a').nodes[1]!.data,
        {
          prompt: 'a boat',
        },
        DEFAULT_MODELS,
      );
      expect(perImage + estimate).toBeGreaterThan(estimate * 1.2);
      const second = service(estimate * 1.2, () => now);
      const calls = fake.stats.responses;
      const two = await second.wait(second.start({ workflow: poster('a boat') }).id);
      expect(two.status).toBe('failed');
      expect(two.nodes.g1?.error).toMatchObject({ code: 'budget_reached' });
      expect(two.nodes.g1?.error?.message).toMatch(/daily budget .*ATELIER_DAILY_MAX_COST/);
      expect(fake.stats.responses).toBe(calls);

      // The next UTC day starts from zero.
      now = NOON + DAY;
      const three = await second.wait(second.start({ workflow: poster('a boat') }).id);
      expect(three.status).toBe('succeeded');
      expect(second.daily?.spentToday).toBeCloseTo(three.cost, 9);
    },
  );
});

describe('DailyCap', () => {
  it('reads what was spent since the start of the UTC day once per day', () => {
    const asked: number[] = [];
    let now = NOON;
    const cap = new DailyCap(
      2,
      (ms) => {
        asked.push(ms);
        return 1.5;
      },
      () => now,
    );
    expect(cap.reserve(0.4)).toBe(true);
    expect(cap.reserve(0.4)).toBe(false);
    cap.settle(0.4, 0.3);
    expect(cap.spentToday).toBe(1.8);
    now += DAY;
    expect(cap.reserve(0.4)).toBe(true);
    expect(asked).toEqual([Date.UTC(2026, 11, 1), Date.UTC(2026, 11, 2)]);
  });
});
