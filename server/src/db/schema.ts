import { sql } from 'drizzle-orm';
import { blob, index, integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Tables of the server (camelCase keys, snake_case columns). Times are epoch
 * milliseconds; JSON columns hold what the engine and graph packages define.
 * Change a table → `cd server && npx drizzle-kit generate` → commit the SQL.
 */

const now = sql`(cast(unixepoch('subsec') * 1000 as integer))`;

/** Content-addressed image bytes: id is the SHA-256 of `data`, so each image is stored once. */
export const blobs = sqliteTable('blobs', {
  id: text('id').primaryKey(),
  mime: text('mime').notNull(),
  width: integer('width').notNull(),
  height: integer('height').notNull(),
  bytes: integer('bytes').notNull(),
  data: blob('data', { mode: 'buffer' }).notNull(),
  createdAt: integer('created_at').notNull().default(now),
});

/** Node outputs by cache key (engine CacheEntry). */
export const cacheEntries = sqliteTable('cache_entries', {
  key: text('key').primaryKey(),
  /** CacheEntry.nodeType: the engine sets it; null for entries written before it did. */
  nodeType: text('node_type'),
  outputs: text('outputs', { mode: 'json' }).notNull(),
  usage: text('usage', { mode: 'json' }),
  cost: real('cost').notNull().default(0),
  createdAt: integer('created_at').notNull(),
});

/** The library: one row per workflow, its versions below. Deleting is soft (runs keep their link). */
export const workflows = sqliteTable(
  'workflows',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    currentVersion: integer('current_version').notNull(),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    deletedAt: integer('deleted_at'),
  },
  (t) => [index('workflows_updated_at').on(t.updatedAt)],
);

export const workflowVersions = sqliteTable(
  'workflow_versions',
  {
    workflowId: text('workflow_id')
      .notNull()
      .references(() => workflows.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    document: text('document', { mode: 'json' }).notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.workflowId, t.version] })],
);

export const runs = sqliteTable(
  'runs',
  {
    id: text('id').primaryKey(),
    workflowId: text('workflow_id').references(() => workflows.id, { onDelete: 'set null' }),
    workflowVersion: integer('workflow_version'),
    /** The document as run (inputs applied). */
    document: text('document', { mode: 'json' }).notNull(),
    inputs: text('inputs', { mode: 'json' }).notNull(),
    target: text('target'),
    force: text('force', { mode: 'json' }).notNull(),
    status: text('status').notNull(),
    provider: text('provider').notNull(),
    usage: text('usage', { mode: 'json' }),
    cost: real('cost').notNull().default(0),
    saved: text('saved', { mode: 'json' }),
    error: text('error', { mode: 'json' }),
    createdAt: integer('created_at').notNull(),
    startedAt: integer('started_at'),
    finishedAt: integer('finished_at'),
    /**
     * The pid of the process running it (server or CLI, which share the file); null for runs
     * recorded before the column existed. Start-up interrupts only runs whose owner is gone.
     */
    owner: integer('owner'),
  },
  (t) => [
    index('runs_created_at').on(t.createdAt),
    index('runs_workflow_id').on(t.workflowId, t.createdAt),
    index('runs_status').on(t.status),
  ],
);

export const runNodes = sqliteTable(
  'run_nodes',
  {
    runId: text('run_id')
      .notNull()
      .references(() => runs.id, { onDelete: 'cascade' }),
    nodeId: text('node_id').notNull(),
    status: text('status').notNull(),
    cached: integer('cached', { mode: 'boolean' }).notNull().default(false),
    outputs: text('outputs', { mode: 'json' }),
    error: text('error', { mode: 'json' }),
    usage: text('usage', { mode: 'json' }),
    cost: real('cost').notNull().default(0),
    startedAt: integer('started_at'),
    finishedAt: integer('finished_at'),
    log: text('log', { mode: 'json' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.nodeId] })],
);

/** Every RunEvent of a run, in order, so any watcher can replay from any point. */
export const runEvents = sqliteTable(
  'run_events',
  {
    runId: text('run_id')
      .notNull()
      .references(() => runs.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    type: text('type').notNull(),
    payload: text('payload', { mode: 'json' }).notNull(),
    at: integer('at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.seq] })],
);
