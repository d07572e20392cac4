import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../db/create-db';

/** How often a process renews its lease in `boots`. */
export const HEARTBEAT_MS = 5_000;
/** A lease not renewed for this long has lapsed (used when there is no lock file to ask). */
export const LEASE_MS = 30_000;

const onFile = (db: Db) => db.path !== ':memory:' && !db.path.startsWith('file:');

/**
 * Who runs what: each process that runs workflows (the server, an `atelier run`) starts with a
 * random boot id, recorded in `boots` with a lease it renews every HEARTBEAT_MS, and holds an
 * exclusive lock on its own lock file (`<db>-boots/<id>.lock`, a one-table SQLite file in
 * EXCLUSIVE locking mode). The kernel drops that lock the moment the process dies, `kill -9`
 * included, before anyone reaps it; so "is boot X alive?" has an exact answer at once, where a
 * pid could belong to a dead process not yet reaped (it counted as alive) or to a new one.
 * Without a lock file to ask (deleted, or an in-memory database) the lease decides.
 */
export class Boot {
  readonly id = randomUUID();
  private readonly lock: Database.Database | undefined;
  private readonly lockDir: string | undefined;
  private readonly heartbeat: NodeJS.Timeout;

  constructor(
    private readonly db: Db,
    kind: 'server' | 'cli' | 'test',
    private readonly now: () => number = Date.now,
  ) {
    if (onFile(db)) {
      this.lockDir = `${db.path}-boots`;
      mkdirSync(this.lockDir, { recursive: true });
      // Locked before the row exists: nobody can find this boot and see it unlocked.
      const lock = new Database(this.lockFile(this.id), { timeout: 2000 });
      lock.pragma('locking_mode = EXCLUSIVE');
      lock.pragma('journal_mode = OFF');
      lock.exec('create table if not exists boot (id text); insert into boot values (1)');
      this.lock = lock;
    }
    const at = this.now();
    db.sqlite
      .prepare('insert into boots (id, pid, kind, started_at, heartbeat_at) values (?, ?, ?, ?, ?)')
      .run(this.id, process.pid, kind, at, at);
    const renew = db.sqlite.prepare('update boots set heartbeat_at = ? where id = ?');
    this.heartbeat = setInterval(() => {
      try {
        renew.run(this.now(), this.id);
      } catch {
        // The database is closing; the lock still tells the truth.
      }
    }, HEARTBEAT_MS).unref();
  }

  /** Whether the process of that boot id still runs. */
  isAlive(bootId: string): boolean {
    if (bootId === this.id) return true;
    if (this.lockDir) {
      let probe: Database.Database | undefined;
      try {
        probe = new Database(this.lockFile(bootId), { fileMustExist: true, timeout: 0 });
        probe.prepare('select count(*) from sqlite_master').get();
        probe.close();
        probe = undefined;
        rmSync(this.lockFile(bootId), { force: true }); // its owner is gone
        return false;
      } catch (error) {
        probe?.close();
        if ((error as { code?: string }).code === 'SQLITE_BUSY') return true;
        // No lock file (or one that cannot be opened): the lease decides.
      }
    }
    const row = this.db.sqlite
      .prepare('select heartbeat_at from boots where id = ?')
      .get(bootId) as { heartbeat_at: number } | undefined;
    return row !== undefined && row.heartbeat_at > this.now() - LEASE_MS;
  }

  /** Ends this boot: lease row and lock file removed (a crash leaves them; isAlive cleans up). */
  close(): void {
    clearInterval(this.heartbeat);
    try {
      if (this.db.sqlite.open)
        this.db.sqlite.prepare('delete from boots where id = ?').run(this.id);
    } catch {
      // Best effort: a leftover row without a lock file is a lapsed lease.
    }
    if (this.lock?.open) this.lock.close();
    if (this.lockDir) rmSync(this.lockFile(this.id), { force: true });
  }

  private lockFile(bootId: string): string {
    return join(this.lockDir!, `${bootId.replace(/[^A-Za-z0-9-]/g, '')}.lock`);
  }
}
