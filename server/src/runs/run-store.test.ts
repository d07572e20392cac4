import type { Workflow } from '@atelier/graph';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../db/create-db';
import { RunStore } from './run-store';

let dir: string;
let db: Db;
let store: RunStore;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'atelier-run-store-'));
  db = createDb(join(dir, 'atelier.db'));
  store = new RunStore(db);
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const workflow: Workflow = {
  format: 'atelier.workflow',
  version: 1,
  name: 'ids',
  nodes: [],
  edges: [],
  inputs: [],
};

describe('RunStore', () => {
  it('keeps node records whose ids are names every object has', () => {
    // Documents refuse these ids; the store must not depend on that.
    const nodeIds = ['__proto__', 'constructor', 'a'];
    store.insert({
      id: 'run_ids',
      workflow,
      inputs: {},
      force: [],
      provider: 'simulator',
      nodeIds,
      createdAt: 1,
    });
    store.write(
      'run_ids',
      [],
      [['__proto__', { status: 'succeeded', cached: false, cost: 0, log: ['done'] }]],
    );
    for (const record of [store.get('run_ids')!, store.list()[0]!]) {
      expect(Object.keys(record.nodes)).toEqual(nodeIds);
      expect(Object.getOwnPropertyDescriptor(record.nodes, '__proto__')?.value).toMatchObject({
        status: 'succeeded',
        log: ['done'],
      });
      // As served: JSON keeps every id.
      expect(Object.keys((JSON.parse(JSON.stringify(record)) as typeof record).nodes)).toEqual(
        nodeIds,
      );
    }
  });
});
