import type { Workflow } from '@atelier/graph';
import { DEFAULT_MODELS, registry, STATIC_CATALOGUE } from '@atelier/nodes';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BlobStore } from '../blobs/blob-store';
import { createDb, type Db } from '../db/create-db';
import { SqliteCacheStore } from '../db/sqlite-cache-store';
import { preflight, type PreflightDeps } from './preflight';

let db: Db;
let deps: PreflightDeps;
beforeEach(() => {
  db = createDb(':memory:');
  deps = {
    registry,
    blobs: new BlobStore(db),
    cache: new SqliteCacheStore(db),
    models: DEFAULT_MODELS,
    identity: 'simulator',
    modelContext: () => ({ catalogue: STATIC_CATALOGUE, defaults: DEFAULT_MODELS, now: 0 }),
  };
});
afterEach(() => db.close());

const search: Workflow = {
  format: 'atelier.workflow',
  version: 1,
  name: 'Search',
  nodes: [
    { id: 'q', type: 'prompt', position: { x: 0, y: 0 }, data: { text: 'weather' } },
    { id: 's', type: 'web_search', position: { x: 300, y: 0 }, data: {} },
  ],
  edges: [{ id: 'e', source: 'q', sourceHandle: 'text', target: 's', targetHandle: 'query' }],
  inputs: [{ name: 'city', node: 'q', field: 'text' }],
};

describe('preflight', () => {
  it('counts one call per distinct row and lets the server answer others while it works', async () => {
    const rows = Array.from({ length: 400 }, (_, i) => ({ city: `city ${i % 300}` }));
    let othersServed = 0;
    const other = setInterval(() => othersServed++, 0);
    const result = await preflight(search, rows, deps);
    const servedDuring = othersServed;
    clearInterval(other);
    expect(result).toMatchObject({ rows: 400, calls: 300, cachedNodes: 100 });
    // Work queued by other requests ran between rows, not only after the last one.
    expect(servedDuring).toBeGreaterThan(0);
  });
});
