import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * A webhook a run or batch named: called once when it finishes, retried with backoff until
 * it answers 2xx or the attempts run out. `log` is the delivery log, one entry per attempt.
 */
export const webhooks = sqliteTable(
  'webhooks',
  {
    /** `run:<id>` or `batch:<id>`: one webhook per run or batch. */
    target: text('target').primaryKey(),
    url: text('url').notNull(),
    /** pending (not finished yet or being retried) | delivered | failed (attempts used up). */
    status: text('status').notNull(),
    attempts: integer('attempts').notNull().default(0),
    log: text('log', { mode: 'json' }).notNull(),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [index('webhooks_status').on(t.status)],
);
