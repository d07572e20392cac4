import Database from 'better-sqlite3';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as schema from './schema';

export type Orm = BetterSQLite3Database<typeof schema>;

export interface Db {
  /** The raw connection, for pragmas and hand-written statements. */
  sqlite: Database.Database;
  orm: Orm;
  /** The file path, or ':memory:'. */
  path: string;
  close(): void;
}

/** Committed SQL migrations, found next to this module whatever the working directory. */
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../drizzle', import.meta.url));

/**
 * Opens (creating the folder and file when needed) and migrates a database. Nothing is
 * opened at import time; ':memory:' gives a private in-memory database for tests.
 */
export const createDb = (path: string): Db => {
  if (path !== ':memory:' && !path.startsWith('file:'))
    mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  try {
    // WAL: readers (SSE watchers, the editor) never wait for the run that is writing.
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    // A second process (the CLI next to a running server) waits instead of failing at once.
    sqlite.pragma('busy_timeout = 5000');
    const orm = drizzle(sqlite, { schema });
    migrate(orm, { migrationsFolder: MIGRATIONS_FOLDER });
    return {
      sqlite,
      orm,
      path,
      close: () => {
        if (sqlite.open) sqlite.close();
      },
    };
  } catch (error) {
    sqlite.close();
    throw error;
  }
};
