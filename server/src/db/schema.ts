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
    /** Set on a fork: the workflow and version it was copied from (POST /api/workflows/:id/fork). */
    forkedFromId: text('forked_from_id'),
    forkedFromVersion: integer('forked_from_version'),
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
    /** Who saved it (Actor id and name at the time); null on versions saved before authors. */
    authorId: text('author_id'),
    authorName: text('author_name'),
    /** The optional message saved with it ("Restored version 3", "brighter sky"). */
    message: text('message'),
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
    /** The pid of the process running it, for people reading the table; bootId decides. */
    owner: integer('owner'),
    /** How the run was started when not by the owner: `share:<id>` (an app link) or `import`. */
    via: text('via'),
    /**
     * The boot id of the process running it (boots.id): unlike a pid it is never reused, and
     * that process's lease says whether it still lives (runs/boot.ts). Null for older rows.
     */
    bootId: text('boot_id'),
    /** Who started it (Actor id and name at the time; solo: `local`, "You"). Null for older rows. */
    startedById: text('started_by_id'),
    startedByName: text('started_by_name'),
    /** What each recipe node of the run resolved to (`{ [nodeId]: {workflowId, version, name} }`); null without any. */
    recipes: text('recipes', { mode: 'json' }),
  },
  (t) => [
    index('runs_created_at').on(t.createdAt),
    index('runs_workflow_id').on(t.workflowId, t.createdAt),
    index('runs_status').on(t.status),
    index('runs_via').on(t.via),
  ],
);

/**
 * Every process that runs workflows on this database (server or CLI), one row per start:
 * its random boot id, pid (for people reading the table) and lease, renewed while it lives.
 */
export const boots = sqliteTable('boots', {
  id: text('id').primaryKey(),
  pid: integer('pid').notNull(),
  kind: text('kind').notNull(),
  startedAt: integer('started_at').notNull(),
  heartbeatAt: integer('heartbeat_at').notNull(),
});

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

/**
 * Share links (DESIGN.md §11). Only the SHA-256 of the token is kept: the link itself is
 * shown once, at creation. `version` null means "the latest version"; `maxCost` caps what
 * runs through the link may spend (USD).
 */
export const shares = sqliteTable(
  'shares',
  {
    id: text('id').primaryKey(),
    workflowId: text('workflow_id')
      .notNull()
      .references(() => workflows.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique(),
    access: text('access').notNull(),
    version: integer('version'),
    expiresAt: integer('expires_at'),
    maxCost: real('max_cost'),
    createdAt: integer('created_at').notNull(),
    revokedAt: integer('revoked_at'),
  },
  (t) => [index('shares_workflow_id').on(t.workflowId)],
);

/**
 * Which run and node produced (or reused from the cache) each output image, by the SHA-256
 * of its bytes (the blob id): GET /api/provenance/:sha256.
 */
export const provenance = sqliteTable(
  'provenance',
  {
    sha256: text('sha256').notNull(),
    runId: text('run_id')
      .notNull()
      .references(() => runs.id, { onDelete: 'cascade' }),
    nodeId: text('node_id').notNull(),
    port: text('port').notNull(),
    cached: integer('cached', { mode: 'boolean' }).notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.sha256, t.runId, t.nodeId, t.port] }),
    index('provenance_run_id').on(t.runId),
  ],
);

/**
 * Batches (DESIGN.md §10): one recipe version × a table of rows. The document is pinned as it
 * was when the batch started; `position` orders queued batches of the same priority.
 */
export const batches = sqliteTable(
  'batches',
  {
    id: text('id').primaryKey(),
    workflowId: text('workflow_id').references(() => workflows.id, { onDelete: 'set null' }),
    workflowVersion: integer('workflow_version'),
    document: text('document', { mode: 'json' }).notNull(),
    status: text('status').notNull(),
    maxCost: real('max_cost'),
    priority: integer('priority').notNull().default(0),
    position: integer('position').notNull(),
    estimatedCost: real('estimated_cost').notNull().default(0),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    finishedAt: integer('finished_at'),
    /** Who started the batch; each of its rows' runs records them as its starter. */
    startedById: text('started_by_id'),
    startedByName: text('started_by_name'),
  },
  (t) => [index('batches_status').on(t.status, t.priority, t.position)],
);

/**
 * A batch's rows, which are also the queue's jobs: a worker claims a queued row with a lease
 * (`leaseOwner`, `leaseUntil`) that it renews while the row runs; a row whose lease ran out or
 * whose owner died goes back to the queue.
 */
export const batchRows = sqliteTable(
  'batch_rows',
  {
    batchId: text('batch_id')
      .notNull()
      .references(() => batches.id, { onDelete: 'cascade' }),
    index: integer('index').notNull(),
    inputs: text('inputs', { mode: 'json' }).notNull(),
    status: text('status').notNull(),
    runId: text('run_id'),
    cost: real('cost').notNull().default(0),
    estimatedCost: real('estimated_cost').notNull().default(0),
    error: text('error', { mode: 'json' }),
    attempts: integer('attempts').notNull().default(0),
    leaseOwner: text('lease_owner'),
    leaseUntil: integer('lease_until'),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.batchId, t.index] }),
    index('batch_rows_status').on(t.status, t.batchId),
  ],
);

/** Answers to POST requests sent with an Idempotency-Key: a retry gets the first answer. */
export const idempotencyKeys = sqliteTable(
  'idempotency_keys',
  {
    key: text('key').notNull(),
    route: text('route').notNull(),
    /** SHA-256 of the request body: the same key with another body is refused. */
    bodyHash: text('body_hash').notNull(),
    status: integer('status'),
    response: text('response'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.route, t.key] })],
);

export * from './team-schema';
export * from './review-schema';
export * from './webhook-schema';
