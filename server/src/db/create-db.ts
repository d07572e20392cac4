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
/** The database cannot be opened where it is; the message says what is wrong and where. */
export class DatabaseOpenError extends Error {
  override readonly name = 'DatabaseOpenError';
}

const folderProblem = (folder: string, error: NodeJS.ErrnoException): DatabaseOpenError => {
  const where = `the data folder ${folder} (ATELIER_DATA_DIR)`;
  switch (error.code) {
    case 'ENOTDIR':
    case 'EEXIST':
      return new DatabaseOpenError(
        `Cannot use ${where}: ${error.path ?? folder} is a file, not a folder. Set ATELIER_DATA_DIR to a folder.`,
      );
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new DatabaseOpenError(
        `Cannot use ${where}: no permission to write ${error.path ?? folder}. Set ATELIER_DATA_DIR to a folder you can write.`,
      );
    default:
      return new DatabaseOpenError(`Cannot use ${where}: ${error.message}`);
  }
};

const fileProblem = (path: string, error: { code?: string; message: string }): DatabaseOpenError =>
  error.code === 'SQLITE_NOTADB' || error.code === 'SQLITE_CORRUPT'
    ? new DatabaseOpenError(
        `${path} is not an Atelier database, or it is damaged (SQLite: ${error.message}). Move it aside to start a new one, or set ATELIER_DATA_DIR to another folder.`,
      )
    : new DatabaseOpenError(`Cannot open the database ${path}: ${error.message}`);

export const createDb = (path: string): Db => {
  const onFile = path !== ':memory:' && !path.startsWith('file:');
  if (onFile) {
    try {
      mkdirSync(dirname(path), { recursive: true });
    } catch (error) {
      throw folderProblem(dirname(path), error as NodeJS.ErrnoException);
    }
  }
  let sqlite: Database.Database;
  try {
    sqlite = new Database(path);
  } catch (error) {
    throw fileProblem(path, error as Error & { code?: string });
  }
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
    const code = (error as { code?: string }).code;
    if (code?.startsWith('SQLITE_')) throw fileProblem(path, error as Error & { code?: string });
    throw error;
  }
};
