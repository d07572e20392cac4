import { afterEach, describe, expect, it } from 'vitest';
import { runWorkflow } from '@atelier/engine';
import { toyOptions, toyWorkflow } from '@atelier/engine/testing';
import { createDb, type Db } from './create-db';
import { SqliteCacheStore } from './sqlite-cache-store';

const opened: Db[] = [];
const open = () => {
  const db = createDb(':memory:');
  opened.push(db);
  return db;
};
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

const nodeTypeColumn = (db: Db, key: string) =>
  (
    db.sqlite.prepare('select node_type from cache_entries where key = ?').get(key) as {
      node_type: string | null;
    }
  ).node_type;

describe('SqliteCacheStore', () => {
  it('stores the node type of an entry in cache_entries.node_type and returns it', async () => {
    const db = open();
    const store = new SqliteCacheStore(db);
    const entry = { outputs: { text: 'hi' }, cost: 0.5, createdAt: 7, nodeType: 'web_search' };
    await store.put('k1', entry);
    expect(nodeTypeColumn(db, 'k1')).toBe('web_search');
    expect(await store.get('k1')).toEqual(entry);
  });

  it('keeps node_type null for an entry without one', async () => {
    const db = open();
    const store = new SqliteCacheStore(db);
    await store.put('k1', { outputs: {}, cost: 0, createdAt: 1 });
    expect(nodeTypeColumn(db, 'k1')).toBeNull();
    expect(await store.get('k1')).not.toHaveProperty('nodeType');
  });

  it('gets a node type on every entry a run writes', async () => {
    const db = open();
    const cache = new SqliteCacheStore(db);
    const workflow = toyWorkflow(
      [
        { id: 't', type: 'text', data: { text: 'a fox' } },
        { id: 'a', type: 'ask' },
        { id: 'j', type: 'concat' },
      ],
      ['t.text -> a.prompt', 'a.text -> j.parts'],
    );
    const summary = await runWorkflow(toyOptions(workflow, { cache }));
    expect(summary.status).toBe('succeeded');
    const rows = db.sqlite
      .prepare('select node_type from cache_entries order by node_type')
      .all() as { node_type: string }[];
    expect(rows.map((row) => row.node_type)).toEqual(['ask', 'concat', 'text']);
    // The rerun is served from those entries.
    const again = await runWorkflow(toyOptions(workflow, { cache }));
    expect(again.saved.nodes).toBe(3);
  });
});
