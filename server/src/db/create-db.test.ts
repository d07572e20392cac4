import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { BlobStore } from '../blobs/blob-store';
import { createDb, type Db } from './create-db';
import { SqliteCacheStore } from './sqlite-cache-store';

const opened: Db[] = [];
const dirs: string[] = [];
const open = (path: string) => {
  const db = createDb(path);
  opened.push(db);
  return db;
};
const tempFile = () => {
  const dir = mkdtempSync(join(tmpdir(), 'atelier-db-'));
  dirs.push(dir);
  return join(dir, 'nested', 'atelier.db');
};

afterEach(() => {
  for (const db of opened.splice(0)) db.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const png = (colour: string) =>
  sharp({ create: { width: 8, height: 4, channels: 4, background: colour } })
    .png()
    .toBuffer();

describe('createDb', () => {
  it('migrates an in-memory database with foreign keys on', () => {
    const db = open(':memory:');
    const tables = db.sqlite
      .prepare("select name from sqlite_master where type = 'table' order by name")
      .all()
      .map((row) => (row as { name: string }).name);
    expect(tables).toEqual(
      expect.arrayContaining([
        'blobs',
        'cache_entries',
        'run_events',
        'run_nodes',
        'runs',
        'workflow_versions',
        'workflows',
      ]),
    );
    expect(db.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('creates the folder of a database file and uses WAL', () => {
    const db = open(tempFile());
    expect(db.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
  });

  it('keeps cache entries and blobs after the file is closed and reopened', async () => {
    const path = tempFile();
    const first = open(path);
    const stored = await new BlobStore(first).put(await png('#ff0000'));
    const outputs = { image: stored };
    await new SqliteCacheStore(first).put('k1', { outputs, cost: 0.04, createdAt: 1234 });
    first.close();

    const second = open(path);
    expect(await new SqliteCacheStore(second).get('k1')).toEqual({
      outputs,
      cost: 0.04,
      createdAt: 1234,
    });
    expect(new BlobStore(second).info(stored.blob)).toMatchObject({ mime: 'image/png', width: 8 });
  });

  it('running the migrations twice on one file changes nothing', () => {
    const path = tempFile();
    open(path).close();
    expect(() => open(path)).not.toThrow();
  });
});
