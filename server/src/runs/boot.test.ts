import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../db/create-db';
import { Boot, LEASE_MS } from './boot';

let dir: string;
let db: Db;
const boots: Boot[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'atelier-boot-'));
  db = createDb(join(dir, 'atelier.db'));
});
afterEach(() => {
  for (const boot of boots.splice(0)) boot.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const start = (kind: 'server' | 'cli' = 'server') => {
  const boot = new Boot(db, kind);
  boots.push(boot);
  return boot;
};

const addBoot = (id: string, heartbeatAt: number) =>
  db.sqlite
    .prepare(
      "insert into boots (id, pid, kind, started_at, heartbeat_at) values (?, 1, 'cli', 0, ?)",
    )
    .run(id, heartbeatAt);

/** A process that takes a boot's lock the way Boot does, then waits to be killed. */
const lockHolder = (file: string) =>
  spawn(
    process.execPath,
    [
      '-e',
      `const D = require(${JSON.stringify(require.resolve('better-sqlite3'))});
       const db = new D(${JSON.stringify(file)}); db.pragma('locking_mode = EXCLUSIVE');
       db.pragma('journal_mode = OFF'); db.exec('create table if not exists boot (id text); insert into boot values (1)');
       process.stdout.write('locked'); setInterval(() => {}, 1000);`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );

describe('Boot', () => {
  it('records itself with a lease and a held lock, and removes both when it ends', () => {
    const boot = start();
    const row = db.sqlite.prepare('select pid, kind from boots where id = ?').get(boot.id);
    expect(row).toEqual({ pid: process.pid, kind: 'server' });
    const other = start('cli');
    expect(other.isAlive(boot.id)).toBe(true);
    boot.close();
    expect(other.isAlive(boot.id)).toBe(false);
    expect(db.sqlite.prepare('select count(*) as n from boots where id = ?').get(boot.id)).toEqual({
      n: 0,
    });
  });

  it('sees a killed process as dead at once, whatever its lease says', async () => {
    const boot = start();
    const id = 'b-killed';
    const file = join(`${db.path}-boots`, `${id}.lock`);
    const holder = lockHolder(file);
    await new Promise((resolve) => holder.stdout!.once('data', resolve));
    addBoot(id, Date.now()); // a fresh lease
    expect(boot.isAlive(id)).toBe(true);
    holder.kill('SIGKILL');
    await new Promise((resolve) => holder.once('exit', resolve));
    expect(boot.isAlive(id)).toBe(false);
    expect(existsSync(file)).toBe(false); // cleaned up
  });

  it('falls back to the lease when there is no lock file to ask', () => {
    const boot = start();
    addBoot('b-fresh', Date.now());
    addBoot('b-lapsed', Date.now() - LEASE_MS - 1);
    expect(boot.isAlive('b-fresh')).toBe(true);
    expect(boot.isAlive('b-lapsed')).toBe(false);
    expect(boot.isAlive('b-unknown')).toBe(false);
  });

  it('can ask about a boot of the same process (SQLite sees its own locks)', () => {
    const a = start();
    const b = start();
    expect(a.isAlive(b.id)).toBe(true);
    const file = join(`${db.path}-boots`, 'b-closed.lock');
    new Database(file).close(); // a lock file nobody holds
    addBoot('b-closed', Date.now());
    expect(a.isAlive('b-closed')).toBe(false);
  });
});
